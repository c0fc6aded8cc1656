/** BPMN error codes thrown by workers (`job.error`) and caught in the models. */
export const ERROR_CODES = {
  /** publish-notice: no valid approval by a member of the system-owner group (R3). */
  noticeNotApproved: 'NOTICE_NOT_APPROVED',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
