import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { AddressInfo, Socket } from 'node:net';

/** What the server does with one mail once its data has arrived (or at RCPT TO). */
export type SmtpBehaviour =
  /** Store it and answer 250. */
  | 'accept'
  /** Store it, then answer only after `delayMs` (a slow relay). */
  | { slow: number }
  /** Store it and never answer (the client is left waiting: the window "accepted, not yet answered"). */
  | 'store-and-hold'
  /** Store it and drop the connection without an answer. */
  | 'store-and-drop'
  /** Refuse it after the data with 550 (nothing stored). */
  | 'refuse'
  /** Refuse at RCPT TO with 451 (temporary; nothing stored). */
  | 'refuse-recipient'
  /** Never answer RCPT TO (the message is never handed over). */
  | 'hold-recipient'
  /** Drop the connection at RCPT TO. */
  | 'drop-recipient';

export interface StoredMail {
  messageId: string;
  to: string[];
  raw: string;
}

function messageIdOf(raw: string): string {
  return /^message-id:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '';
}

/**
 * A real SMTP server (smtp-server) for fault tests, scripted per mail: accept, answer slowly, store and hold the
 * answer, store and drop the connection, refuse. It stores a mail before it answers, as a real relay commits before 250.
 * `behaviour(n, to)` decides for the n-th mail (0-based, counted at RCPT TO).
 */
export class ScriptedSmtpServer {
  readonly stored: StoredMail[] = [];
  behaviour: (n: number, to: string) => SmtpBehaviour = () => 'accept';
  private server: SMTPServer | undefined;
  private count = 0;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async start(port = this.port): Promise<number> {
    const decided = new WeakMap<SMTPServerSession, SmtpBehaviour>();
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect: (session, callback) => callback(),
      onRcptTo: (address, session, callback) => {
        const b = this.behaviour(this.count++, address.address.toLowerCase());
        decided.set(session, b);
        if (b === 'refuse-recipient') return callback(Object.assign(new Error('Försök senare'), { responseCode: 451 }));
        if (b === 'hold-recipient') return;
        if (b === 'drop-recipient') return this.dropSession(session);
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const b = decided.get(session) ?? 'accept';
          if (b === 'refuse') return callback(Object.assign(new Error('Avvisat'), { responseCode: 550 }));
          const raw = Buffer.concat(chunks).toString('utf8');
          this.stored.push({ messageId: messageIdOf(raw), to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), raw });
          if (b === 'store-and-hold') return;
          if (b === 'store-and-drop') return this.dropSession(session);
          if (typeof b === 'object') return void setTimeout(() => callback(), b.slow);
          callback();
        });
      },
    });
    server.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this.port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Copies stored per Message-ID. */
  copies(): Map<string, number> {
    const out = new Map<string, number>();
    for (const m of this.stored) out.set(m.messageId, (out.get(m.messageId) ?? 0) + 1);
    return out;
  }

  has(messageId: string): boolean {
    return this.stored.some((m) => m.messageId === messageId);
  }

  private dropSession(session: SMTPServerSession): void {
    for (const socket of this.sockets) {
      if (socket.remotePort === session.remotePort) socket.destroy();
    }
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
