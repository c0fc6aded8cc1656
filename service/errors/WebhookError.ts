import { JobError } from './JobError';

/** The configured notice webhook (the region's CMS) failed. Technical fault: retried. */
export class WebhookError extends JobError {
  readonly retryable = true;
  constructor(
    readonly url: string,
    readonly status: number | undefined,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`Webhook ${url} misslyckades${status ? ` (HTTP ${status})` : ''}: ${detail}`, options);
    this.name = 'WebhookError';
  }
}
