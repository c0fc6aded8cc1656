import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { ServiceDb } from '../db';
import { prepare } from '../db';

/** One mail received by the local capture (the local "outbox" page lists them). */
export interface CapturedMail {
  id: number;
  receivedAt: string;
  messageId: string | null;
  from: string;
  /** Envelope recipients (RCPT TO). */
  to: string[];
  subject: string;
  text: string;
  html: string;
  drill: boolean;
}

interface Row {
  id: number;
  received_at: string;
  message_id: string | null;
  mail_from: string;
  rcpt_to: string;
  subject: string;
  text: string;
  html: string;
  drill: number;
}

function addressText(a: AddressObject | AddressObject[] | undefined): string {
  if (!a) return '';
  return (Array.isArray(a) ? a : [a]).map((x) => x.text).join(', ');
}

/**
 * A local SMTP server that accepts every mail and stores it, parsed, in the service DB table
 * `captured_mail`. Locally (no `SMTP_URL`) and in drills (P9) all mail goes here: nothing leaves the machine.
 */
export class SmtpCapture {
  private server: SMTPServer | undefined;
  private boundPort = 0;

  constructor(
    private readonly db: ServiceDb,
    private readonly logger?: Logger,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS captured_mail (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      received_at TEXT NOT NULL,
      message_id TEXT,
      mail_from TEXT NOT NULL,
      rcpt_to TEXT NOT NULL,
      subject TEXT NOT NULL,
      text TEXT NOT NULL,
      html TEXT NOT NULL,
      drill INTEGER NOT NULL DEFAULT 0,
      raw TEXT NOT NULL
    )`);
  }

  /** Listen on `port` (0 = ephemeral) on 127.0.0.1; resolves with the bound port. */
  async start(port = 2525, host = '127.0.0.1'): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      banner: 'Driftstörning Sesam – lokal e-postfångst',
      logger: false,
      size: 10 * 1024 * 1024,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          // Our mails carry both a text and an HTML part: no conversion between them, no linkifying (issue #12: it was
          // a third of the capture's time in the intake storm).
          simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true })
            .then((mail) => {
              const rcpt = session.envelope.rcptTo.map((r) => r.address);
              const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : addressText(mail.from);
              prepare(this.db, `INSERT INTO captured_mail (received_at, message_id, mail_from, rcpt_to, subject, text, html, drill, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
                  new Date().toISOString(),
                  mail.messageId ?? null,
                  from,
                  JSON.stringify(rcpt),
                  mail.subject ?? '',
                  mail.text ?? '',
                  typeof mail.html === 'string' ? mail.html : '',
                  mail.headers.get('x-drill') === 'true' ? 1 : 0,
                  raw.toString('utf8'),
                );
              this.logger?.debug({ recipients: rcpt.length }, 'captured mail stored');
              callback();
            })
            .catch((err: unknown) => {
              this.logger?.error({ err }, 'captured mail could not be parsed');
              callback(err as Error);
            });
        });
      },
    });
    server.on('error', (err) => this.logger?.error({ err }, 'smtp capture error'));
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) =>
        reject(err.code === 'EADDRINUSE' ? new Error(`Port ${port} is already in use: set SMTP_CAPTURE_PORT to a free port (or stop the other process)`, { cause: err }) : err);
      server.server.once('error', onError);
      server.listen(port, host, () => {
        server.server.off('error', onError);
        resolve();
      });
    });
    this.server = server;
    this.boundPort = (server.server.address() as AddressInfo).port;
    this.logger?.info({ port: this.boundPort }, 'local smtp capture listening');
    return this.boundPort;
  }

  get port(): number {
    return this.boundPort;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Captured mails, newest first. */
  list(limit = 500): CapturedMail[] {
    const rows = prepare(this.db, `SELECT * FROM captured_mail ORDER BY id DESC LIMIT ?`).all(limit) as Row[];
    return rows.map((r) => ({
      id: r.id,
      receivedAt: r.received_at,
      messageId: r.message_id,
      from: r.mail_from,
      to: JSON.parse(r.rcpt_to) as string[],
      subject: r.subject,
      text: r.text,
      html: r.html,
      drill: r.drill === 1,
    }));
  }
}
