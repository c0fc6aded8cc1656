import type { CamundaRestClient } from '@camunda8/sdk';
import { APPROVAL_TASK_ELEMENT_ID, type ApprovalSource, type CompletedApproval } from './ApprovalSource';

/**
 * Reads the approval from the engine through the SDK (`POST /v2/user-tasks/search`): the completed
 * `UserTask_ApproveNotice` of the job's process instance with the latest completion. Tasklist requires a
 * task to be claimed before it is completed, so its assignee is the approver – not a free-text field.
 */
export class EngineApprovalSource implements ApprovalSource {
  constructor(private readonly camunda: CamundaRestClient) {}

  async latestApproval(processInstanceKey: string): Promise<CompletedApproval | undefined> {
    const res = await this.camunda.searchUserTasks({
      filter: { processInstanceKey, elementId: APPROVAL_TASK_ELEMENT_ID, state: 'COMPLETED' },
      page: { from: 0, limit: 100 },
    } as Parameters<CamundaRestClient['searchUserTasks']>[0]);
    const items = (res.items ?? []) as Array<{ userTaskKey: string; assignee?: string | null; completionDate?: string | null }>;
    const latest = items
      .slice()
      .sort((a, b) => String(a.completionDate ?? '').localeCompare(String(b.completionDate ?? '')) || (BigInt(a.userTaskKey) < BigInt(b.userTaskKey) ? -1 : 1))
      .pop();
    if (!latest) return undefined;
    return { userTaskKey: latest.userTaskKey, assignee: latest.assignee ?? undefined, completedAt: latest.completionDate ?? undefined };
  }
}
