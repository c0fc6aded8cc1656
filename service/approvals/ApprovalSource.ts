/** A completed approval user task (R3): who completed it and when. */
export interface CompletedApproval {
  userTaskKey: string;
  /** The Tasklist user the task was assigned to when completed: the approver. */
  assignee?: string;
  completedAt?: string;
}

/** Where publish-notice learns who approved a notice: the engine's record of the approval user task. */
export interface ApprovalSource {
  /** The most recently completed approval task of this process instance, if any is visible. */
  latestApproval(processInstanceKey: string): Promise<CompletedApproval | undefined>;
}

/** The element id of the approval user task (`approve-notice` form) in every process that publishes (contract). */
export { APPROVAL_TASK_ELEMENT_ID } from '../../contract';
