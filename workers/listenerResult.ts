import type { CamundaRestClient } from '@camunda8/sdk';

/** Camunda 8.8's job result of a task listener (`JobResultUserTask`): deny the user task operation, or correct the task. */
export interface UserTaskJobResult {
  denied: boolean;
  deniedReason?: string;
  corrections?: {
    assignee?: string;
    dueDate?: string;
    followUpDate?: string;
    candidateUsers?: string[];
    candidateGroups?: string[];
    priority?: number;
  };
}

/**
 * Completes a task listener job with a `result` (POST /v2/jobs/{jobKey}/completion). @camunda8/sdk 8.8.13's
 * `completeJob` sends only `variables` and drops any result, so this one call goes through the same client's
 * `callApiEndpoint`: its transport, authentication (OAuth, Basic, Bearer), retries and lossless JSON – a typed REST call
 * rather than a second client (docs/workers.md says why not @camunda8/orchestration-cluster-api).
 */
export async function completeListenerJob(camunda: CamundaRestClient, jobKey: string, result: UserTaskJobResult): Promise<void> {
  await camunda.callApiEndpoint({ method: 'POST', urlPath: `jobs/${encodeURIComponent(jobKey)}/completion`, body: { result: { type: 'userTask', ...result } }, json: false });
}
