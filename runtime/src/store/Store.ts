import Database from 'better-sqlite3';
import { ADDED_COLUMNS, SCHEMA } from './schema';

type Param = string | number | bigint | null | Buffer;

/**
 * The SQLite connection: WAL journal, one write transaction per command, statements prepared once
 * and cached by their SQL text. Only the repositories beside this file write SQL
 * (`Repositories.ts` lists them). With WAL and synchronous=NORMAL a committed transaction
 * survives a killed process (kill -9); set `synchronous: 'FULL'` to also survive power loss.
 */
export class Store {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly path: string,
    synchronous: 'NORMAL' | 'FULL' = 'NORMAL',
  ) {
    this.db = new Database(path);
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous}`);
    this.db.pragma('foreign_keys = OFF');
    this.db.exec(SCHEMA);
    for (const { table, column, definition } of ADDED_COLUMNS) {
      const columns = this.db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
      if (!columns.some((c) => c.name === column)) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  get<T>(sql: string, ...params: Param[]): T | undefined {
    return this.stmt(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, ...params: Param[]): T[] {
    return this.stmt(sql).all(...params) as T[];
  }

  run(sql: string, ...params: Param[]): number {
    return this.stmt(sql).run(...params).changes;
  }

  /** Runs fn in a transaction (a savepoint when already inside one). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (!this.db.open) return;
    try {
      if (this.path !== ':memory:') this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }
}
