import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { MESSAGES, type Report } from '../../contract';
import { stockholmText } from '../../lib/time/stockholmTime';
import { maskPersonnummer, maskPersonnummerDeep } from '../../lib/privacy/personalData';
import type { DisruptionEngine } from './DisruptionEngine';
import type { DisruptionRegistry } from './DisruptionRegistry';
import { EngineHealth, type EngineHealthState } from './EngineHealth';
import { IntakeError } from './IntakeError';
import type { IntakeInput, ItMessageName } from './intakeSchemas';
import { ReportAssignment } from './ReportAssignment';
import { ReportDelivery, type ReportDeliveryOptions } from './ReportDelivery';
import type { ReportStore, StoredReport } from './ReportStore';

export interface IntakeServiceOptions {
  /** Longest pause between delivery attempts while the engine is unreachable (the pause grows up to this). */
  retryIntervalMs: number;
  /** First pause after a failed attempt. */
  retryBaseMs?: number;
  /** Most reports in one `report-received` message. */
  batchSize?: number;
  /** How often the open disruptions' state is read from the engine when no report waits. */
  refreshIntervalMs?: number;
  timerSettings?: ReportDeliveryOptions['timerSettings'];
  /** Foreground first (issue #12): a delivery round waits for the intake to be quiet (default: never waits). */
  foreground?: ReportDeliveryOptions['foreground'];
  now?: () => Date;
}

export interface SubmitResult {
  stored: StoredReport;
  /** true until the engine has the report (always, right after `submit`): it is kept and delivered (never lost). */
  queued: boolean;
  /** The group the report was committed with (`submitGrouped`): answers built for one group may share what they read. */
  group?: number;
}

interface Waiting {
  input: IntakeInput;
  submittedBy: string;
  resolve: (result: SubmitResult) => void;
  reject: (err: unknown) => void;
}

/**
 * The desk's intake (R6, P1, issue #12): a report is stored and assigned to its disruption in one SQLite transaction
 * and answered at once – the engine is never waited for. {@link ReportDelivery} hands the reports to the engine in the
 * background: it starts a new disruption (process `driftstorning-sesam`) with the first report, and attaches the rest
 * in batches (`report-received`, `correlationKey = disruptionId`). A down engine costs the desk nothing; the reports
 * wait in the store and go when it is back.
 */
export class IntakeService {
  private readonly now: () => Date;
  private readonly assignment: ReportAssignment;
  private readonly delivery: ReportDelivery;
  private readonly health: EngineHealth;
  private waiting: Waiting[] = [];
  private groups = 0;
  /** While true, grouped submissions are rolled back (the warm-up before the web server listens). */
  private rehearsing = false;

  constructor(
    db: Database.Database,
    private readonly store: ReportStore,
    private readonly disruptions: DisruptionRegistry,
    private readonly engine: DisruptionEngine,
    private readonly logger: Logger,
    options: IntakeServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.assignment = new ReportAssignment(db, store, disruptions);
    this.health = new EngineHealth({ baseMs: options.retryBaseMs ?? 250, maxMs: options.retryIntervalMs });
    this.delivery = new ReportDelivery(store, disruptions, this.assignment, engine, this.health, logger, {
      batchSize: options.batchSize ?? 200,
      refreshIntervalMs: options.refreshIntervalMs ?? 5_000,
      ...(options.timerSettings ? { timerSettings: options.timerSettings } : {}),
      ...(options.foreground ? { foreground: options.foreground } : {}),
      now: this.now,
    });
  }

  /** Store the report, assigned to its disruption (P1), and answer; the delivery hands it to the engine. */
  submit(input: IntakeInput, submittedBy: string): SubmitResult {
    const report = this.reportOf(input);
    const stored = this.assignment.add(report, input.drill, submittedBy);
    this.logger.info({ reportId: report.reportId, channel: report.channel, drill: input.drill, disruptionId: stored.disruptionId }, 'report stored');
    this.delivery.kick();
    return { stored, queued: stored.status !== 'delivered' };
  }

