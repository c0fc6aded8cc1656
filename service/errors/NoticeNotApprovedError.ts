/** R3: a notice may only be published after approval by a member of the system-owner group. */
export class NoticeNotApprovedError extends Error {
  constructor(
    readonly disruptionId: string,
    /** Who was recorded as approver (a user id, not personal contact data). */
    readonly approvedBy: string | undefined,
    readonly reason: 'not-approved' | 'not-system-owner' | 'no-assignee',
  ) {
    super(
      reason === 'not-approved'
        ? 'Driftinformationen är inte godkänd av systemansvarig'
        : reason === 'no-assignee'
          ? 'Godkännandeuppgiften slutfördes utan tilldelad användare; ta uppgiften och godkänn igen'
          : `Godkännaren ${approvedBy ?? '(okänd)'} tillhör inte gruppen systemansvariga`,
    );
    this.name = 'NoticeNotApprovedError';
  }
}
