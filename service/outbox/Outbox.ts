import type { ServiceDb } from '../db';
import { OutboxBusyError } from '../errors/OutboxBusyError';
import { addColumn, prepare } from '../db';

/** What an effect is for: the outbox key. Two deliveries of the same job produce the same key. */
export interface OutboxKeyParts {
  disruptionId: string;
  /** The template or effect (`disruption-reported`, `service-desk-ticket`, `notice-update`, …). */
  purpose: string;
  /** The recipient (an address, a system); lower-cased. */
  recipient: string;
  /** Which occurrence: `once`, a notice update (`<noticeId>#<n>`), an element instance key, … */
  update: string;
}

export function outboxKey(p: OutboxKeyParts): string {
  return [p.disruptionId, p.purpose, p.recipient.trim().toLowerCase(), p.update].join('|');
}

export type OutboxKind = 'mail' | 'ticket' | 'webhook';

/** One attempt at an effect, as the outbox hands it to the effect. */
export interface EffectAttempt {
  /** The outbox key (a mail's Message-ID, a ticket's reference derive from it). */
  key: string;
  /**
   * Earlier attempts that ended in doubt: handed over (the receiver may have accepted), and then no answer – the
   * process died, or the connection broke before the reply. 0 normally. The effect decides what to do (the mailer looks
   * the mail up in the local capture, or sends it once more with the same Message-ID, never a third time).
   */
  inDoubt: number;
  /** Call the moment the receiver could first accept the effect (a mail: its data is complete). Written at once. */
  handedOver(): void;
}

export interface OutboxEntry {
  key: string;
  kind: OutboxKind;
  disruptionId: string;
  purpose: string;
  status: 'in-flight' | 'done' | 'failed';
  attempts: number;
  result: unknown;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
  drill: boolean;
  /** When the latest attempt was handed over (the receiver could accept it from then on). */
  handedAt: string | null;
  /** Attempts that ended in doubt (see {@link EffectAttempt.inDoubt}). */
  inDoubt: number;
}

interface Row {
  key: string;
  kind: OutboxKind;
  disruption_id: string;
  purpose: string;
  status: 'in-flight' | 'done' | 'failed';
  attempts: number;
  result_json: string | null;
  last_error: string | null;
  lease_until: string | null;
  created_at: string;
  done_at: string | null;
  drill: number;
  handed_at: string | null;
  in_doubt: number;
}

/**
 * Exactly-once effects under at-least-once jobs. Every mail, ticket and webhook call is recorded here,
 * keyed by what it is for (disruption, purpose, recipient, update):
 *
 * - `done` → the effect is not performed again; its stored result (message id, ticket id) is returned.
 * - `in-flight` with a running lease → another delivery of the job is performing it; `OutboxBusyError`
 *   (technical, the job is retried and then finds it done).
 * - absent, `failed`, or a lease that ran out (the worker died) → claimed and performed.
 *
 * Issue #10 narrows the window "the receiver accepted, the process died before `done`": an attempt is marked
 * *handed over* the moment the receiver could first accept it (a mail: when its data is complete, before the SMTP end of
 * data). After a crash, an entry that was never handed over cannot have been accepted and is simply performed; one that
 * was is *in doubt*, and the effect is told so ({@link EffectAttempt.inDoubt}): the mailer looks the mail up in the
 * local capture, or sends it once more with the same Message-ID. Tickets are looked up by the disruption's reference.
 */
export class Outbox {
  private readonly now: () => Date;
  private readonly leaseMs: number;

  constructor(
    private readonly db: ServiceDb,
    options: { leaseMs?: number; now?: () => Date } = {},
  ) {
    this.leaseMs = options.leaseMs ?? 120_000;
    this.now = options.now ?? (() => new Date());
    db.exec(`CREATE TABLE IF NOT EXISTS outbox (
      key TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      disruption_id TEXT NOT NULL,
      purpose TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      result_json TEXT,
      last_error TEXT,
      lease_until TEXT,
      created_at TEXT NOT NULL,
      done_at TEXT,
      drill INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS outbox_disruption ON outbox (disruption_id, created_at);`);
    addColumn(db, 'outbox', 'handed_at', 'TEXT');
    addColumn(db, 'outbox', 'in_doubt', 'INTEGER NOT NULL DEFAULT 0');
  }