  /**
   * As `submit`, committed together with the other reports that arrive in the same turn of the event loop (issue #12:
   * one SQLite commit for a storm's simultaneous calls instead of one each). Resolves once the report is stored; rejects
   * (nothing of the group stored) when the store refuses, e.g. the file locked past its busy timeout.
   */
  submitGrouped(input: IntakeInput, submittedBy: string): Promise<SubmitResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, submittedBy, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => this.commitWaiting());
    });
  }

  private commitWaiting(): void {
    const group = this.waiting;
    this.waiting = [];
    const groupNo = ++this.groups;
    const rehearsal = this.rehearsing;
    let stored: StoredReport[];
    try {
      const items = group.map((w) => ({ report: this.reportOf(w.input), drill: w.input.drill, submittedBy: w.submittedBy }));
      stored = rehearsal ? this.assignment.rehearseAll(items) : this.assignment.addAll(items);
    } catch (err) {
      for (const w of group) w.reject(err);
      return;
    }
    if (!rehearsal) {
      this.logger.info({ reports: stored.length, disruptionIds: [...new Set(stored.map((s) => s.disruptionId))] }, 'reports stored');
      this.delivery.kick();
    }
    stored.forEach((s, i) => group[i].resolve({ stored: s, queued: true, group: groupNo }));
  }

  /**
   * Run `exercise` – the intake's own requests, injected before the web server listens – with every grouped submission
   * rolled back: the code of a call's path is compiled and the store is untouched (issue #12: the first fifty calls of
   * an outage took 55 ms instead of 15 while V8 compiled it). Only for the start: no real call can arrive meanwhile.
   */
  async rehearse(exercise: () => Promise<void>): Promise<void> {
    this.rehearsing = true;
    try {
      await exercise();
    } finally {
      this.rehearsing = false;
    }
  }

  /** The report as stored: ids and time given here, personnummer masked in free text (issue #10). */
  private reportOf(input: IntakeInput): Report {
    return {
      reportId: randomUUID(),
      receivedAt: this.now().toISOString(),
      channel: input.channel,
      deskOnly: input.deskOnly,
      // Issue #10: a patient's personnummer said on the phone does not belong in the routine: masked in free text before
      // it is stored, reaches the engine (`summary`) or a mail.
      ...(input.reporterName ? { reporterName: maskPersonnummer(input.reporterName) } : {}),
      ...(input.reporterEmail ? { reporterEmail: input.reporterEmail } : {}),
      ...(input.reporterPhone ? { reporterPhone: input.reporterPhone } : {}),
      ...(input.unit ? { unit: maskPersonnummer(input.unit) } : {}),
      ...(input.productArea ? { productArea: input.productArea } : {}),
      ...(input.symptom ? { symptom: maskPersonnummer(input.symptom) } : {}),
    };
  }

  /** Start delivering (and re-reading the open disruptions' state) in the background, until `stop()`. */
  start(): void {
    // Reports an earlier version stored without a disruption are assigned now (it assigned them at delivery).
    for (const stored of this.store.unassignedPending()) this.assignment.reassign(stored);
    this.delivery.start();
  }

  /** Stop delivering and wait for the round in progress. */
  stop(): Promise<void> {
    return this.delivery.stop();
  }

  /** One delivery round now; resolves when it is done (the engine's failures are kept, not thrown). */
  deliverNow(): Promise<void> {
    return this.delivery.deliverNow();
  }

  /** The engine as the delivery last saw it. */
  engineHealth(): EngineHealthState {
    return this.health.state();
  }

  /** Reports the engine does not have yet. */
  queuedCount(): number {
    return this.store.pendingCount();
  }

  get(reportId: string): StoredReport | undefined {
    return this.store.get(reportId);
  }

  /** Disruptions that new reports attach to (P1), as far as the intake knows. */
  openDisruptions() {
    return this.disruptions.openWithCounts();
  }

  /** Every disruption the intake knows (open, restored, closed), newest first. */
  recentDisruptions(limit = 20) {
    return this.disruptions.recent(limit);
  }

  /** A disruption the intake knows, open or not. */
  disruption(disruptionId: string) {
    return this.disruptions.get(disruptionId);
  }

  recent(limit = 20): StoredReport[] {
    return this.store.recent(limit);
  }

  /**
   * IT reports prognosis, restoration, instructions or the owner's acknowledgement (R12, R17, P2, P4): a message
   * correlated on the disruption id. Throws `IntakeError` (status 404) for a disruption neither we nor the engine know.
   */
  async publishItMessage(disruptionId: string, name: ItMessageName, variables: Record<string, unknown>, messageId?: string): Promise<void> {
    const mine = this.disruptions.get(disruptionId);
    const known = mine ?? (await this.engine.activeDisruptions()).find((d) => d.disruptionId === disruptionId);
    if (!known) throw new IntakeError('Unknown disruption', { operation: 'publish IT message', status: 404, disruptionId });
    // An allocation that merged into a disruption started elsewhere (P1): the message goes to that one.
    const target = mine?.mergedInto ?? disruptionId;
    const at = this.now().toISOString();
    // Issue #10: free text from IT (instructions, prognosis text, names) reaches the engine without a personnummer.
    const vars = maskPersonnummerDeep({ ...variables });
    if (name === MESSAGES.prognosisReceived) {
      // T2, T6: the prognosis as the routine holds it: the expected time, in Swedish for forms and mails, and where it came from.
      const p = vars.prognosis as { expectedAt: string; text?: string };
      vars.prognosis = { expectedAt: p.expectedAt, expectedAtText: stockholmText(p.expectedAt), ...(p.text ? { text: p.text } : {}), source: 'it' };
    }
    await this.engine.publishMessage({ name, correlationKey: target, variables: vars, ...(messageId ? { messageId } : {}) });
    if (name === MESSAGES.systemRestored) this.disruptions.markRestored(target, at);
    this.logger.info({ disruptionId: target, message: name }, 'IT message published');
  }
}
