import { WebhookError } from '../errors/WebhookError';

export interface NoticeWebhookPayload {
  event: 'notice.published';
  disruptionId: string;
  noticeId: string;
  updateNumber: number;
  url: string;
  kind: string;
  state: string;
  title: string;
  body: string;
  prognosis?: string;
  /** T2: the prognosed restoration time, ISO 8601. */
  prognosisAt?: string;
  links: Array<{ title: string; url: string }>;
  publishedAt: string;
}

/**
 * Optional: posts each published notice update to a configured webhook (the region's CMS, R4).
 * Idempotency: the `Idempotency-Key` header is `<noticeId>#<updateNumber>`; the caller's outbox makes sure
 * a completed post is not repeated.
 */
export class NoticeWebhook {
  constructor(private readonly options: { url: string; token?: string; timeoutMs?: number }) {}

  get url(): string {
    return this.options.url;
  }

  async post(payload: NoticeWebhookPayload): Promise<{ status: number }> {
    let res: Response;
    try {
      res = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `${payload.noticeId}#${payload.updateNumber}`,
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new WebhookError(this.options.url, undefined, (err as Error).message, { cause: err });
    }
    if (!res.ok) throw new WebhookError(this.options.url, res.status, (await res.text()).slice(0, 300));
    return { status: res.status };
  }
}
