import { handleVerifyNoticeApprover, VERIFY_NOTICE_APPROVER } from '../../workers/verifyNoticeApprover';
import { fakeJob } from './support/fakeJob';
import { startHarness, type Harness } from './support/harness';

/** A completing task listener job of the approval task, as Camunda 8.8 activates it (`userTask` and the io.camunda.zeebe headers). */
function listenerJob(assignee: string | null) {
  const headers: Record<string, string> = { 'io.camunda.zeebe:action': 'complete', 'io.camunda.zeebe:userTaskKey': '2251799813685400' };
  if (assignee) headers['io.camunda.zeebe:assignee'] = assignee;
  const fake = fakeJob(VERIFY_NOTICE_APPROVER, { disruptionId: 'DS-2026-0042' }, headers);
  Object.assign(fake.job, { kind: 'TASK_LISTENER', listenerEventType: 'COMPLETING', userTask: { action: 'complete', assignee, candidateGroups: ['system-owner'], userTaskKey: '2251799813685400' } });
  return fake;
}

describe('verify-notice-approver: the approval task\'s completing listener (R3)', () => {
  let h: Harness;
  const recorded: Array<{ elementInstanceKey: string; variables: Record<string, unknown> }> = [];
  const results: Array<{ jobKey: string; result: { denied: boolean; deniedReason?: string } }> = [];
  beforeEach(async () => {
    recorded.length = 0;
    results.length = 0;
    h = await startHarness({}, {
      now: () => new Date('2026-11-24T09:31:00+01:00'),
      setVariables: async (elementInstanceKey, variables) => {
        recorded.push({ elementInstanceKey, variables });
      },
      completeListenerJob: async (jobKey, result) => {
        results.push({ jobKey, result });
      },
    });
  });
  afterEach(() => h.close());

  test('R3: the system owner\'s completion is accepted and she is recorded as the approver on the process instance', async () => {
    // given
    const { job, calls } = listenerJob('systemansvarig');
    // when
    await handleVerifyNoticeApprover(job, h.services);
    // then
    expect(calls.complete).toEqual([{}]);
    expect(results).toEqual([]);
    expect(recorded).toEqual([{ elementInstanceKey: job.processInstanceKey, variables: { noticeApprovedBy: 'systemansvarig', noticeApprovedAt: '2026-11-24T08:31:00.000Z' } }]);
  });

  test('R3: a completion by someone outside the system-owner group is denied with the reason, and nothing is recorded', async () => {
    // given the desk claimed the approval task and completed it (with the owner's id typed into the form)
    const { job, calls } = listenerJob('desk');
    // when
    await handleVerifyNoticeApprover(job, h.services);
    // then
    expect(results).toEqual([{ jobKey: job.jobKey, result: { denied: true, deniedReason: 'Endast systemansvarig får godkänna driftinformation: desk tillhör inte gruppen systemansvariga' } }]);
    expect(calls.complete).toEqual([]);
    expect(recorded).toEqual([]);
  });

  test('R3: a completion of an unassigned approval task is denied: claim it first', async () => {
    // given
    const { job } = listenerJob(null);
    // when
    await handleVerifyNoticeApprover(job, h.services);
    // then
    expect(results).toEqual([{ jobKey: job.jobKey, result: { denied: true, deniedReason: expect.stringContaining('inte tilldelad någon: ta uppgiften och godkänn igen') } }]);
  });

  test('R3: when the engine cannot take the recorded approver, the listener job is retried with back-off (the completion waits)', async () => {
    // given
    h.services.setVariables = async () => {
      throw new Error('engine unreachable');
    };
    const { job, calls } = listenerJob('systemansvarig');
    // when
    await handleVerifyNoticeApprover(job, h.services);
    // then
    expect(calls.fail).toEqual([expect.objectContaining({ retries: 2, retryBackOff: 10_000 })]);
    expect(calls.complete).toEqual([]);
  });
});
