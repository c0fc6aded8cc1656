import type Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { prepare } from '../db';

/** An e-mail subscriber of the notices (R4). Personal data: never log `email`. */
export interface Subscriber {
  id: string;
  email: string;
  confirmed: boolean;
  /** Token of the one-click unsubscribe link (RFC 8058). */
  unsubscribeToken: string;
  /** Absolute one-click unsubscribe link (put it in every mail's body; headers: `unsubscribeHeaders`). */
  unsubscribeUrl: string;
  createdAt: string;
  confirmedAt?: string;
}

export interface SubscribeResult {
  subscriber: Subscriber;
  /**
   * Token for the double opt-in link; only returned when a confirmation mail should be sent
   * (new or not yet confirmed address). Stored hashed.
   */
  confirmToken?: string;
  alreadyConfirmed: boolean;
}

/** E-mail subscriptions with double opt-in and one-click unsubscribe (R4, P3). */
export interface SubscriberStore {
  subscribe(email: string): SubscribeResult;
  /** Confirms the subscription whose confirmation token this is; undefined if unknown or expired. */
  confirm(token: string): Subscriber | undefined;
  /** Removes the subscription (one click, RFC 8058). true if one was removed. */
  unsubscribe(token: string): boolean;
  /** Subscribers who confirmed: the recipients of every notice update (P3). */
  confirmed(): Subscriber[];
  byUnsubscribeToken(token: string): Subscriber | undefined;
  /** Link for one-click unsubscribe of this subscriber. */
  unsubscribeUrl(subscriber: Pick<Subscriber, 'unsubscribeToken'>): string;
  /** Link for the double opt-in confirmation. */
  confirmUrl(confirmToken: string): string;
  /** `List-Unsubscribe` + `List-Unsubscribe-Post` headers for a mail to this subscriber (RFC 2369, RFC 8058). */
  unsubscribeHeaders(subscriber: Pick<Subscriber, 'unsubscribeToken'>): Record<string, string>;
}

export const emailSchema = z.email({ error: 'Ange en giltig e-postadress.' }).max(254);

/** Path of the one-click unsubscribe endpoint (GET shows a button, POST unsubscribes). */
export function unsubscribePath(token: string): string {
  return `/driftinfo/prenumeration/avsluta/${encodeURIComponent(token)}`;
}
export function confirmPath(token: string): string {
  return `/driftinfo/prenumeration/bekrafta/${encodeURIComponent(token)}`;
}

/**
 * `List-Unsubscribe` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click` headers (RFC 8058) for a mail
 * to a subscriber; pass them as nodemailer's `headers`. `publicBaseUrl` is the notice page's base URL.
 */
