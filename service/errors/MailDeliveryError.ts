import { JobError } from './JobError';

/** The SMTP server could not be reached or refused a mail. Technical fault: the job is retried. */
export class MailDeliveryError extends JobError {
  readonly retryable = true;
  constructor(
    /** The outbox key of the mail (what it was for), never the recipient's address alone. */
    readonly outboxKey: string,
    readonly smtpHost: string,
    options?: { cause?: unknown; scope?: string; possiblyAccepted?: boolean },
  ) {
    super(`E-post kunde inte skickas via ${smtpHost}${options?.scope ? ` (${options.scope})` : ''}: ${describeCause(options?.cause)}`, { cause: options?.cause });
    this.name = 'MailDeliveryError';
    this.possiblyAccepted = options?.possiblyAccepted ?? false;
  }

  /** The mail was handed over before the error (no reply code): the server may have accepted it (the outbox keeps it in doubt). */
  readonly possiblyAccepted: boolean;
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return (cause as Error & { code?: string }).code ? `${(cause as Error & { code?: string }).code} ${cause.message}` : cause.message;
  return String(cause);
}
