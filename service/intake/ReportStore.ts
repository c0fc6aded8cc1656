import type Database from 'better-sqlite3';
import type { Report, Scope } from '../../contract';

/** Delivery state of a report: stored first, then handed to the engine (P1). Never lost. */
export type ReportStatus = 'pending' | 'delivered';
/** What delivery did: started a new disruption, or attached to the open one (P1). */
export type ReportOutcome = 'started' | 'attached';

export interface StoredReport {
  report: Report;
  drill: boolean;
  status: ReportStatus;
  outcome?: ReportOutcome;
  disruptionId?: string;
  attempts: number;
  lastError?: string;
  submittedBy: string;
  deliveredAt?: string;
}

export interface OpenDisruption {
  disruptionId: string;
  processInstanceKey: string;
  drill: boolean;
  reportedAt: string;
  /** The desk's assessment as last read from the engine (T4: reports attach only where they fit). */
  scope?: Scope;
  restoredAt?: string;
  closedAt?: string;
}

interface ReportRow {
  report_id: string;
  payload: string;
  drill: number;
  status: ReportStatus;
  outcome: ReportOutcome | null;
  disruption_id: string | null;
  attempts: number;
  last_error: string | null;
  submitted_by: string;
  received_at: string;
  delivered_at: string | null;
}
interface DisruptionRow {
  disruption_id: string;
  process_instance_key: string;
  drill: number;
  reported_at: string;
  restored_at: string | null;
  closed_at: string | null;
  day: string;
  seq: number;
  scope: Scope | null;
}

/**
 * The intake's own records (SQLite): every report as received, and the disruptions the intake started or
 * adopted, so that later reports attach to the open one (P1). Tables `intake_reports`, `intake_disruptions`.
 * Personal data (names, phones, e-mail) stays in this table and in the process variables, never in logs.
 */
