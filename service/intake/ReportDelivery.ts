import type { Logger } from 'pino';
import { MESSAGES, type Report, type ReportSummary } from '../../contract';
import { isoSeconds } from '../../lib/time/stockholmTime';
import type { DisruptionEngine, ActiveDisruption } from './DisruptionEngine';
import type { DisruptionRegistry, OpenDisruption } from './DisruptionRegistry';
import type { EngineHealth } from './EngineHealth';
import type { ForegroundGate } from '../../lib/concurrency/ForegroundGate';
import { fits, type ReportAssignment } from './ReportAssignment';
import type { ReportStore, StoredReport } from './ReportStore';

export interface ReportDeliveryOptions {
  /** Most reports in one `report-received` message. */
  batchSize: number;
  /** How often the open disruptions' state (scope, restored, ended) is read from the engine when nothing is queued. */
  refreshIntervalMs: number;
  /** Timer settings passed as start variables when configured (P6, R17, P4, P3); the models' defaults apply otherwise. */
  timerSettings?: Partial<Record<'backupRoutineAfter' | 'acknowledgementTimeout' | 'slaResponseTime' | 'slaRestoreTime' | 'noticeUpdateInterval', string>>;
  /** Foreground first (issue #12): a round starts once the intake is quiet (at most the gate's longest wait). */
  foreground?: Pick<ForegroundGate, 'quiet'>;
  now: () => Date;
}

/** What the engine holds of a report: no personal data (P1; the store keeps the rest). */
export function summaryOf(report: Report): ReportSummary {
  return { reportId: report.reportId, receivedAt: report.receivedAt, channel: report.channel, deskOnly: report.deskOnly, hasEmail: Boolean(report.reporterEmail) };
}

/**
 * Hands the stored reports to the engine, asynchronously (issue #12, P1). One round at a time:
 *
 * 1. reads the state of the running disruptions (one look each: ended, restored, the desk's scope) – every round while
 *    reports wait, otherwise every `refreshIntervalMs`, so that the intake's answers use the current scope (T4);
 * 2. moves waiting reports whose disruption can no longer take them (ended; restored before the call; now desk-only);
 * 3. starts each allocated disruption with its first report – unless the engine already runs it (a lost answer) or
 *    another intake started one meanwhile (then the allocation merges into that one);
 * 4. sends the other waiting reports of each disruption as batches: one `report-received` per batch, carrying up to
 *    `batchSize` report summaries; a batch keeps its id (`messageId`) until the engine took it, so a re-sent batch is
 *    never counted twice.
 *
 * Any failure ends the round and marks the engine down for a growing pause ({@link EngineHealth}); nothing is lost.
 */
export class ReportDelivery {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private lastRefreshMs = 0;

  constructor(
    private readonly reports: ReportStore,
    private readonly disruptions: DisruptionRegistry,
    private readonly assignment: ReportAssignment,
    private readonly engine: DisruptionEngine,
    private readonly health: EngineHealth,
    private readonly logger: Logger,
    private readonly options: ReportDeliveryOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.kick();
  }