export function unsubscribeHeaders(subscriber: Pick<Subscriber, 'unsubscribeToken'>, publicBaseUrl: string): Record<string, string> {
  const url = `${publicBaseUrl.replace(/\/+$/, '')}${unsubscribePath(subscriber.unsubscribeToken)}`;
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

interface SubscriberRow {
  id: string;
  email: string;
  confirmed: number;
  confirm_token_hash: string | null;
  confirm_expires_at: string | null;
  unsubscribe_token: string;
  created_at: string;
  confirmed_at: string | null;
}

export interface SqliteSubscriberStoreOptions {
  publicBaseUrl: string;
  now?: () => Date;
  /** How long a confirmation link is valid. Default 7 days. */
  confirmTtlMs?: number;
}

function token(): string {
  return randomBytes(24).toString('base64url');
}
function hash(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** SQLite implementation of {@link SubscriberStore}. Table: `subscribers`. */
export class SqliteSubscriberStore implements SubscriberStore {
  private readonly now: () => Date;
  private readonly baseUrl: string;
  private readonly confirmTtlMs: number;

  constructor(
    private readonly db: Database.Database,
    options: SqliteSubscriberStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.baseUrl = options.publicBaseUrl.replace(/\/+$/, '');
    this.confirmTtlMs = options.confirmTtlMs ?? 7 * 24 * 3600 * 1000;
    db.exec(`
      CREATE TABLE IF NOT EXISTS subscribers (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        confirmed INTEGER NOT NULL DEFAULT 0,
        confirm_token_hash TEXT UNIQUE,
        confirm_expires_at TEXT,
        unsubscribe_token TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        confirmed_at TEXT
      );
    `);
  }

  subscribe(rawEmail: string): SubscribeResult {
    const email = emailSchema.parse(rawEmail.trim()).toLowerCase();
    const now = this.now();
    const confirmToken = token();
    const expires = new Date(now.getTime() + this.confirmTtlMs).toISOString();
    const tx = this.db.transaction((): SubscribeResult => {
      const row = prepare(this.db, 'SELECT * FROM subscribers WHERE email = ?').get(email) as SubscriberRow | undefined;
      if (row?.confirmed) return { subscriber: this.toSubscriber(row), alreadyConfirmed: true };
      if (row) {
        prepare(this.db, 'UPDATE subscribers SET confirm_token_hash = ?, confirm_expires_at = ? WHERE id = ?')
          .run(hash(confirmToken), expires, row.id);
        return { subscriber: this.toSubscriber(row), confirmToken, alreadyConfirmed: false };
      }
      const id = randomUUID();
      prepare(this.db,
          `INSERT INTO subscribers (id, email, confirmed, confirm_token_hash, confirm_expires_at, unsubscribe_token, created_at)
           VALUES (?, ?, 0, ?, ?, ?, ?)`,
        )
        .run(id, email, hash(confirmToken), expires, token(), now.toISOString());
      const created = prepare(this.db, 'SELECT * FROM subscribers WHERE id = ?').get(id) as SubscriberRow;
      return { subscriber: this.toSubscriber(created), confirmToken, alreadyConfirmed: false };
    });
    return tx.immediate();
  }

  confirm(confirmToken: string): Subscriber | undefined {
    const row = prepare(this.db, 'SELECT * FROM subscribers WHERE confirm_token_hash = ?').get(hash(confirmToken)) as
      | SubscriberRow
      | undefined;
    if (!row) return undefined;
    if (row.confirm_expires_at && row.confirm_expires_at < this.now().toISOString()) return undefined;
    const at = this.now().toISOString();
    prepare(this.db, 'UPDATE subscribers SET confirmed = 1, confirmed_at = COALESCE(confirmed_at, ?), confirm_token_hash = NULL, confirm_expires_at = NULL WHERE id = ?')
      .run(at, row.id);
    return this.toSubscriber(prepare(this.db, 'SELECT * FROM subscribers WHERE id = ?').get(row.id) as SubscriberRow);
  }

  unsubscribe(unsubscribeToken: string): boolean {
    return prepare(this.db, 'DELETE FROM subscribers WHERE unsubscribe_token = ?').run(unsubscribeToken).changes > 0;
  }

  byUnsubscribeToken(unsubscribeToken: string): Subscriber | undefined {
    const row = prepare(this.db, 'SELECT * FROM subscribers WHERE unsubscribe_token = ?').get(unsubscribeToken) as SubscriberRow | undefined;
    return row ? this.toSubscriber(row) : undefined;
  }

  confirmed(): Subscriber[] {
    return (prepare(this.db, 'SELECT * FROM subscribers WHERE confirmed = 1 ORDER BY created_at').all() as SubscriberRow[]).map((r) =>
      this.toSubscriber(r),
    );
  }

  unsubscribeUrl(subscriber: Pick<Subscriber, 'unsubscribeToken'>): string {
    return `${this.baseUrl}${unsubscribePath(subscriber.unsubscribeToken)}`;
  }

  confirmUrl(confirmToken: string): string {
    return `${this.baseUrl}${confirmPath(confirmToken)}`;
  }

  unsubscribeHeaders(subscriber: Pick<Subscriber, 'unsubscribeToken'>): Record<string, string> {
    return unsubscribeHeaders(subscriber, this.baseUrl);
  }

  private toSubscriber(row: SubscriberRow): Subscriber {
    return {
      id: row.id,
      email: row.email,
      confirmed: Boolean(row.confirmed),
      unsubscribeToken: row.unsubscribe_token,
      unsubscribeUrl: `${this.baseUrl}${unsubscribePath(row.unsubscribe_token)}`,
      createdAt: row.created_at,
      ...(row.confirmed_at ? { confirmedAt: row.confirmed_at } : {}),
    };
  }
}
