import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Report } from '../../contract';
import { addColumn, prepare } from '../db';

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
  /** The batch (one `report-received` message) the report is being delivered in. */
  batchId?: string;
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
  batch_id: string | null;
}

/**
 * The intake's reports (SQLite table `intake_reports`): every report as received, assigned to a disruption at once
 * (P1), delivered to the engine later in batches – one `report-received` message per disruption carries many reports;
 * a batch keeps its composition and id until the engine took it, so a re-sent batch is the same message (`messageId`).
 * Personal data (names, phones, e-mail) stays in this table, never in the engine and never in logs.
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
    `);
    // Columns added after the first release (an existing ./.data keeps its rows).
    addColumn(db, 'intake_reports', 'receipt_claim', 'TEXT');
    addColumn(db, 'intake_reports', 'batch_id', 'TEXT');
  }

  /** Store a report, assigned to its disruption (the caller decides which, in the same transaction). */
  add(report: Report, drill: boolean, submittedBy: string, disruptionId: string): void {
    prepare(this.db,
        `INSERT INTO intake_reports (report_id, payload, drill, status, submitted_by, received_at, disruption_id) VALUES (?, ?, ?, 'pending', ?, ?, ?)`,
      )
      .run(report.reportId, JSON.stringify(report), drill ? 1 : 0, submittedBy, report.receivedAt, disruptionId);
  }

  get(reportId: string): StoredReport | undefined {
    const row = prepare(this.db, 'SELECT * FROM intake_reports WHERE report_id = ?').get(reportId) as ReportRow | undefined;
    return row ? toReport(row) : undefined;
  }

  pendingCount(): number {
    return (prepare(this.db, `SELECT COUNT(*) AS n FROM intake_reports WHERE status = 'pending'`).get() as { n: number }).n;
  }

  /** Waiting reports with no disruption (stored by an earlier version, which assigned at delivery). */
  unassignedPending(): StoredReport[] {
    return (prepare(this.db, `SELECT * FROM intake_reports WHERE status = 'pending' AND disruption_id IS NULL ORDER BY received_at, rowid`).all() as ReportRow[]).map(toReport);
  }

  /** Disruptions with reports the engine does not have yet. */
  disruptionsWithPending(): string[] {
    return (prepare(this.db, `SELECT DISTINCT disruption_id AS id FROM intake_reports WHERE status = 'pending' AND disruption_id IS NOT NULL`).all() as { id: string }[]).map(
      (r) => r.id,
    );
  }

  recent(limit = 20): StoredReport[] {
    return (prepare(this.db, 'SELECT * FROM intake_reports ORDER BY received_at DESC, rowid DESC LIMIT ?').all(limit) as ReportRow[]).map(toReport);
  }

  /** Every report assigned to a disruption, oldest first (T3: who is told Sesam works again). */
  ofDisruption(disruptionId: string): StoredReport[] {
    return (prepare(this.db, `SELECT * FROM intake_reports WHERE disruption_id = ? ORDER BY received_at, rowid`).all(disruptionId) as ReportRow[]).map(toReport);
  }

  /** A pending report goes to another disruption (its own was closed, restored before the call, or did not fit, T4). */
  reassign(reportId: string, disruptionId: string): void {
    prepare(this.db, `UPDATE intake_reports SET disruption_id = ?, batch_id = NULL WHERE report_id = ? AND status = 'pending'`).run(disruptionId, reportId);
  }

  /** Every pending report of a disruption goes to another (P1: an allocation merged into a disruption started elsewhere). */
  moveAll(from: string, to: string): void {
    prepare(this.db, `UPDATE intake_reports SET disruption_id = ?, batch_id = NULL WHERE disruption_id = ? AND status = 'pending'`).run(to, from);
  }

  /**
   * T5, R16: the callers of a disruption who left an e-mail and have no receipt yet, claimed for `claimKey` (a job key)
   * in one transaction – so concurrent receipt jobs never mail the same caller, and a retried job finds its own claims.
   */
  claimReceipts(disruptionId: string, claimKey: string): StoredReport[] {
    const claim = this.db.transaction(() => {
      const rows = prepare(this.db, `SELECT * FROM intake_reports WHERE disruption_id = ? AND (receipt_claim IS NULL OR receipt_claim = ?) ORDER BY received_at, rowid`)
        .all(disruptionId, claimKey) as ReportRow[];
      const mine = rows.map(toReport).filter((r) => r.report.reporterEmail);
      const mark = prepare(this.db, 'UPDATE intake_reports SET receipt_claim = ? WHERE report_id = ?');
      for (const r of mine) mark.run(claimKey, r.report.reportId);
      return mine;
    });
    return claim.immediate();
  }

  /** The report that started its disruption was taken by the engine. */
  markStarted(reportId: string, disruptionId: string, at: string): void {
    prepare(this.db, `UPDATE intake_reports SET status = 'delivered', outcome = 'started', disruption_id = ?, delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE report_id = ?`)
      .run(disruptionId, at, reportId);
  }

  /**
   * The next batch of a disruption: the batch already formed and not yet taken (re-sent as it was: same id, same
   * reports), else up to `limit` pending reports not in a batch, formed into a new one. `excluding`: a report that
   * travels otherwise (the one that starts the disruption).
   */
  nextBatch(disruptionId: string, limit: number, excluding?: string): { batchId: string; reports: StoredReport[] } | undefined {
    const form = this.db.transaction(() => {
      const open = prepare(this.db, `SELECT batch_id FROM intake_reports WHERE disruption_id = ? AND status = 'pending' AND batch_id IS NOT NULL LIMIT 1`).get(disruptionId) as
        | { batch_id: string }
        | undefined;
      let batchId = open?.batch_id;
      if (!batchId) {
        batchId = randomUUID();
        const formed = prepare(this.db,
            `UPDATE intake_reports SET batch_id = ? WHERE report_id IN (
               SELECT report_id FROM intake_reports WHERE disruption_id = ? AND status = 'pending' AND batch_id IS NULL AND report_id IS NOT ? ORDER BY received_at, rowid LIMIT ?)`,
          )
          .run(batchId, disruptionId, excluding ?? null, limit);
        if (formed.changes === 0) return undefined;
      }
      const reports = (prepare(this.db, `SELECT * FROM intake_reports WHERE batch_id = ? AND status = 'pending' ORDER BY received_at, rowid`).all(batchId) as ReportRow[]).map(toReport);
      return { batchId, reports };
    });
    return form.immediate();
  }

  /** The engine took the batch: its reports are attached (P1). */
  markBatchDelivered(batchId: string, disruptionId: string, at: string): number {
    return prepare(this.db,
        `UPDATE intake_reports SET status = 'delivered', outcome = 'attached', disruption_id = ?, delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE batch_id = ? AND status = 'pending'`,
      )
      .run(disruptionId, at, batchId).changes;
  }

  /** A delivery attempt failed: every pending report shows it (attempts, last error) until the engine takes it. */
  markAttemptFailed(error: string): void {
    prepare(this.db, `UPDATE intake_reports SET attempts = attempts + 1, last_error = ? WHERE status = 'pending'`).run(error.slice(0, 500));
  }
}

function toReport(row: ReportRow): StoredReport {
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
    ...(row.batch_id && row.status === 'pending' ? { batchId: row.batch_id } : {}),
  };
}
