import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { MailDeliveryError } from '../errors/MailDeliveryError';
import { DRILL_SUBJECT_PREFIX } from './templates';
import type { RenderedMail } from './MailContent';

export interface MailerOptions {
  /** Real delivery (SMTP_URL), or the local capture when unset. */
  smtpUrl: string;
  /** The local capture: drill mails (P9) always go here. */
  captureUrl: string;
  from: string;
  poolMaxConnections?: number;
  /** Connection and greeting timeout (ms); a dead server must fail fast so the job is retried. */
  connectionTimeoutMs?: number;
}

export interface OutgoingMail extends RenderedMail {
  to: string[];
  /** The outbox key: the Message-ID is derived from it, so a re-sent copy is the same message. */
  outboxKey: string;
  drill: boolean;
  replyTo?: string;
  /** Extra headers (e.g. List-Unsubscribe for subscriber mails). */
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  accepted: string[];
  viaCapture: boolean;
}

/**
 * Sends mail through pooled nodemailer SMTP transports: the configured server, and the local capture.
 * Drill mails (P9) are marked `[ÖVNING]` and never leave the machine: they always go to the capture.
 */
export class Mailer {
  private readonly real: Transporter;
  private readonly capture: Transporter;
  private readonly realIsCapture: boolean;

  constructor(
    private readonly options: MailerOptions,
    private readonly logger: Logger,
  ) {
    const common = {
      pool: true as const,
      maxConnections: options.poolMaxConnections ?? 5,
      connectionTimeout: options.connectionTimeoutMs ?? 10_000,
      greetingTimeout: options.connectionTimeoutMs ?? 10_000,
      socketTimeout: 60_000,
    };
    this.capture = nodemailer.createTransport({ ...common, url: options.captureUrl, ignoreTLS: true });
    this.realIsCapture = options.smtpUrl === options.captureUrl;
    this.real = this.realIsCapture ? this.capture : nodemailer.createTransport({ ...common, url: options.smtpUrl });
  }

  /** Host:port mail goes to (for error messages; never credentials). */
  private hostOf(url: string): string {
    try {
      const u = new URL(url);
      return `${u.hostname}:${u.port || (u.protocol === 'smtps:' ? 465 : 25)}`;
    } catch {
      return 'smtp';
    }
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const viaCapture = mail.drill || this.realIsCapture;
    const transport = mail.drill ? this.capture : this.real;
    const subject = mail.drill && !mail.subject.startsWith(DRILL_SUBJECT_PREFIX) ? `${DRILL_SUBJECT_PREFIX}${mail.subject}` : mail.subject;
    const domain = /@([^>\s]+)/.exec(this.options.from)?.[1] ?? 'driftstorning-sesam.local';
    const messageId = `<${createHash('sha256').update(mail.outboxKey).digest('hex').slice(0, 32)}@${domain}>`;
    try {
      const info = await transport.sendMail({
        from: this.options.from,
        to: mail.to,
        replyTo: mail.replyTo,
        subject,
        text: mail.text,
        html: mail.html,
        messageId,
        headers: { ...mail.headers, 'X-Drill': mail.drill ? 'true' : 'false', 'Auto-Submitted': 'auto-generated', 'Content-Language': 'sv' },
      });
      const accepted = (info.accepted ?? []).map((a: string | { address: string }) => (typeof a === 'string' ? a : a.address));
      this.logger.debug({ outboxKey: mail.outboxKey, recipientCount: accepted.length, viaCapture }, 'mail sent');
      return { messageId, accepted, viaCapture };
    } catch (err) {
      throw new MailDeliveryError(mail.outboxKey, this.hostOf(mail.drill ? this.options.captureUrl : this.options.smtpUrl), { cause: err });
    }
  }

  close(): void {
    this.capture.close();
    if (!this.realIsCapture) this.real.close();
  }
}
