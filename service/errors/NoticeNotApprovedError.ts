/** R3: a notice may only be published after approval by a member of the system-owner group. */
export class NoticeNotApprovedError extends Error {
  constructor(
    readonly disruptionId: string,
    /** Who was recorded as approver (a user id, not personal contact data). */
    readonly approvedBy: string | undefined,
    readonly reason: 'not-approved',
  ) {
    // who may approve is decided when the approval task completes (service/approvals/ApproverPolicy.ts)
    super('Driftinformationen är inte godkänd av systemansvarig');
    this.name = 'NoticeNotApprovedError';
  }
}
