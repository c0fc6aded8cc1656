import { JobError } from './JobError';

/** The service desk (ITSM) could not be reached or answered with an error. Technical fault: retried. */
export class ServiceDeskError extends JobError {
  readonly retryable = true;
  constructor(
    readonly adapter: string,
    readonly operation: 'lookup' | 'create',
    readonly status: number | undefined,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`Servicedesk (${adapter}) ${operation === 'lookup' ? 'sökning' : 'skapa ärende'} misslyckades${status ? ` (HTTP ${status})` : ''}: ${detail}`, options);
    this.name = 'ServiceDeskError';
  }
}
