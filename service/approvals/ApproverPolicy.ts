import type { RoleDirectory } from '../directory/RoleDirectory';

/** What R3 says about the person completing a notice's approval task. */
export type ApproverVerdict = { approved: true; approvedBy: string } | { approved: false; reason: string };

/**
 * R3: only a member of the system-owner group approves a notice. The approver is the approval task's assignee when it
 * is completed (Tasklist requires a task to be claimed before it is completed; the local task list claims on submit) –
 * never the form's free-text `approvedBy`. The reason of a refusal is shown to the person in the task list.
 */
export function judgeApprover(assignee: string | null | undefined, directory: RoleDirectory): ApproverVerdict {
  const who = assignee?.trim();
  if (!who) return { approved: false, reason: 'Godkännandeuppgiften är inte tilldelad någon: ta uppgiften och godkänn igen (endast systemansvarig får godkänna driftinformation)' };
  if (!directory.isSystemOwner(who)) return { approved: false, reason: `Endast systemansvarig får godkänna driftinformation: ${who} tillhör inte gruppen systemansvariga` };
  return { approved: true, approvedBy: who };
}
