import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type ServiceDb = Database.Database;

/**
 * Opens (and creates) the service's SQLite file: WAL journal so the workers and the web server can
 * share it, foreign keys on, a busy timeout for concurrent writers. Each module creates its own tables
 * (`CREATE TABLE IF NOT EXISTS` in its constructor).
 */
export function openServiceDb(file: string): ServiceDb {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  return db;
}

/** Add a column to an existing table unless it is there (SQLite has no ADD COLUMN IF NOT EXISTS). */
export function addColumn(db: Database.Database, table: string, column: string, type: string): void {
  const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
  if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement, prepared once per database and SQL text: better-sqlite3's `prepare` compiles the SQL every
 * time, which cost more than the queries themselves on the intake's hot path (issue #12, profiled).
 */
export function prepare(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
