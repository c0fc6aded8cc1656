import type { ApprovalSource, CompletedApproval } from '../../../service/approvals/ApprovalSource';

/**
 * Stands in for the engine's record of completed approval user tasks in handler tests that run without an
 * engine (fake jobs). The real lookup through the SDK is tested end to end on the local runtime.
 */
export class RecordedApprovals implements ApprovalSource {
  private readonly byInstance = new Map<string, CompletedApproval | null>();

  constructor(private readonly defaultAssignee: string | undefined = 'systemansvarig') {}

  /** The approval task of `processInstanceKey` was completed by `assignee` (null: no completed task). */
  set(processInstanceKey: string, approval: CompletedApproval | null): void {
    this.byInstance.set(processInstanceKey, approval);
  }

  async latestApproval(processInstanceKey: string): Promise<CompletedApproval | undefined> {
    const recorded = this.byInstance.get(processInstanceKey);
    if (recorded === null) return undefined;
    return recorded ?? { userTaskKey: '1', assignee: this.defaultAssignee, completedAt: '2026-11-24T08:30:00.000Z' };
  }
}
