import { createHash, randomBytes } from 'node:crypto';
import type { ServiceDb } from '../../db';
import { prepare } from '../../db';

export interface StaffSessionRecord {
  userId: string;
  /** Epoch ms. */
  expiresAt: number;
}

function hashOf(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

/**
 * The staff's sign-in sessions on the server (issue #10: a signed cookie alone could not be ended – signing out left the
 * old cookie valid for its 10 hours). SQLite table `staff_sessions`: only a hash of each session id is stored; signing out
 * deletes the row, so the cookie opens nothing any more, also after a restart (with `SESSION_SECRET`).
 */
export class StaffSessionStore {
  constructor(
    private readonly db: ServiceDb,
    private readonly now: () => number = Date.now,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS staff_sessions (
      id_hash TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS staff_sessions_expiry ON staff_sessions (expires_at);`);
  }

  /** A new session for `userId`, valid `ttlMs`; returns its id (the cookie's value). Ended sessions are swept. */
  create(userId: string, ttlMs: number): string {
    const now = this.now();
    const id = randomBytes(32).toString('base64url');
    prepare(this.db, 'DELETE FROM staff_sessions WHERE expires_at <= ?').run(now);
    prepare(this.db, 'INSERT INTO staff_sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(hashOf(id), userId, now, now + ttlMs);
    return id;
  }

  /** The session with this id, unless it ended or expired. */
  get(id: string): StaffSessionRecord | undefined {
    const row = prepare(this.db, 'SELECT user_id, expires_at FROM staff_sessions WHERE id_hash = ?').get(hashOf(id)) as { user_id: string; expires_at: number } | undefined;
    if (!row || row.expires_at <= this.now()) return undefined;
    return { userId: row.user_id, expiresAt: row.expires_at };
  }

  /** End the session (sign-out). */
  end(id: string): void {
    prepare(this.db, 'DELETE FROM staff_sessions WHERE id_hash = ?').run(hashOf(id));
  }
}
