import type { ServiceDb } from '../db';
import { OutboxBusyError } from '../errors/OutboxBusyError';
import { prepare } from '../db';

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
 * The remaining window – the process dies after the SMTP server accepted a mail but before `done` is
 * written – is closed for tickets by looking the ticket up by the disruption's reference before creating
 * it; for mails, the Message-ID is derived from the key so a second copy is recognisable as the same mail.
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
  }

  /**
   * Perform `effect` once for `parts`; the effect gets the outbox key (a mail derives its Message-ID from it, a ticket
   * its reference). Returns its result and whether it had been done before. If `effect` throws, the entry is marked
   * failed and the error is rethrown (the job is retried).
   */
  async once<T>(kind: OutboxKind, parts: OutboxKeyParts, effect: (key: string) => Promise<T>, options: { drill?: boolean } = {}): Promise<{ result: T; duplicate: boolean }> {
    const key = outboxKey(parts);
    const claim = this.claim(key, kind, parts, options.drill ?? false);
    if (claim.done) return { result: claim.result as T, duplicate: true };
    try {
      const result = await effect(key);
      prepare(this.db, `UPDATE outbox SET status = 'done', result_json = ?, done_at = ?, lease_until = NULL, last_error = NULL WHERE key = ?`)
        .run(JSON.stringify(result ?? null), this.now().toISOString(), key);
      return { result, duplicate: false };
    } catch (err) {
      prepare(this.db, `UPDATE outbox SET status = 'failed', last_error = ?, lease_until = NULL WHERE key = ?`).run(String((err as Error)?.message ?? err).slice(0, 2000), key);
      throw err;
    }
  }

  private claim(key: string, kind: OutboxKind, parts: OutboxKeyParts, drill: boolean): { done: true; result: unknown } | { done: false } {
    const now = this.now();
    const leaseUntil = new Date(now.getTime() + this.leaseMs).toISOString();
    return this.db.transaction(() => {
      const row = prepare(this.db, `SELECT * FROM outbox WHERE key = ?`).get(key) as Row | undefined;
      if (!row) {
        prepare(this.db,
            `INSERT INTO outbox (key, kind, disruption_id, purpose, status, attempts, lease_until, created_at, drill) VALUES (?, ?, ?, ?, 'in-flight', 1, ?, ?, ?)`,
          )
          .run(key, kind, parts.disruptionId, parts.purpose, leaseUntil, now.toISOString(), drill ? 1 : 0);
        return { done: false as const };
      }
      if (row.status === 'done') return { done: true as const, result: row.result_json ? JSON.parse(row.result_json) : null };
      if (row.status === 'in-flight' && row.lease_until && row.lease_until > now.toISOString()) throw new OutboxBusyError(key, row.lease_until);
      prepare(this.db, `UPDATE outbox SET status = 'in-flight', attempts = attempts + 1, lease_until = ? WHERE key = ?`).run(leaseUntil, key);
      return { done: false as const };
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
    }));
  }
}
