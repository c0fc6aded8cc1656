import type { EngineGateway } from '../../lib/camunda/EngineGateway';
import { APPROVAL_TASK_ELEMENT_ID, type ApprovalSource, type CompletedApproval } from './ApprovalSource';

/**
 * Reads the approval from the engine through the gateway (`POST /v2/user-tasks/search`): the completed
 * `UserTask_ApproveNotice` of the job's process instance with the latest completion. Tasklist requires a
 * task to be claimed before it is completed, so its assignee is the approver – not a free-text field.
 */
export class EngineApprovalSource implements ApprovalSource {
  constructor(private readonly engine: Pick<EngineGateway, 'userTasks'>) {}

  async latestApproval(processInstanceKey: string): Promise<CompletedApproval | undefined> {
    const items = await this.engine.userTasks({ processInstanceKey, elementId: APPROVAL_TASK_ELEMENT_ID, state: 'COMPLETED' }, 100);
    const latest = items
      .slice()
      .sort((a, b) => String(a.completionDate ?? '').localeCompare(String(b.completionDate ?? '')) || (BigInt(a.userTaskKey) < BigInt(b.userTaskKey) ? -1 : 1))
      .pop();
    if (!latest) return undefined;
    return { userTaskKey: latest.userTaskKey, assignee: latest.assignee ?? undefined, completedAt: latest.completionDate ?? undefined };
  }
}
