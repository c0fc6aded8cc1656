/**
 * The reference model of a timeline: what the timeline did (reports and where the intake put them, scopes, every
 * prognosis, decisions, approvals, restorations, the engine clock) and what the routine therefore owes (T1–T6).
 * It is fed by the step runner after each step and read by the invariants.
 */
import type { Scope } from '../../../contract';
import { BACKUP_ROUTINE_AFTER_MIN } from './steps';
import { MINUTE } from '../support/time';

export interface ModelReport {
  reportId: string;
  caller: number;
  email?: string;
  deskOnly: boolean;
  drill: boolean;
  /** Engine clock when the call came in. */
  atMs: number;
  step: number;
  status: 'delivered' | 'queued';
  outcome?: 'started' | 'attached';
  disruptionId?: string;
  /** What the intake told the desk to say (tellCaller.lines). */
  script: string[];
  /** The disruption's scope as the desk had assessed it when the call came in (undefined: not yet). */
  scopeAtCall?: Scope;
  /** The open disruptions of the same kind (drill or not) when the call came in, by id (T4, P1). */
  openBefore: { id: string; scope?: Scope; firstDeskOnly: boolean }[];
}

export interface ModelPrognosis {
  expectedAtMs: number;
  text?: string;
  atMs: number;
  step: number;
  source: 'it' | 'notice';
}

export interface ModelDisruption {
  id: string;
  /** Order of start within the timeline. */
  index: number;
  drill: boolean;
  /** The first report on the engine clock: the 4 hours count from here (T1, T2). */
  firstReportAtMs: number;
  firstDeskOnly: boolean;
  scope?: Scope;
  assessedStep?: number;
  reports: ModelReport[];
  prognoses: ModelPrognosis[];
  decision?: { value: 'start-now' | 'await-prognosis'; atMs: number; step: number; prognosisCount: number };
  /** Approvals given by the system owner (approved = true), any notice of the disruption (R3). */
  ownerApprovals: number;
  /** The step at which the system owner approved the resolved (final) notice after restoration. */
  resolvedApprovalStep?: number;
  restoredAtMs?: number;
  restoredStep?: number;
  /** When the 4-hour rule made the backup routine due (first step end at which it held), with the reason. */
  backupDueAtMs?: number;
  backupDueStep?: number;
  backupDueReason?: 'no-prognosis' | 'prognosis-passed' | 'chosen';
}

export class ReferenceModel {
  readonly disruptions: ModelDisruption[] = [];
  readonly reports: ModelReport[] = [];

  constructor(public nowMs: number) {}

  /** The disruption a step with `d` acts on (d modulo their number), or undefined before the first one. */
  target(d: number): ModelDisruption | undefined {
    if (this.disruptions.length === 0) return undefined;
    return this.disruptions[d % this.disruptions.length];
  }

  byId(id: string): ModelDisruption | undefined {
    return this.disruptions.find((x) => x.id === id);
  }

  /** Record where the intake put a report; a started disruption joins the model. */
  addReport(report: ModelReport): void {
    this.reports.push(report);
    if (!report.disruptionId) return;
    let d = this.byId(report.disruptionId);
    if (!d) {
      d = {
        id: report.disruptionId,
        index: this.disruptions.length,
        drill: report.drill,
        firstReportAtMs: report.atMs,
        firstDeskOnly: report.deskOnly,
        reports: [],
        prognoses: [],
        ownerApprovals: 0,
      };
      this.disruptions.push(d);
    }
    d.reports.push(report);
  }

  /** The 4-hour mark of a disruption (R17). */
  static markMs(d: ModelDisruption): number {
    return d.firstReportAtMs + BACKUP_ROUTINE_AFTER_MIN * MINUTE;
  }

  static latestPrognosis(d: ModelDisruption): ModelPrognosis | undefined {
    return d.prognoses[d.prognoses.length - 1];
  }

  /**
   * T2 at the engine time `now`: in 3b and not restored, from the 4-hour mark on, the backup routine is due when there
   * is no prognosis, when the latest prognosed time has passed, or when VO Hjälpmedel chose to start it (a decision
   * taken on the latest prognosis).
   */
  static backupCondition(d: ModelDisruption, now: number): ModelDisruption['backupDueReason'] | undefined {
    if (d.scope !== 'sesam-down' || d.restoredAtMs !== undefined) return undefined;
    if (now < ReferenceModel.markMs(d)) return undefined;
    const latest = ReferenceModel.latestPrognosis(d);
    if (!latest) return 'no-prognosis';
    if (latest.expectedAtMs <= now) return 'prognosis-passed';
    if (d.decision?.value === 'start-now' && d.decision.prognosisCount === d.prognoses.length) return 'chosen';
    return undefined;
  }

  /**
   * After a step: once due, the backup routine stays due until restoration (R20: "until further notice"). Clock moves
   * are steps, and within one step the condition can only turn true as time passes, so looking at each step's end
   * finds the first moment it held.
   */
  settle(step: number): void {
    for (const d of this.disruptions) {
      if (d.backupDueAtMs !== undefined) continue;
      const reason = ReferenceModel.backupCondition(d, this.nowMs);
      if (reason) {
        d.backupDueAtMs = this.nowMs;
        d.backupDueStep = step;
        d.backupDueReason = reason;
      }
    }
  }

  /** Open disruptions of a kind of report (same drill flag, not restored). */
  open(drill: boolean): ModelDisruption[] {
    return this.disruptions.filter((d) => d.drill === drill && d.restoredAtMs === undefined);
  }
}