export class ReportStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS intake_reports (
        report_id TEXT PRIMARY KEY,
        payload TEXT NOT NULL,
        drill INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL,
        outcome TEXT,
        disruption_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        submitted_by TEXT NOT NULL,
        received_at TEXT NOT NULL,
        delivered_at TEXT
      );
      CREATE INDEX IF NOT EXISTS intake_reports_status ON intake_reports (status, received_at);
      CREATE INDEX IF NOT EXISTS intake_reports_disruption ON intake_reports (disruption_id);
      CREATE TABLE IF NOT EXISTS intake_disruptions (
        disruption_id TEXT PRIMARY KEY,
        process_instance_key TEXT NOT NULL,
        drill INTEGER NOT NULL DEFAULT 0,
        reported_at TEXT NOT NULL,
        restored_at TEXT,
        closed_at TEXT,
        day TEXT NOT NULL,
        seq INTEGER NOT NULL
      );
    `);
    // Columns added after the first release (an existing ./.data keeps its rows).
    addColumn(db, 'intake_disruptions', 'scope', 'TEXT');
    addColumn(db, 'intake_reports', 'receipt_claim', 'TEXT');
  }

  add(report: Report, drill: boolean, submittedBy: string): StoredReport {
    this.db
      .prepare(
        `INSERT INTO intake_reports (report_id, payload, drill, status, submitted_by, received_at) VALUES (?, ?, ?, 'pending', ?, ?)`,
      )
      .run(report.reportId, JSON.stringify(report), drill ? 1 : 0, submittedBy, report.receivedAt);
    return this.get(report.reportId)!;
  }

  get(reportId: string): StoredReport | undefined {
    const row = this.db.prepare('SELECT * FROM intake_reports WHERE report_id = ?').get(reportId) as ReportRow | undefined;
    return row ? this.toReport(row) : undefined;
  }

  pending(limit = 100): StoredReport[] {
    return (this.db.prepare(`SELECT * FROM intake_reports WHERE status = 'pending' ORDER BY received_at, rowid LIMIT ?`).all(limit) as ReportRow[]).map(
      (r) => this.toReport(r),
    );
  }

  recent(limit = 20): StoredReport[] {
    return (this.db.prepare('SELECT * FROM intake_reports ORDER BY received_at DESC, rowid DESC LIMIT ?').all(limit) as ReportRow[]).map((r) =>
      this.toReport(r),
    );
  }

  /** Every report assigned to a disruption, oldest first (T3: who is told Sesam works again). */
  ofDisruption(disruptionId: string): StoredReport[] {
    return (
      this.db.prepare(`SELECT * FROM intake_reports WHERE disruption_id = ? ORDER BY received_at, rowid`).all(disruptionId) as ReportRow[]
    ).map((r) => this.toReport(r));
  }

  /**
   * Assign a report to a disruption before the engine is told (T5): a worker that mails the callers of the disruption
   * may run the moment the engine has the report, so the store must already know where it belongs.
   */
  assign(reportId: string, disruptionId: string | null): void {
    this.db.prepare(`UPDATE intake_reports SET disruption_id = ? WHERE report_id = ? AND status = 'pending'`).run(disruptionId, reportId);
  }

  /**
   * T5, R16: the callers of a disruption who left an e-mail and have no receipt yet, claimed for `claimKey` (a job key)
   * in one transaction – so concurrent receipt jobs never mail the same caller, and a retried job finds its own claims.
   */
  claimReceipts(disruptionId: string, claimKey: string): StoredReport[] {
    const claim = this.db.transaction(() => {
      const rows = this.db
        .prepare(`SELECT * FROM intake_reports WHERE disruption_id = ? AND (receipt_claim IS NULL OR receipt_claim = ?) ORDER BY received_at, rowid`)
        .all(disruptionId, claimKey) as ReportRow[];
      const mine = rows.map((r) => this.toReport(r)).filter((r) => r.report.reporterEmail);
      const mark = this.db.prepare('UPDATE intake_reports SET receipt_claim = ? WHERE report_id = ?');
      for (const r of mine) mark.run(claimKey, r.report.reportId);
      return mine;
    });
    return claim.immediate();
  }

  markDelivered(reportId: string, disruptionId: string, outcome: ReportOutcome, at: string): void {
    this.db
      .prepare(`UPDATE intake_reports SET status = 'delivered', outcome = ?, disruption_id = ?, delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE report_id = ?`)
      .run(outcome, disruptionId, at, reportId);
  }

  markFailed(reportId: string, error: string): void {
    this.db.prepare(`UPDATE intake_reports SET attempts = attempts + 1, last_error = ? WHERE report_id = ?`).run(error.slice(0, 500), reportId);
  }

  openDisruption(drill: boolean): OpenDisruption | undefined {
    const row = this.db
      .prepare(`SELECT * FROM intake_disruptions WHERE drill = ? AND restored_at IS NULL AND closed_at IS NULL ORDER BY reported_at DESC LIMIT 1`)
      .get(drill ? 1 : 0) as DisruptionRow | undefined;
    return row ? this.toDisruption(row) : undefined;
  }

  /** Disruptions that take new reports (not restored, not closed), newest first, with their number of reports. */
  openDisruptions(): (OpenDisruption & { reportCount: number })[] {
    const rows = this.db
      .prepare(
        `SELECT d.*, (SELECT COUNT(*) FROM intake_reports r WHERE r.disruption_id = d.disruption_id) AS report_count
         FROM intake_disruptions d WHERE d.restored_at IS NULL AND d.closed_at IS NULL ORDER BY d.reported_at DESC`,
      )
      .all() as (DisruptionRow & { report_count: number })[];
    return rows.map((r) => ({ ...this.toDisruption(r), reportCount: r.report_count }));
  }

  /** The latest disruptions the intake started or adopted, open or not, newest first. */
  recentDisruptions(limit = 20): OpenDisruption[] {
    return (this.db.prepare('SELECT * FROM intake_disruptions ORDER BY reported_at DESC LIMIT ?').all(limit) as DisruptionRow[]).map((r) => this.toDisruption(r));
  }

  disruption(disruptionId: string): OpenDisruption | undefined {
    const row = this.db.prepare('SELECT * FROM intake_disruptions WHERE disruption_id = ?').get(disruptionId) as DisruptionRow | undefined;
    return row ? this.toDisruption(row) : undefined;
  }

  /** Next id of the day: `SESAM-20261125-1`, `SESAM-20261125-2` …; drills `OVNING-SESAM-20261125-1` (P9). */
  nextDisruptionId(day: string, drill: boolean): { disruptionId: string; seq: number } {
    const row = this.db.prepare('SELECT MAX(seq) AS seq FROM intake_disruptions WHERE day = ? AND drill = ?').get(day, drill ? 1 : 0) as { seq: number | null };
    const seq = (row.seq ?? 0) + 1;
    return { disruptionId: `${drill ? 'OVNING-' : ''}SESAM-${day}-${seq}`, seq };
  }

  recordDisruption(d: OpenDisruption, day: string, seq: number): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO intake_disruptions (disruption_id, process_instance_key, drill, reported_at, day, seq) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(d.disruptionId, d.processInstanceKey, d.drill ? 1 : 0, d.reportedAt, day, seq);
  }

  /** The scope the desk assessed, as read from the engine (T4). */
  recordScope(disruptionId: string, scope: Scope): void {
    this.db.prepare('UPDATE intake_disruptions SET scope = ? WHERE disruption_id = ?').run(scope, disruptionId);
  }

  /** Disruptions that take new reports (not restored, not closed) of a kind (drill or not), newest first. */
  openOf(drill: boolean): OpenDisruption[] {
    return (
      this.db
        .prepare(`SELECT * FROM intake_disruptions WHERE drill = ? AND restored_at IS NULL AND closed_at IS NULL ORDER BY reported_at DESC, seq DESC`)
        .all(drill ? 1 : 0) as DisruptionRow[]
    ).map((r) => this.toDisruption(r));
  }

  markRestored(disruptionId: string, at: string): void {
    this.db.prepare('UPDATE intake_disruptions SET restored_at = COALESCE(restored_at, ?) WHERE disruption_id = ?').run(at, disruptionId);
  }

  markClosed(disruptionId: string, at: string): void {
    this.db.prepare('UPDATE intake_disruptions SET closed_at = COALESCE(closed_at, ?) WHERE disruption_id = ?').run(at, disruptionId);
  }

  private toReport(row: ReportRow): StoredReport {
    return {
      report: JSON.parse(row.payload) as Report,
      drill: Boolean(row.drill),
      status: row.status,
      ...(row.outcome ? { outcome: row.outcome } : {}),
      ...(row.disruption_id ? { disruptionId: row.disruption_id } : {}),
      attempts: row.attempts,
      ...(row.last_error ? { lastError: row.last_error } : {}),
      submittedBy: row.submitted_by,
      ...(row.delivered_at ? { deliveredAt: row.delivered_at } : {}),
    };
  }

  private toDisruption(row: DisruptionRow): OpenDisruption {
    return {
      disruptionId: row.disruption_id,
      processInstanceKey: row.process_instance_key,
      drill: Boolean(row.drill),
      reportedAt: row.reported_at,
      ...(row.scope ? { scope: row.scope } : {}),
      ...(row.restored_at ? { restoredAt: row.restored_at } : {}),
      ...(row.closed_at ? { closedAt: row.closed_at } : {}),
    };
  }
}

/** Add a column to an existing table unless it is there (SQLite has no ADD COLUMN IF NOT EXISTS). */
function addColumn(db: Database.Database, table: string, column: string, type: string): void {
  const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
  if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
}
