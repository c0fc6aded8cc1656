import { CamundaAssert } from '@camunda8/process-test';
import { setupRoutineProcessTest } from './support/routineProcessTest';
import { Scenario } from './support/scenario';

const h = setupRoutineProcessTest();

describe('3a full-scale IT outage (driftstorning-sesam)', () => {
  it('R12, R5: VO Hjälpmedel waits for IT’s instructions, follows them, takes no own action, and reviews (P8) after restoration', async () => {
    // given a disruption the desk assesses as a full IT outage
    const s = new Scenario(h);
    const { processInstanceKey, disruptionId } = await s.startDisruption();
    const instance = { processInstanceKey } as never;
    const assess = await s.completeUserTask(processInstanceKey, 'UserTask_AssessScope', { scope: 'full-it-outage', summary: 'Inget IT-system i regionen fungerar.' });
    expect(assess.candidateGroups).toEqual(['desk']);
    expect(assess.name).toBe('Bedöm omfattning');
    await CamundaAssert.assertThat(instance).hasActiveElements('Gateway_WaitForIt');

    // when IT sends instructions, VO Hjälpmedel follows them, and later IT reports everything restored
    await s.publish('it-instructions-received', disruptionId, { itInstructions: 'Använd reservrutiner enligt regional krisledning.' });
    const follow = await s.userTask(processInstanceKey, 'UserTask_FollowItInstructions');
    expect(follow.candidateGroups).toEqual(['assistive-devices-operation']);
    await s.completeUserTask(processInstanceKey, 'UserTask_FollowItInstructions', { itInstructionsActions: 'Informerat personalen.', itInstructionsFollowed: true });
    await CamundaAssert.assertThat(instance).hasActiveElements('Gateway_WaitForIt');
    await s.publish('system-restored', disruptionId, { restoredAt: (await s.engineNow()).toISOString() });
    const reviewDue = await s.completeJob('notify-role');
    await s.completeUserTask(processInstanceKey, 'UserTask_ReviewDisruption', { reviewSummary: 'Regionalt IT-haveri, två timmar.' });

    // then the instance completed through the R12 branch only: no notice, no system owner report, no vendor
    await CamundaAssert.assertThat(instance).isCompleted();
    expect(reviewDue.customHeaders).toEqual({ role: 'assistive-devices-operation', template: 'review-due' });
    const visited = await s.visited(processInstanceKey);
    expect([...visited]).toEqual(
      expect.arrayContaining([
        'driftstorning-sesam/Event_ItInstructionsReceived',
        'driftstorning-sesam/UserTask_FollowItInstructions',
        'driftstorning-sesam/Event_SystemRestoredAfterItOutage',
        'driftstorning-sesam/UserTask_ReviewDisruption',
        'driftstorning-sesam/EndEvent_DisruptionClosed',
      ]),
    );
    for (const notVisited of ['ServiceTask_NotifySystemOwner', 'ServiceTask_ContactVendor', 'CallActivity_PublishFirstNotice', 'CallActivity_PublishResolvedNotice']) {
      expect(visited.has(`driftstorning-sesam/${notVisited}`)).toBe(false);
    }
  });
});
