import type Database from 'better-sqlite3';
import type { Report, Scope } from '../../contract';
import type { DisruptionRegistry, OpenDisruption } from './DisruptionRegistry';
import type { ReportStore, StoredReport } from './ReportStore';

const dayFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** `YYYYMMDD` in Swedish local time. */
export function stockholmDay(d: Date): string {
  return dayFormat.format(d).replace(/\D/g, '');
}

/** T4: does a report fit a disruption of this scope? Only desk-only reports fit a desk-only (3c) disruption. */
export function fits(report: Pick<Report, 'deskOnly'>, scope: Scope | undefined): boolean {
  return scope !== 'desk-only' || report.deskOnly === true;
}

/** A report to store, of a drill or not, and who entered it. */
export interface NewReport {
  report: Report;
  drill: boolean;
  submittedBy: string;
}

/**
 * Which disruption a report belongs to (P1, T4), decided by the intake alone, in one SQLite transaction, so the desk
 * is answered at once and two simultaneous calls can never allocate two disruptions: the newest open disruption of
 * the same kind (drill or not) that the report fits – the desk's own report goes to the desk-only disruption if there
 * is one – else a new disruption is allocated for it (the delivery starts it in the engine).
 */
export class ReportAssignment {
  /** Built once: wrapping a function in a transaction costs as much as a small insert (issue #12: once per call). */
  private readonly addTx: Database.Transaction<(items: NewReport[]) => StoredReport[]>;
  private readonly reassignTx: Database.Transaction<(stored: StoredReport) => string>;
  private readonly rehearseTx: Database.Transaction<(items: NewReport[]) => never>;

  constructor(
    db: Database.Database,
    private readonly reports: ReportStore,
    private readonly disruptions: DisruptionRegistry,
  ) {
    this.addTx = db.transaction((items: NewReport[]) => {
      // The open disruptions are read once per kind for the whole group, again only after an allocation.
      const open = new Map<boolean, OpenDisruption[]>();
      return items.map(({ report, drill, submittedBy }) => {
        let candidates = open.get(drill);
        if (!candidates) open.set(drill, (candidates = this.disruptions.openOf(drill)));
        const target = this.target(report, drill, candidates);
        // a disruption allocated for this report: the next report of its kind reads the open ones again
        if (!candidates.includes(target)) open.delete(drill);
        this.reports.add(report, drill, submittedBy, target.disruptionId);
        return { report, drill, status: 'pending', disruptionId: target.disruptionId, attempts: 0, submittedBy } satisfies StoredReport;
      });
    });
    this.rehearseTx = db.transaction((items: NewReport[]) => {
      throw new Rehearsed(this.addTx(items));
    });
    this.reassignTx = db.transaction((stored: StoredReport) => {
      const { disruptionId } = this.target(stored.report, stored.drill);
      this.reports.reassign(stored.report.reportId, disruptionId);
      return disruptionId;
    });
  }

  /** Store a new report and assign it (P1). */
  add(report: Report, drill: boolean, submittedBy: string): StoredReport {
    return this.addTx.immediate([{ report, drill, submittedBy }])[0];
  }

  /**
   * Store and assign a group of reports in one transaction (issue #12: the reports of one turn of the event loop share
   * one commit), in their order: each sees the disruptions the ones before it allocated. All or none are stored.
   */
  addAll(items: NewReport[]): StoredReport[] {
    return items.length === 0 ? [] : this.addTx.immediate(items);
  }

  /**
   * As `addAll`, then rolled back: the same statements run and nothing stays (the intake's warm-up before it listens,
   * issue #12).
   */
  rehearseAll(items: NewReport[]): StoredReport[] {
    try {
      this.rehearseTx.immediate(items);
    } catch (err) {
      if (err instanceof Rehearsed) return err.stored;
      throw err;
    }
    throw new Error('unreachable: a rehearsal always rolls back');
  }

  /** A pending report whose disruption can no longer take it goes where it fits now (P1, P2, T4). */
  reassign(stored: StoredReport): string {
    return this.reassignTx.immediate(stored);
  }

  /** The open disruption (of `open`, read now by default) the report fits, or a new one allocated for it. */
  private target(report: Report, drill: boolean, open: OpenDisruption[] = this.disruptions.openOf(drill)): OpenDisruption {
    return this.fitting(report, open) ?? this.disruptions.allocate(stockholmDay(new Date(report.receivedAt)), drill, report.receivedAt, report.reportId);
  }

  private fitting(report: Report, open: OpenDisruption[]): OpenDisruption | undefined {
    const fitting = open.filter((d) => fits(report, d.scope));
    return (report.deskOnly ? fitting.find((d) => d.scope === 'desk-only') : undefined) ?? fitting[0];
  }
}

/** Thrown inside a rehearsal's transaction so that better-sqlite3 rolls it back; carries what would have been stored. */
class Rehearsed extends Error {
  constructor(readonly stored: StoredReport[]) {
    super('rehearsal rolled back');
  }
}
