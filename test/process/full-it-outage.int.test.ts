import { CamundaAssert } from '@camunda8/process-test';
import { assess, leftoversOfTheOutage, restore, review } from './support/paths';
import { setupRoutineProcessTest } from './support/routineProcessTest';

const h = setupRoutineProcessTest();

describe('3a full-scale IT outage (driftstorning-sesam)', () => {
  it('R12, R5, P1, T3, P8: VO Hjälpmedel follows each of IT’s instructions and takes no own action; a new report gets no receipt; after restoration the callers are told and the review closes it', async () => {
    // given a disruption the desk assesses as a full IT outage
    const s = h.scenario();
    const d = await s.startDisruption();
    const assessment = await s.userTask(d.processInstanceKey, 'UserTask_AssessScope');
    expect(assessment).toMatchObject({ candidateGroups: ['desk'], name: 'Bedöm omfattning' });
    await assess(s, d, 'full-it-outage', 'Inget IT-system i regionen fungerar.');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Event_ItInstructionsReceived');

    // when IT sends instructions, VO Hjälpmedel follows them, and IT sends more
    await s.publish('it-instructions-received', d.disruptionId, { itInstructions: 'Använd reservrutiner enligt regional krisledning.' });
    const follow = await s.userTask(d.processInstanceKey, 'UserTask_FollowItInstructions');
    expect(follow.candidateGroups).toEqual(['assistive-devices-operation']);
    await s.completeUserTask(d.processInstanceKey, 'UserTask_FollowItInstructions', { itInstructionsActions: 'Informerat personalen.', itInstructionsFollowed: true });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Event_ItInstructionsReceived');
    await s.publish('it-instructions-received', d.disruptionId, { itInstructions: 'Hänvisa förskrivare till telefon 30 000.' });
    await s.completeUserTask(d.processInstanceKey, 'UserTask_FollowItInstructions', { itInstructionsActions: 'Hänvisat.', itInstructionsFollowed: true });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Event_ItInstructionsReceived');

    // then the instructions loop ran twice
    expect(await s.count(d.processInstanceKey, 'driftstorning-sesam/UserTask_FollowItInstructions')).toBe(2);

    // when another caller reports the outage
    await s.publish('report-received', d.disruptionId, { newReports: [{ reportId: `${d.disruptionId}-R2`, receivedAt: (await s.engineNow()).toISOString(), channel: 'phone', deskOnly: false, hasEmail: true }] });

    // then the report is counted, but VO Hjälpmedel sends nothing of its own (R12)
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('EndEvent_ReportAttachedQuietly');
    expect((await s.variables(d.processInstanceKey)).reportCount).toBe(2);
    expect(s.pilot.jobs({ type: 'notify-role', elementId: 'ServiceTask_InformReportingPrescriber' })).toEqual([]);

    // when IT reports everything restored
    await restore(s, d);

    // then nothing of the outage is open, every caller is told Sesam works again (T3), and no notice was involved
    expect(await leftoversOfTheOutage(s, d)).toEqual([]);
    const [callers] = await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifyPrescribersRestored' });
    expect(callers!.customHeaders).toEqual({ role: 'prescribers', template: 'system-restored' });
    expect(s.pilot.job('register-restoration').answer).toMatchObject({ publishedNoticeKinds: [] });
    await review(s, d, 'Regionalt IT-haveri, två timmar.');
    const visited = await s.visited(d.processInstanceKey);
    for (const id of ['SubProcess_SesamDown', 'ServiceTask_NotifySystemOwner', 'ServiceTask_ContactVendor', 'CallActivity_PublishFirstNotice', 'CallActivity_PublishResolvedNotice']) {
      expect(visited.has(`driftstorning-sesam/${id}`)).toBe(false);
    }
    expect(s.pilot.jobs('publish-notice')).toEqual([]);
    expect(s.pilot.jobs('contact-vendor')).toEqual([]);
  });

  it('R12, T3: IT reports Sesam restored while VO Hjälpmedel is following an instruction – the task is withdrawn', async () => {
    // given VO Hjälpmedel working on IT's instruction
    const s = h.scenario();
    const d = await s.startDisruption();
    await assess(s, d, 'full-it-outage', 'Inget IT-system i regionen fungerar.');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Event_ItInstructionsReceived');
    await s.publish('it-instructions-received', d.disruptionId, { itInstructions: 'Avvakta.' });
    await s.userTask(d.processInstanceKey, 'UserTask_FollowItInstructions');

    // when IT reports Sesam restored
    await restore(s, d);

    // then the instruction task is withdrawn and the closing work runs
    expect(await leftoversOfTheOutage(s, d)).toEqual([]);
    expect(await s.trail(d.processInstanceKey)).toContain('driftstorning-sesam/UserTask_FollowItInstructions:TERMINATED');
    await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifyPrescribersRestored' });
    await review(s, d);
  });
});
