import type Database from 'better-sqlite3';
import { publishNoticeInputSchema, type ClosedDisruption, type ListOptions, type Notice, type NoticeLink, type NoticeStore, type NoticeUpdate, type PublishNoticeInput, type PublishResult } from './Notice';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { RELATED_DOCUMENTS, type NoticeKind, type NoticeState } from '../../contract';
import { isFinalState } from './labels';
import { NoticeStoreError } from './NoticeStoreError';
import { NoticeClosedError } from './NoticeClosedError';
import { prepare } from '../db';

interface NoticeRow {
  id: string;
  disruption_id: string;
  kind: NoticeKind;
  drill: number;
  created_at: string;
  updated_at: string;
  last_update: number;
}
interface UpdateRow {
  notice_id: string;
  update_number: number;
  state: NoticeState;
  title: string;
  body: string;
  prognosis: string | null;
  prognosis_at: string | null;
  links: string;
  approved_by: string;
  approved_at: string | null;
  published_at: string;
  idempotency_key: string;
}

export interface SqliteNoticeStoreOptions {
  /** Public base URL of the notice page, e.g. `https://driftinfo.example/` (no trailing path needed). */
  publicBaseUrl: string;
  now?: () => Date;
}

/** Path of a notice's page under the public base URL. */
export function noticePath(noticeId: string): string {
  return `/driftinfo/meddelande/${encodeURIComponent(noticeId)}`;
}

/** Default links of a notice kind (R21, R22). */
export function defaultLinks(kind: NoticeKind): NoticeLink[] {
  const docs = RELATED_DOCUMENTS.map((d) => ({ title: d.title, url: d.url }));
  if (kind === 'backup-routine') {
    const backup = docs.filter((d) => d.title.startsWith('Reservrutin'));
    return [...backup, ...docs.filter((d) => !d.title.startsWith('Reservrutin'))];
  }
  return docs;
}

/** The notice id of a disruption's notice of a kind: one notice per disruption and kind (P3). */
export function noticeIdFor(disruptionId: string, kind: NoticeKind): string {
  return kind === 'disruption' ? disruptionId : `${disruptionId}-${kind}`;
}

/** SQLite implementation of {@link NoticeStore}. Tables: `notices`, `notice_updates`. */
export class SqliteNoticeStore implements NoticeStore {
  private readonly now: () => Date;
  private readonly baseUrl: string;

