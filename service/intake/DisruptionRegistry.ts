import type Database from 'better-sqlite3';
import type { Scope } from '../../contract';
import { addColumn, prepare } from '../db';

/** A disruption as the intake knows it (P1): allocated by the intake, then started in (or adopted from) the engine. */
export interface OpenDisruption {
  disruptionId: string;
  /** The engine's process instance; `''` while the intake has allocated the disruption but not yet started it. */
  processInstanceKey: string;
  drill: boolean;
  reportedAt: string;
  /** The desk's assessment as last read from the engine (T4: reports attach only where they fit). */
  scope?: Scope;
  restoredAt?: string;
  closedAt?: string;
  /** The report the disruption was allocated for (it starts the process instance). */
  starterReportId?: string;
  /** Allocated here, but another intake had already started a disruption: its reports went there (P1). */
  mergedInto?: string;
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
  starter_report_id: string | null;
  merged_into: string | null;
}

/**
 * The disruptions the intake allocated, started or adopted (table `intake_disruptions`), so that every report attaches
 * to the open one (P1) without asking the engine: the intake answers at once, the delivery tells the engine later.
 */
export class DisruptionRegistry {
  constructor(private readonly db: Database.Database) {
    db.exec(`
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
    addColumn(db, 'intake_disruptions', 'starter_report_id', 'TEXT');
    addColumn(db, 'intake_disruptions', 'merged_into', 'TEXT');
  }

  get(disruptionId: string): OpenDisruption | undefined {
    const row = prepare(this.db, 'SELECT * FROM intake_disruptions WHERE disruption_id = ?').get(disruptionId) as DisruptionRow | undefined;
    return row ? toDisruption(row) : undefined;
  }

  /** Disruptions that take new reports (not restored, not closed) of a kind (drill or not), newest first. */
  openOf(drill: boolean): OpenDisruption[] {
    return (
      prepare(this.db, `SELECT * FROM intake_disruptions WHERE drill = ? AND restored_at IS NULL AND closed_at IS NULL ORDER BY reported_at DESC, seq DESC`)
        .all(drill ? 1 : 0) as DisruptionRow[]
    ).map(toDisruption);
  }

  /** Every disruption not yet closed (restored ones too: their instance still runs), newest first. */
  running(): OpenDisruption[] {
    return (prepare(this.db, 'SELECT * FROM intake_disruptions WHERE closed_at IS NULL ORDER BY reported_at DESC, seq DESC').all() as DisruptionRow[]).map(toDisruption);
  }

  /** Disruptions that take new reports (not restored, not closed), newest first, with their number of reports. */
  openWithCounts(): (OpenDisruption & { reportCount: number })[] {
    const rows = prepare(this.db,
        `SELECT d.*, (SELECT COUNT(*) FROM intake_reports r WHERE r.disruption_id = d.disruption_id) AS report_count
         FROM intake_disruptions d WHERE d.restored_at IS NULL AND d.closed_at IS NULL ORDER BY d.reported_at DESC`,
      )
      .all() as (DisruptionRow & { report_count: number })[];
    return rows.map((r) => ({ ...toDisruption(r), reportCount: r.report_count }));
  }

  /** The latest disruptions, open or not, newest first (merged allocations left out: they never ran). */
  recent(limit = 20): OpenDisruption[] {
    return (
      prepare(this.db, 'SELECT * FROM intake_disruptions WHERE merged_into IS NULL ORDER BY reported_at DESC LIMIT ?').all(limit) as DisruptionRow[]
    ).map(toDisruption);
  }

  /** Allocate the next id of the day (`SESAM-20261125-1`, drills `OVNING-SESAM-20261125-1`, P9) for a report. */
  allocate(day: string, drill: boolean, reportedAt: string, starterReportId: string): OpenDisruption {
    const row = prepare(this.db, 'SELECT MAX(seq) AS seq FROM intake_disruptions WHERE day = ? AND drill = ?').get(day, drill ? 1 : 0) as { seq: number | null };
    const seq = (row.seq ?? 0) + 1;
    const disruptionId = `${drill ? 'OVNING-' : ''}SESAM-${day}-${seq}`;
    prepare(this.db,
        `INSERT INTO intake_disruptions (disruption_id, process_instance_key, drill, reported_at, day, seq, starter_report_id) VALUES (?, '', ?, ?, ?, ?, ?)`,
      )
      .run(disruptionId, drill ? 1 : 0, reportedAt, day, seq, starterReportId);
    return this.get(disruptionId)!;
  }

  /** A disruption started elsewhere (another intake, a monitor), adopted so that reports attach to it (P1). */
  adopt(d: { disruptionId: string; processInstanceKey: string; drill: boolean; reportedAt: string }): void {
    const match = /(\d{8})-(\d+)$/.exec(d.disruptionId);
    prepare(this.db, `INSERT OR IGNORE INTO intake_disruptions (disruption_id, process_instance_key, drill, reported_at, day, seq) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(d.disruptionId, d.processInstanceKey, d.drill ? 1 : 0, d.reportedAt, match?.[1] ?? 'adopted', match ? Number(match[2]) : 0);
  }

  /** The engine started the allocated disruption. */
  started(disruptionId: string, processInstanceKey: string): void {
    prepare(this.db, 'UPDATE intake_disruptions SET process_instance_key = ? WHERE disruption_id = ?').run(processInstanceKey, disruptionId);
  }

  /** The allocation is given up for a disruption started elsewhere; the caller moves its reports (P1). */
  merge(disruptionId: string, into: string, at: string): void {
    prepare(this.db, 'UPDATE intake_disruptions SET merged_into = ?, closed_at = COALESCE(closed_at, ?) WHERE disruption_id = ?').run(into, at, disruptionId);
  }

  /** The scope the desk assessed, as read from the engine (T4). */
  recordScope(disruptionId: string, scope: Scope): void {
    prepare(this.db, 'UPDATE intake_disruptions SET scope = ? WHERE disruption_id = ?').run(scope, disruptionId);
  }

  markRestored(disruptionId: string, at: string): void {
    prepare(this.db, 'UPDATE intake_disruptions SET restored_at = COALESCE(restored_at, ?) WHERE disruption_id = ?').run(at, disruptionId);
  }

  markClosed(disruptionId: string, at: string): void {
    prepare(this.db, 'UPDATE intake_disruptions SET closed_at = COALESCE(closed_at, ?) WHERE disruption_id = ?').run(at, disruptionId);
  }
}

function toDisruption(row: DisruptionRow): OpenDisruption {
  return {
    disruptionId: row.disruption_id,
    processInstanceKey: row.process_instance_key,
    drill: Boolean(row.drill),
    reportedAt: row.reported_at,
    ...(row.scope ? { scope: row.scope } : {}),
    ...(row.restored_at ? { restoredAt: row.restored_at } : {}),
    ...(row.closed_at ? { closedAt: row.closed_at } : {}),
    ...(row.starter_report_id ? { starterReportId: row.starter_report_id } : {}),
    ...(row.merged_into ? { mergedInto: row.merged_into } : {}),
  };
}