  /**
   * Perform `effect` once for `parts`; the effect gets the outbox key (a mail derives its Message-ID from it, a ticket
   * its reference) and the attempt (in doubt? call `handedOver`). Returns its result and whether it had been done before.
   * If `effect` throws, the entry is marked failed and the error is rethrown (the job is retried); an error that says the
   * receiver may have accepted it all the same (`possiblyAccepted: true`) leaves the attempt in doubt.
   */
  async once<T>(kind: OutboxKind, parts: OutboxKeyParts, effect: (key: string, attempt: EffectAttempt) => Promise<T>, options: { drill?: boolean } = {}): Promise<{ result: T; duplicate: boolean }> {
    const key = outboxKey(parts);
    const claim = this.claim(key, kind, parts, options.drill ?? false);
    if (claim.done) return { result: claim.result as T, duplicate: true };
    const attempt: EffectAttempt = {
      key,
      inDoubt: claim.inDoubt,
      handedOver: () => {
        prepare(this.db, `UPDATE outbox SET handed_at = ? WHERE key = ? AND status = 'in-flight'`).run(this.now().toISOString(), key);
      },
    };
    try {
      const result = await effect(key, attempt);
      prepare(this.db, `UPDATE outbox SET status = 'done', result_json = ?, done_at = ?, lease_until = NULL, last_error = NULL WHERE key = ?`)
        .run(JSON.stringify(result ?? null), this.now().toISOString(), key);
      return { result, duplicate: false };
    } catch (err) {
      const possiblyAccepted = (err as { possiblyAccepted?: unknown } | null)?.possiblyAccepted === true;
      prepare(this.db, `UPDATE outbox SET status = 'failed', last_error = ?, lease_until = NULL, handed_at = CASE WHEN ? THEN handed_at ELSE NULL END WHERE key = ?`)
        .run(String((err as Error)?.message ?? err).slice(0, 2000), possiblyAccepted ? 1 : 0, key);
      throw err;
    }
  }

  private claim(key: string, kind: OutboxKind, parts: OutboxKeyParts, drill: boolean): { done: true; result: unknown } | { done: false; inDoubt: number } {
    const now = this.now();
    const leaseUntil = new Date(now.getTime() + this.leaseMs).toISOString();
    return this.db.transaction(() => {
      const row = prepare(this.db, `SELECT * FROM outbox WHERE key = ?`).get(key) as Row | undefined;
      if (!row) {
        prepare(this.db,
            `INSERT INTO outbox (key, kind, disruption_id, purpose, status, attempts, lease_until, created_at, drill) VALUES (?, ?, ?, ?, 'in-flight', 1, ?, ?, ?)`,
          )
          .run(key, kind, parts.disruptionId, parts.purpose, leaseUntil, now.toISOString(), drill ? 1 : 0);
        return { done: false as const, inDoubt: 0 };
      }
      if (row.status === 'done') return { done: true as const, result: row.result_json ? JSON.parse(row.result_json) : null };
      if (row.status === 'in-flight' && row.lease_until && row.lease_until > now.toISOString()) throw new OutboxBusyError(key, row.lease_until);
      // The attempt before was handed over and never answered (a crash, a broken connection): in doubt.
      const inDoubt = (row.in_doubt ?? 0) + (row.handed_at ? 1 : 0);
      prepare(this.db, `UPDATE outbox SET status = 'in-flight', attempts = attempts + 1, lease_until = ?, handed_at = NULL, in_doubt = ? WHERE key = ?`).run(leaseUntil, inDoubt, key);
      return { done: false as const, inDoubt };
    })();
  }

  /** Has the effect for `parts` been done? */
  has(parts: OutboxKeyParts): boolean {
    const row = prepare(this.db, `SELECT status FROM outbox WHERE key = ?`).get(outboxKey(parts)) as { status: string } | undefined;
    return row?.status === 'done';
  }

  /** Record an effect as done without performing anything (bookkeeping, e.g. who was on a call list). */
  record(kind: OutboxKind, parts: OutboxKeyParts, result: unknown, options: { drill?: boolean } = {}): void {
    const now = this.now().toISOString();
    prepare(this.db,
        `INSERT INTO outbox (key, kind, disruption_id, purpose, status, attempts, result_json, created_at, done_at, drill) VALUES (?, ?, ?, ?, 'done', 1, ?, ?, ?, ?)
         ON CONFLICT (key) DO NOTHING`,
      )
      .run(outboxKey(parts), kind, parts.disruptionId, parts.purpose, JSON.stringify(result ?? null), now, now, options.drill ? 1 : 0);
  }

  /** Entries of one disruption, oldest first (timeline P7, tests). */
  list(disruptionId?: string): OutboxEntry[] {
    const rows = (
      disruptionId
        ? prepare(this.db, `SELECT * FROM outbox WHERE disruption_id = ? ORDER BY created_at, rowid`).all(disruptionId)
        : prepare(this.db, `SELECT * FROM outbox ORDER BY created_at, rowid`).all()
    ) as Row[];
    return rows.map((r) => ({
      key: r.key,
      kind: r.kind,
      disruptionId: r.disruption_id,
      purpose: r.purpose,
      status: r.status,
      attempts: r.attempts,
      result: r.result_json ? JSON.parse(r.result_json) : null,
      lastError: r.last_error,
      createdAt: r.created_at,
      doneAt: r.done_at,
      drill: r.drill === 1,
      handedAt: r.handed_at ?? null,
      inDoubt: r.in_doubt ?? 0,
    }));
  }
}