  /** Stop: no new round; waits for the round in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** A report was stored: deliver soon (rounds never overlap; reports that come in meanwhile go in the next). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** One round now (tests, and the timer); resolves when it is done. */
  async deliverNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.round().finally(() => {
      this.running = undefined;
      if (!this.stopped) this.schedule(this.nextDelayMs());
    });
    return this.running;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A round that fails outside its engine calls (the file locked past its busy timeout) is logged and tried again:
      // never an unhandled rejection that ends the service.
      this.deliverNow().catch((err: unknown) => {
        this.logger.warn({ err }, 'report delivery round failed: tried again');
        if (!this.stopped) this.schedule(1_000);
      });
    }, delayMs);
    this.timer.unref();
  }

  private nextDelayMs(): number {
    const again = this.again;
    this.again = false;
    if (!this.health.mayTry()) return this.health.waitMs();
    if (again || this.reports.pendingCount() > 0) return 0;
    return this.options.refreshIntervalMs;
  }

  private async round(): Promise<void> {
    if (!this.health.mayTry()) return;
    // While calls are being answered, the reports wait in the store a moment longer and then go in larger batches.
    await this.options.foreground?.quiet();
    const pending = this.reports.pendingCount();
    const running = this.disruptions.running();
    if (pending === 0 && (running.length === 0 || Date.now() - this.lastRefreshMs < this.options.refreshIntervalMs)) return;
    try {
      await this.refresh(running);
      if (pending > 0) {
        this.moveMisplaced();
        await this.startAllocated();
        await this.sendBatches();
      }
      this.health.succeeded();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const pauseMs = this.health.failed(message);
      this.reports.markAttemptFailed(message);
      this.logger.warn({ err, queued: this.reports.pendingCount(), retryInMs: pauseMs }, 'reports queued: engine not reachable');
    }
  }

  /** 1. The running disruptions' state, one look each. */
  private async refresh(running: OpenDisruption[]): Promise<void> {
    const at = this.options.now().toISOString();
    for (const d of running) {
      if (!d.processInstanceKey) continue;
      const state = await this.engine.disruptionState(d.processInstanceKey);
      if (state.state !== 'ACTIVE') {
        this.disruptions.markClosed(d.disruptionId, at);
        continue;
      }
      if (state.restored && !d.restoredAt) this.disruptions.markRestored(d.disruptionId, at);
      if (state.scope && state.scope !== d.scope) this.disruptions.recordScope(d.disruptionId, state.scope);
    }
    this.lastRefreshMs = Date.now();
  }

  /** 2. Waiting reports whose disruption cannot take them any more (P1, P2, T4); only such disruptions' reports are read. */
  private moveMisplaced(): void {
    for (const disruptionId of this.reports.disruptionsWithPending()) {
      const d = this.disruptions.get(disruptionId);
      if (d && !d.closedAt && !d.restoredAt && d.scope !== 'desk-only') continue;
      for (const stored of this.reports.ofDisruption(disruptionId)) {
        if (stored.status !== 'pending' || (d && !this.misplaced(stored, d))) continue;
        const to = this.assignment.reassign(stored);
        this.logger.info({ reportId: stored.report.reportId, from: disruptionId, to }, 'report moved to the disruption it fits');
      }
      // An allocation left without reports never starts.
      if (d && !d.processInstanceKey && this.reports.ofDisruption(disruptionId).length === 0) this.disruptions.markClosed(disruptionId, this.options.now().toISOString());
    }
  }

  private misplaced(stored: StoredReport, d: OpenDisruption): boolean {
    if (d.closedAt) return true;
    if (d.restoredAt && stored.report.receivedAt >= d.restoredAt) return true;
    // A batch may already be in the engine: it is re-sent as it was; the starter starts its disruption.
    if (stored.batchId || d.starterReportId === stored.report.reportId) return false;
    return !fits(stored.report, d.scope);
  }

  /** 3. Allocated disruptions are started with their first report (or found running, or merged). */
  private async startAllocated(): Promise<void> {
    let active: ActiveDisruption[] | undefined;
    for (const disruptionId of this.reports.disruptionsWithPending()) {
      const d = this.disruptions.get(disruptionId);
      if (!d || d.processInstanceKey || d.closedAt) continue;
      active ??= await this.engine.activeDisruptions();
      const at = this.options.now().toISOString();
      const own = active.find((a) => a.disruptionId === d.disruptionId);
      if (own) {
        // Started before, the answer was lost (a crash or a timeout): the same disruption, not a second one (P1).
        this.disruptions.started(d.disruptionId, own.processInstanceKey);
        if (d.starterReportId) this.reports.markStarted(d.starterReportId, d.disruptionId, at);
        continue;
      }
      const elsewhere = active.find((a) => a.drill === d.drill && !a.restored && !this.disruptions.get(a.disruptionId));
      if (elsewhere) {
        this.disruptions.adopt({ ...elsewhere, reportedAt: elsewhere.reportedAt ?? d.reportedAt });
        this.disruptions.merge(d.disruptionId, elsewhere.disruptionId, at);
        this.reports.moveAll(d.disruptionId, elsewhere.disruptionId);
        this.logger.info({ disruptionId: d.disruptionId, into: elsewhere.disruptionId }, 'allocated disruption merged into one started elsewhere');
        continue;
      }
      await this.startDisruption(d);
    }
  }

  private async startDisruption(d: OpenDisruption): Promise<void> {
    const starter = d.starterReportId ? this.reports.get(d.starterReportId) : undefined;
    if (!starter || starter.status !== 'pending' || starter.disruptionId !== d.disruptionId) {
      // The report it was allocated for went elsewhere: the next waiting report of the disruption starts it.
      const next = this.reports.ofDisruption(d.disruptionId).find((r) => r.status === 'pending');
      if (!next) return;
      return this.startWith(d, next);
    }
    return this.startWith(d, starter);
  }

  private async startWith(d: OpenDisruption, starter: StoredReport): Promise<void> {
    const { report } = starter;
    const processInstanceKey = await this.engine.startDisruption({
      disruptionId: d.disruptionId,
      system: 'sesam',
      // T1: the engine computes reportedAt on its own clock from how long ago the call came in (one clock here).
      reportAge: isoSeconds(Math.max(0, this.options.now().getTime() - Date.parse(report.receivedAt))),
      drill: d.drill,
      report: summaryOf(report),
      reportCount: 1,
      ...(report.symptom ? { summary: report.symptom } : {}),
      ...Object.fromEntries(Object.entries(this.options.timerSettings ?? {}).filter(([, v]) => typeof v === 'string' && v.length > 0)),
    });
    this.disruptions.started(d.disruptionId, processInstanceKey);
    this.reports.markStarted(report.reportId, d.disruptionId, this.options.now().toISOString());
    this.logger.info({ reportId: report.reportId, disruptionId: d.disruptionId, processInstanceKey }, 'disruption started');
  }

  /** 4. One `report-received` per batch and disruption. */
  private async sendBatches(): Promise<void> {
    for (const disruptionId of this.reports.disruptionsWithPending()) {
      const d = this.disruptions.get(disruptionId);
      if (!d?.processInstanceKey || d.closedAt) continue;
      for (let batch = this.reports.nextBatch(disruptionId, this.options.batchSize); batch; batch = this.reports.nextBatch(disruptionId, this.options.batchSize)) {
        await this.engine.publishMessage({
          name: MESSAGES.reportReceived,
          correlationKey: disruptionId,
          messageId: `reports-${batch.batchId}`,
          variables: { newReports: batch.reports.map((r) => summaryOf(r.report)) },
        });
        const attached = this.reports.markBatchDelivered(batch.batchId, disruptionId, this.options.now().toISOString());
        this.logger.info({ disruptionId, batchId: batch.batchId, reports: attached }, 'reports attached to open disruption');
      }
    }
  }
}
