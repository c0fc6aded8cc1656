import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

/**
 * Watches SQLite files a server writes, from a connection of its own: `PRAGMA data_version` changes whenever another
 * connection commits to the file – any write at all, cheaply – and `hash()` digests every table's rows (the reports'
 * before/after check where a write is suspected, and the stores' state for the fault suite).
 */
export class StoreWatch {
  private readonly dbs: Array<{ file: string; db: Database.Database }>;

  constructor(files: string[]) {
    this.dbs = files.map((file) => ({ file, db: new Database(file, { readonly: true, fileMustExist: true }) }));
    for (const { db } of this.dbs) db.pragma('busy_timeout = 2000');
  }

  /** One number per file that changes with every commit of another connection. */
  version(): string {
    return this.dbs.map(({ db }) => String(db.pragma('data_version', { simple: true }))).join('/');
  }

  /** A digest of every row of every table (ordered by rowid), per file. */
  hash(): string {
    const h = createHash('sha256');
    for (const { db } of this.dbs) {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
      for (const { name } of tables) {
        h.update(`#${name}\n`);
        for (const row of db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).iterate()) h.update(`${JSON.stringify(row)}\n`);
      }
    }
    return h.digest('hex');
  }

  /** A digest per table (`file#table`), to name what changed. */
  tables(): Map<string, string> {
    const out = new Map<string, string>();
    for (const { file, db } of this.dbs) {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
      for (const { name } of tables) {
        const h = createHash('sha256');
        for (const row of db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).iterate()) h.update(`${JSON.stringify(row)}\n`);
        out.set(`${file.split(/[\\/]/).pop()}#${name}`, h.digest('hex'));
      }
    }
    return out;
  }

  /** The tables whose rows differ from `before` (a {@link tables} snapshot). */
  changedSince(before: Map<string, string>): string[] {
    return [...this.tables()].filter(([name, digest]) => before.get(name) !== digest).map(([name]) => name);
  }

  /** Wait until no commit happened for `quietMs` (after an accepted request: background work it started settles). */
  async settle(quietMs = 40, maxMs = 2_000): Promise<void> {
    const end = Date.now() + maxMs;
    let last = this.version();
    let quietSince = Date.now();
    while (Date.now() < end) {
      await new Promise((r) => setTimeout(r, 10));
      const now = this.version();
      if (now !== last) {
        last = now;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= quietMs) return;
    }
  }

  close(): void {
    for (const { db } of this.dbs) db.close();
  }
}
