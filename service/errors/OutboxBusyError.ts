import { JobError } from './JobError';

/**
 * Another delivery of the same job is performing this effect right now (its lease has not run out).
 * Technical: the job is retried later, and then finds the effect done.
 */
export class OutboxBusyError extends JobError {
  readonly retryable = true;
  constructor(
    readonly outboxKey: string,
    readonly leaseUntil: string,
  ) {
    super(`Effekten ${outboxKey} utförs redan (lås till ${leaseUntil}); försöker igen senare`);
    this.name = 'OutboxBusyError';
  }
}
