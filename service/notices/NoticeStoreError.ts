import { JobError } from '../errors/JobError';

/** A notice could not be stored (invalid input, conflicting ids). Carries context, never personal data. */
export class NoticeStoreError extends JobError {
  readonly retryable = false;
  constructor(
    message: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'NoticeStoreError';
  }
}
