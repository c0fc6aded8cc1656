import { CamundaAssert } from '@camunda8/process-test';
import { setupRoutineProcessTest } from './support/routineProcessTest';
import { Scenario } from './support/scenario';

const h = setupRoutineProcessTest();

describe('3c only the desk lost contact (driftstorning-sesam)', () => {
  it('R18, R3, P2, P8: desk connects via work mobiles, the system owner is asked for and publishes special information; after restoration it is marked resolved', async () => {
    // given a disruption the desk assesses as its own local fault
    const s = new Scenario(h);
    const { processInstanceKey, disruptionId } = await s.startDisruption();
    const instance = { processInstanceKey } as never;
    await s.completeUserTask(processInstanceKey, 'UserTask_AssessScope', { scope: 'desk-only', summary: 'Kabel avgrävd utanför kontoret.' });

    // when the desk connects via work mobiles and the system owner publishes special information
    const mobile = await s.completeUserTask(processInstanceKey, 'UserTask_ConnectViaWorkMobile', { workMobileConnected: true, localFault: 'Avgrävd fiberkabel' });
    const asked = await s.completeJob('notify-role');
    const { job: special } = await s.approveAndPublishNotice(processInstanceKey);
    await CamundaAssert.assertThat(instance).hasActiveElements('Event_DeskConnectionRestored');
    // and the connection comes back
    await s.publish('system-restored', disruptionId, {});
    const { job: resolved } = await s.approveAndPublishNotice(processInstanceKey);
    await s.completeJobs('notify-role', 2);
    await s.completeUserTask(processInstanceKey, 'UserTask_ReviewDisruption', { reviewSummary: 'Lokal störning, tjänstemobiler fungerade.' });

    // then
    expect(mobile.candidateGroups).toEqual(['desk']);
    expect(asked.customHeaders).toEqual({ role: 'system-owner', template: 'desk-only-notice-requested' });
    expect(special.variables).toMatchObject({ notice: { kind: 'desk-only', state: 'identified', title: 'Hjälpmedel Administration når inte Sesam' } });
    expect(resolved.variables).toMatchObject({ notice: { kind: 'desk-only', state: 'resolved' } });
    await CamundaAssert.assertThat(instance).isCompleted();
    const visited = await s.visited(processInstanceKey);
    for (const id of ['ServiceTask_NotifySystemOwner', 'ServiceTask_CheckSystemOwnerOnDuty', 'SubProcess_SesamDown']) {
      expect(visited.has(`driftstorning-sesam/${id}`)).toBe(false);
    }
  });

  it('P10: each disruption records the version of the routine that governed it', async () => {
    // given a running disruption
    const s = new Scenario(h);
    const { processInstanceKey } = await s.startDisruption();
    // when looking the instance up as Operate does
    const found = await h.camunda().getCamundaRestClient().searchProcessInstances({ filter: { processInstanceKey } } as never);
    // then it names the process version and the routine's version tag
    expect(found.items[0]).toMatchObject({ processDefinitionId: 'driftstorning-sesam', processDefinitionVersion: 1, processDefinitionVersionTag: '2026.1' });
  });
});