  constructor(
    private readonly db: Database.Database,
    options: SqliteNoticeStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.baseUrl = options.publicBaseUrl.replace(/\/+$/, '');
    db.exec(`
      CREATE TABLE IF NOT EXISTS notices (
        id TEXT PRIMARY KEY,
        disruption_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        drill INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_update INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS notices_updated ON notices (updated_at DESC);
      CREATE TABLE IF NOT EXISTS notice_updates (
        notice_id TEXT NOT NULL REFERENCES notices(id),
        update_number INTEGER NOT NULL,
        state TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        prognosis TEXT,
        links TEXT NOT NULL,
        approved_by TEXT NOT NULL,
        approved_at TEXT,
        published_at TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        PRIMARY KEY (notice_id, update_number),
        UNIQUE (notice_id, idempotency_key)
      );
      CREATE TABLE IF NOT EXISTS notice_disruptions_closed (
        disruption_id TEXT PRIMARY KEY,
        closed_at TEXT NOT NULL
      );
    `);
    const columns = db.prepare('PRAGMA table_info(notice_updates)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'prognosis_at')) db.exec('ALTER TABLE notice_updates ADD COLUMN prognosis_at TEXT');
  }

  closeDisruption(disruptionId: string): ClosedDisruption {
    const close = this.db.transaction((): ClosedDisruption => {
      prepare(this.db, 'INSERT OR IGNORE INTO notice_disruptions_closed (disruption_id, closed_at) VALUES (?, ?)').run(disruptionId, this.now().toISOString());
      const { closed_at } = prepare(this.db, 'SELECT closed_at FROM notice_disruptions_closed WHERE disruption_id = ?').get(disruptionId) as { closed_at: string };
      const kinds = prepare(this.db, 'SELECT kind FROM notices WHERE disruption_id = ? ORDER BY created_at, id').all(disruptionId) as { kind: NoticeKind }[];
      return { disruptionId, publishedKinds: kinds.map((k) => k.kind), closedAt: closed_at };
    });
    return close.immediate();
  }

  private isClosed(disruptionId: string): boolean {
    return prepare(this.db, 'SELECT 1 FROM notice_disruptions_closed WHERE disruption_id = ?').get(disruptionId) !== undefined;
  }

  urlOf(noticeId: string): string {
    return `${this.baseUrl}${noticePath(noticeId)}`;
  }

  publish(raw: PublishNoticeInput): PublishResult {
    const parsed = publishNoticeInputSchema.safeParse(raw);
    if (!parsed.success) {
      throw new NoticeStoreError('Invalid notice', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    }
    const input = parsed.data;
    const noticeId = noticeIdFor(input.disruptionId, input.kind);
    const idempotencyKey =
      input.idempotencyKey ??
      createHash('sha256')
        .update(JSON.stringify([input.state, input.title, input.body, input.prognosis ?? null, input.prognosisAt ?? null, input.approvedBy, input.approvedAt ?? null]))
        .digest('hex');
    const links = input.links ?? defaultLinks(input.kind);
    const publishedAt = this.now().toISOString();

    const tx = this.db.transaction((): PublishResult => {
      const existing = prepare(this.db, 'SELECT update_number FROM notice_updates WHERE notice_id = ? AND idempotency_key = ?')
        .get(noticeId, idempotencyKey) as { update_number: number } | undefined;
      if (existing) return { noticeId, updateNumber: existing.update_number, url: this.urlOf(noticeId), created: false };

      if (!isFinalState(input.state) && this.isClosed(input.disruptionId)) {
        throw new NoticeClosedError({ disruptionId: input.disruptionId, kind: input.kind, state: input.state });
      }
      const notice = prepare(this.db, 'SELECT * FROM notices WHERE id = ?').get(noticeId) as NoticeRow | undefined;
      if (notice && Boolean(notice.drill) !== input.drill) {
        throw new NoticeStoreError('A drill notice and a real notice cannot share an id', { noticeId });
      }
      const updateNumber = notice ? notice.last_update + 1 : 1;
      if (notice) {
        prepare(this.db, 'UPDATE notices SET updated_at = ?, last_update = ? WHERE id = ?').run(publishedAt, updateNumber, noticeId);
      } else {
        prepare(this.db, 'INSERT INTO notices (id, disruption_id, kind, drill, created_at, updated_at, last_update) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(noticeId, input.disruptionId, input.kind, input.drill ? 1 : 0, publishedAt, publishedAt, updateNumber);
      }
      prepare(this.db,
          `INSERT INTO notice_updates (notice_id, update_number, state, title, body, prognosis, prognosis_at, links, approved_by, approved_at, published_at, idempotency_key)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          noticeId,
          updateNumber,
          input.state,
          input.title,
          input.body,
          input.prognosis ?? null,
          input.prognosisAt ?? null,
          JSON.stringify(links),
          input.approvedBy,
          input.approvedAt ?? null,
          publishedAt,
          idempotencyKey,
        );
      if (isFinalState(input.state) && input.kind !== 'maintenance') this.endOtherNotices(input, noticeId, idempotencyKey, publishedAt);
      return { noticeId, updateNumber, url: this.urlOf(noticeId), created: true };
    });
    return tx.immediate();
  }

  /**
   * T3, P2: resolving a disruption ends every other notice of it that is still current – a published backup-routine
   * notice gets "Har upphört", a disruption or desk-only notice "Åtgärdat" – with the same approval, in the same transaction.
   */
  private endOtherNotices(input: z.output<typeof publishNoticeInputSchema>, resolvingId: string, key: string, at: string): void {
    const others = prepare(this.db, 'SELECT * FROM notices WHERE disruption_id = ? AND id != ? AND drill = ?').all(input.disruptionId, resolvingId, input.drill ? 1 : 0) as NoticeRow[];
    for (const other of others) {
      const latest = prepare(this.db, 'SELECT state FROM notice_updates WHERE notice_id = ? AND update_number = ?').get(other.id, other.last_update) as { state: NoticeState };
      if (isFinalState(latest.state) || other.kind === 'maintenance') continue;
      const backup = other.kind === 'backup-routine';
      const updateNumber = other.last_update + 1;
      prepare(this.db, 'UPDATE notices SET updated_at = ?, last_update = ? WHERE id = ?').run(at, updateNumber, other.id);
      prepare(this.db,
          `INSERT INTO notice_updates (notice_id, update_number, state, title, body, prognosis, prognosis_at, links, approved_by, approved_at, published_at, idempotency_key)
           VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?)`,
        )
        .run(
          other.id,
          updateNumber,
          backup ? 'ended' : 'resolved',
          backup ? 'Reservrutinen för akuta OT-remisser har upphört' : input.title,
          backup
            ? 'Sesam fungerar igen och reservrutinen för akuta OT-remisser har upphört. Skicka remisser i Sesam som vanligt. Aktiv Ortopedteknik registrerar de pappersremisser som kommit in under driftstörningen.'
            : input.body,
          JSON.stringify(defaultLinks(other.kind)),
          input.approvedBy,
          input.approvedAt ?? null,
          at,
          `${key}:ends:${resolvingId}`,
        );
    }
  }

  get(id: string): Notice | undefined {
    const row = prepare(this.db, 'SELECT * FROM notices WHERE id = ?').get(id) as NoticeRow | undefined;
    return row ? this.toNotice(row) : undefined;
  }

  list(options: ListOptions = {}): Notice[] {
    const { where, params } = this.drillFilter(options);
    const rows = prepare(this.db, `SELECT * FROM notices ${where} ORDER BY updated_at DESC, id LIMIT ?`)
      .all(...params, options.limit ?? 200) as NoticeRow[];
    return rows.map((r) => this.toNotice(r));
  }

  current(options: ListOptions = {}): Notice[] {
    return this.list({ ...options, limit: 1000 })
      .filter((n) => !isFinalState(n.state))
      .filter((n) => !(n.kind === 'backup-routine' && this.disruptionResolved(n.disruptionId)))
      .slice(0, options.limit ?? 200);
  }

  activeBackupRoutine(options: ListOptions = {}): Notice | undefined {
    // Asked on every report the desk logs (the call script, R21): only backup-routine notices are read, not every notice.
    const { where, params } = this.drillFilter(options);
    const rows = prepare(this.db, `SELECT * FROM notices ${where ? `${where} AND` : 'WHERE'} kind = 'backup-routine' ORDER BY updated_at DESC, id LIMIT 1000`)
      .all(...params) as NoticeRow[];
    return rows
      .map((r) => this.toNotice(r))
      .find((n) => !isFinalState(n.state) && !this.disruptionResolved(n.disruptionId));
  }

  updates(options: ListOptions = {}): (NoticeUpdate & { notice: Notice })[] {
    const notices = this.list({ ...options, limit: 1000 });
    return notices
      .flatMap((notice) => notice.updates.map((u) => ({ ...u, notice })))
      .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : b.updateNumber - a.updateNumber))
      .slice(0, options.limit ?? 100);
  }

  private disruptionResolved(disruptionId: string): boolean {
    const d = this.get(noticeIdFor(disruptionId, 'disruption'));
    return d !== undefined && isFinalState(d.state);
  }

  private drillFilter(options: ListOptions): { where: string; params: unknown[] } {
    if (options.onlyDrill) return { where: 'WHERE drill = 1', params: [] };
    if (options.includeDrill) return { where: '', params: [] };
    return { where: 'WHERE drill = 0', params: [] };
  }

  private toNotice(row: NoticeRow): Notice {
    const updates = (
      prepare(this.db, 'SELECT * FROM notice_updates WHERE notice_id = ? ORDER BY update_number DESC').all(row.id) as UpdateRow[]
    ).map((u) => this.toUpdate(u));
    const latest = updates[0];
    return {
      id: row.id,
      disruptionId: row.disruption_id,
      kind: row.kind,
      state: latest.state,
      title: latest.title,
      body: latest.body,
      prognosis: latest.prognosis,
      prognosisAt: latest.prognosisAt,
      links: latest.links,
      approvedBy: latest.approvedBy,
      drill: Boolean(row.drill),
      publishedAt: row.created_at,
      updatedAt: row.updated_at,
      updateNumber: row.last_update,
      url: this.urlOf(row.id),
      updates,
    };
  }

  private toUpdate(u: UpdateRow): NoticeUpdate {
    return {
      noticeId: u.notice_id,
      updateNumber: u.update_number,
      state: u.state,
      title: u.title,
      body: u.body,
      ...(u.prognosis !== null ? { prognosis: u.prognosis } : {}),
      ...(u.prognosis_at ? { prognosisAt: u.prognosis_at } : {}),
      links: JSON.parse(u.links) as NoticeLink[],
      approvedBy: u.approved_by,
      ...(u.approved_at !== null ? { approvedAt: u.approved_at } : {}),
      publishedAt: u.published_at,
    };
  }
}
