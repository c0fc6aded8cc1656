import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { MailDeliveryError } from '../errors/MailDeliveryError';
import { DRILL_SUBJECT_PREFIX } from './templates';
import type { RenderedMail } from './MailContent';
import type { EffectAttempt } from '../outbox/Outbox';

export interface MailerOptions {
  /** Real delivery (SMTP_URL), or the local capture when unset. */
  smtpUrl: string;
  /** The local capture: drill mails (P9) always go here. */
  captureUrl: string;
  from: string;
  poolMaxConnections?: number;
  /** Connection and greeting timeout (ms); a dead server must fail fast so the job is retried. */
  connectionTimeoutMs?: number;
  /**
   * When this process runs the local capture: did it store a mail with this Message-ID? (It stores a mail before it
   * answers 250, so "no" means it cannot have accepted it.) Lets an in-doubt mail to the capture be settled exactly.
   */
  captureLedger?: (messageId: string) => boolean;
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
  /** Not sent now: an in-doubt attempt found accepted (capture), or already sent twice (never a third copy). */
  settled?: 'found-in-capture' | 'sent-twice';
}

/** The key under which a mail's `handedOver` callback rides in nodemailer's mail data (read by the stream plugin). */
const HANDED_OVER = '_sesamHandedOver';

/**
 * Sends mail through pooled nodemailer SMTP transports: the configured server, and the local capture.
 * Drill mails (P9) are marked `[ÖVNING]` and never leave the machine: they always go to the capture.
 *
 * Issue #10: the outbox learns the moment a mail is *handed over* – its message stream has been read to the end by the
 * SMTP connection, which then sends the end of data; before that no server can have accepted it. An attempt the outbox
 * reports in doubt (handed over, no answer) is settled here: found in the local capture → not sent again; not there →
 * sent; unknown (a real SMTP server) → sent once more with the same Message-ID, and never a third time.
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
    for (const transport of this.realIsCapture ? [this.capture] : [this.capture, this.real]) Mailer.reportHandOver(transport);
  }

  /**
   * A nodemailer plugin: the message stream the SMTP connection reads (created only once MAIL FROM and RCPT TO are done)
   * calls the mail's `handedOver` when it has been read to the end, before the stream ends – the end is what makes the
   * connection write the "." that ends the data – so the mark is written before the server can answer 250.
   */
  private static reportHandOver(transport: Transporter): void {
    transport.use('stream', (mail, done) => {
      const handedOver = (mail.data as Record<string, unknown>)[HANDED_OVER];
      if (typeof handedOver === 'function') {
        const message = mail.message as unknown as { createReadStream: (...args: unknown[]) => NodeJS.ReadableStream };
        const create = message.createReadStream.bind(message);
        message.createReadStream = (...args: unknown[]) => {
          const source = create(...args) as NodeJS.ReadableStream & { on: NodeJS.ReadableStream['on'] };
          // The mark is written once the data has passed (flush), before the stream ends – and so before the "." that
          // ends the data. If it cannot be written (the file locked past its busy timeout), the stream fails instead of
          // ending: the server never gets the end of the data, cannot accept the mail, and it is tried again later.
          const marked = new Transform({
            transform: (chunk: Buffer, _encoding, callback) => callback(null, chunk),
            flush: (callback) => {
              try {
                (handedOver as () => void)();
                callback();
              } catch (err) {
                callback(err as Error);
              }
            },
          });
          source.on('error', (err: Error) => marked.destroy(err));
          return source.pipe(marked);
        };
      }
      done();
    });
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

  /** Send `mail`; with the outbox's `attempt`, report the hand-over and settle an attempt in doubt (see the class). */
  async send(mail: OutgoingMail, attempt?: EffectAttempt): Promise<SentMail> {
    const viaCapture = mail.drill || this.realIsCapture;
    const transport = mail.drill ? this.capture : this.real;
    const subject = mail.drill && !mail.subject.startsWith(DRILL_SUBJECT_PREFIX) ? `${DRILL_SUBJECT_PREFIX}${mail.subject}` : mail.subject;
    const domain = /@([^>\s]+)/.exec(this.options.from)?.[1] ?? 'driftstorning-sesam.local';
    const messageId = `<${createHash('sha256').update(mail.outboxKey).digest('hex').slice(0, 32)}@${domain}>`;
    if (attempt && attempt.inDoubt > 0) {
      const found = viaCapture && this.options.captureLedger ? this.options.captureLedger(messageId) : undefined;
      if (found === true) {
        this.logger.info({ outboxKey: mail.outboxKey, inDoubt: attempt.inDoubt }, 'mail in doubt: found in the local capture, not sent again');
        return { messageId, accepted: mail.to, viaCapture, settled: 'found-in-capture' };
      }
      if (found === undefined && attempt.inDoubt >= 2) {
        this.logger.warn({ outboxKey: mail.outboxKey, inDoubt: attempt.inDoubt }, 'mail in doubt twice: sent twice already, not sent a third time');
        return { messageId, accepted: mail.to, viaCapture, settled: 'sent-twice' };
      }
      this.logger.info({ outboxKey: mail.outboxKey, inDoubt: attempt.inDoubt, found }, 'mail in doubt: sent again with the same Message-ID');
    }
    let handedOver = false;
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
        [HANDED_OVER]: () => {
          attempt?.handedOver();
          handedOver = true;
        },
      } as Parameters<Transporter['sendMail']>[0]);
      const accepted = (info.accepted ?? []).map((a: string | { address: string }) => (typeof a === 'string' ? a : a.address));
      this.logger.debug({ outboxKey: mail.outboxKey, recipientCount: accepted.length, viaCapture }, 'mail sent');
      return { messageId, accepted, viaCapture };
    } catch (err) {
      // After the hand-over only the server's own refusal (a reply code) says it did not take the mail; a broken
      // connection or a timeout leaves it in doubt.
      const refused = typeof (err as { responseCode?: unknown } | null)?.responseCode === 'number';
      throw new MailDeliveryError(mail.outboxKey, this.hostOf(mail.drill ? this.options.captureUrl : this.options.smtpUrl), { cause: err, possiblyAccepted: handedOver && !refused });
    }
  }

  close(): void {
    this.capture.close();
    if (!this.realIsCapture) this.real.close();
  }
}
