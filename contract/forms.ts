/** Camunda Form ids (`forms/<id>.form`, `zeebe:formDefinition formId`). */
export const FORMS = {
  /** Desk: which kind of disruption is this? (R12, R13, R18) */
  assessScope: 'assess-scope',
  /** System owner: write and approve a notice before it is published (R3, R11, R21, P3). */
  approveNotice: 'approve-notice',
  /** System owner: acknowledge the report in time (P4, R11, R13). */
  acknowledgeDisruption: 'acknowledge-disruption',
  /** Desk: connect through work mobile phones (R18). */
  connectViaWorkMobile: 'connect-via-work-mobile',
  /** VO Hjälpmedel: follow regional IT's instructions in a full outage (R12). */
  followItInstructions: 'follow-it-instructions',
  /** Aktiv Ortopedteknik: report the paper referrals entered after restoration (R19, P2). */
  reconcilePaperReferrals: 'reconcile-paper-referrals',
  /** VO Hjälpmedel: a prognosis exists at the 4-hour mark – start the backup routine now or await the prognosis? (T2, R17, R19) */
  decideBackupRoutine: 'decide-backup-routine',
  /** VO Hjälpmedel: short post-incident review (P8). */
  reviewDisruption: 'review-disruption',
} as const;
export type FormId = (typeof FORMS)[keyof typeof FORMS];
