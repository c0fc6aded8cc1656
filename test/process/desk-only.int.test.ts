import { CamundaAssert } from '@camunda8/process-test';
import { assess, leftoversOfTheOutage, restore, review } from './support/paths';
import { setupRoutineProcessTest } from './support/routineProcessTest';

const h = setupRoutineProcessTest();

describe('3c only the desk lost contact (driftstorning-sesam)', () => {
  it('R18, R3, T4, T3, P2, P8: the desk connects via work mobiles, the system owner publishes special information that never says Sesam works for prescribers; after restoration it is resolved, the callers are told, review closes it', async () => {
    // given a disruption the desk assesses as its own local fault
    const s = h.scenario();
    const d = await s.startDisruption({ report: { reportId: 'R-3C', receivedAt: (await s.engineNow()).toISOString(), channel: 'phone', deskOnly: true, hasEmail: false } });
    await assess(s, d, 'desk-only', 'Kabel avgrävd utanför kontoret.');

    // when the desk connects via work mobiles and the system owner approves the special information
    const mobile = await s.completeUserTask(d.processInstanceKey, 'UserTask_ConnectViaWorkMobile', { workMobileConnected: true, localFault: 'Avgrävd fiberkabel' });
    const [asked] = await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_RequestDeskOnlyNotice' });
    const { job: special } = await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishDeskOnlyNotice');

    // then the special notice is public and the disruption waits for the connection to come back
    expect(mobile.candidateGroups).toEqual(['desk']);
    expect(asked!.customHeaders).toEqual({ role: 'system-owner', template: 'desk-only-notice-requested' });
    expect(special.variables).toMatchObject({ notice: { kind: 'desk-only', state: 'identified', title: 'Hjälpmedel Administration når inte Sesam' } });
    const body = (special.variables.notice as { body: string }).body;
    expect(body).toContain('30 000');
    expect(body).not.toMatch(/fungerar (som vanligt )?för förskrivar|Sesam fungerar/i);
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('EndEvent_DeskOnlyNoticePublished');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Event_SystemRestored');

    // when the connection comes back
    await restore(s, d);

    // then the special information is resolved, the callers are told (T3), and the review closes it
    expect(await leftoversOfTheOutage(s, d)).toEqual([]);
    expect(s.pilot.job('register-restoration').answer).toMatchObject({ publishedNoticeKinds: ['desk-only'] });
    const { job: resolved } = await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishResolvedNotice');
    expect(resolved.variables).toMatchObject({ notice: { kind: 'desk-only', state: 'resolved' } });
    const [callers] = await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifyPrescribersRestored' });
    expect(callers!.customHeaders).toEqual({ role: 'prescribers', template: 'system-restored' });
    await review(s, d, 'Lokal störning, tjänstemobiler fungerade.');
    const visited = await s.visited(d.processInstanceKey);
    for (const id of ['ServiceTask_NotifySystemOwner', 'ServiceTask_CheckSystemOwnerOnDuty', 'SubProcess_SesamDown', 'SubProcess_EndBackupRoutine']) {
      expect(visited.has(`driftstorning-sesam/${id}`)).toBe(false);
    }
  });

  it('R18, T3: restored while the special information waits for approval – the approval is withdrawn and nothing is published', async () => {
    // given 3c with the special information waiting for the system owner
    const s = h.scenario();
    const d = await s.startDisruption();
    await assess(s, d, 'desk-only', 'Nätverket på kontoret ligger nere.');
    await s.completeUserTask(d.processInstanceKey, 'UserTask_ConnectViaWorkMobile', { workMobileConnected: true, localFault: 'Switch trasig' });
    await s.userTask(d.processInstanceKey, { elementId: 'UserTask_ApproveNotice', calledBy: 'CallActivity_PublishDeskOnlyNotice' });

    // when the connection comes back
    await restore(s, d);

    // then the approval is withdrawn, nothing needs resolving, the callers are told
    expect(await leftoversOfTheOutage(s, d)).toEqual([]);
    expect(s.pilot.job('register-restoration').answer).toMatchObject({ publishedNoticeKinds: [] });
    await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifyPrescribersRestored' });
    await review(s, d);
    expect(s.pilot.jobs('publish-notice')).toEqual([]);
  });
});
