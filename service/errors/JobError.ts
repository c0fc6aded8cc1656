/**
 * A failure of the work a job asked for, carrying its context. `retryable` says whether trying again can help: a
 * technical fault (SMTP, ITSM, webhook, a record not yet visible) is retried with back-off; anything else (bad input,
 * a missing dependency, an invalid notice) becomes an incident at once, for an operator to see.
 */
export abstract class JobError extends Error {
  abstract readonly retryable: boolean;
}
