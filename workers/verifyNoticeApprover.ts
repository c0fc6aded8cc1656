import type { CamundaRestClient } from '@camunda8/sdk';
import { JOB_CONTRACTS, JOB_TYPES, recordedApprovalSchema } from '../contract';
import { judgeApprover } from '../service/approvals/ApproverPolicy';
import { runJob, type JobAck, type WorkerJob } from './jobRunner';
import { registerWorker } from './registerWorker';
import type { WorkerServices } from './services';
import type { WorkerOptions } from './workerOptions';

/**
 * R3, decided by the engine: the completing task listener of the approval task (`UserTask_ApproveNotice`). The
 * completion of the task is denied unless its assignee is a member of the system-owner group – the person in the task
 * list sees why, and the task stays as it was. When accepted, the approver is recorded on the process instance
 * (`noticeApprovedBy`, `noticeApprovedAt`) for publish-notice, which then trusts the process: no search, no race.
 */
export const VERIFY_NOTICE_APPROVER = JOB_TYPES.verifyNoticeApprover;
const contract = JOB_CONTRACTS[VERIFY_NOTICE_APPROVER];

/** The approval task's assignee as the listener job carries it (`userTask`, else Camunda's `io.camunda.zeebe:assignee` header). */
function assigneeOf(job: WorkerJob): string | undefined {
  const fromTask = (job as WorkerJob & { userTask?: { assignee?: string | null } }).userTask?.assignee;
  const fromHeader = (job.customHeaders as Record<string, unknown> | undefined)?.['io.camunda.zeebe:assignee'];
  return fromTask ?? (typeof fromHeader === 'string' ? fromHeader : undefined);
}

export async function handleVerifyNoticeApprover(job: WorkerJob, services: WorkerServices): Promise<JobAck> {
  return runJob(job, { jobType: VERIFY_NOTICE_APPROVER, input: contract.input, headers: contract.headers }, services, async (_input, _headers, log) => {
    const verdict = judgeApprover(assigneeOf(job), services.directory);
    if (!verdict.approved) {
      log.warn({}, 'approval task completed by someone outside the system-owner group: completion denied (R3)');
      return { kind: 'deny', reason: verdict.reason };
    }
    const recorded = recordedApprovalSchema.parse({ noticeApprovedBy: verdict.approvedBy, noticeApprovedAt: services.now().toISOString() });
    await services.setVariables(job.processInstanceKey, recorded);
    log.info({}, 'notice approved by a member of the system-owner group (R3)');
    return { kind: 'complete', variables: contract.output.parse({}) };
  });
}

export function registerVerifyNoticeApprover(client: CamundaRestClient, services: WorkerServices, options: WorkerOptions) {
  return registerWorker(client, VERIFY_NOTICE_APPROVER, options, (job) => handleVerifyNoticeApprover(job, services));
}
