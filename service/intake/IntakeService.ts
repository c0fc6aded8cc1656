import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { MESSAGES, type Report, type ReportSummary, type Scope } from '../../contract';
import { isoSeconds, stockholmText } from '../../lib/time/stockholmTime';
import type { DisruptionEngine } from './DisruptionEngine';
import { IntakeError } from './IntakeError';
import type { IntakeInput, ItMessageName } from './intakeSchemas';
import type { OpenDisruption, ReportStore, StoredReport } from './ReportStore';

export interface IntakeServiceOptions {
  /** How long `submit` waits for the engine before answering with the report still queued. */
  engineWaitMs: number;
  /** How often queued reports are sent again. */
  retryIntervalMs: number;
  /** Timer settings passed as start variables when configured (P6, R17, P4, P3); the models' defaults apply otherwise. */
  timerSettings?: Partial<Record<'backupRoutineAfter' | 'acknowledgementTimeout' | 'slaResponseTime' | 'slaRestoreTime' | 'noticeUpdateInterval', string>>;
  now?: () => Date;
}

export interface SubmitResult {
  stored: StoredReport;
  /** true when the engine has not (yet) taken the report: it is kept and re-sent (never lost). */
  queued: boolean;
}

const dayFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** `YYYYMMDD` in Swedish local time. */
function stockholmDay(d: Date): string {
  return dayFormat.format(d).replace(/\D/g, '');
}

/**
 * The desk's intake (R6, P1): every report is stored first, then either starts a disruption (process
 * `driftstorning-sesam`) or attaches to the open one by publishing `report-received` with
 * `correlationKey = disruptionId`. If the engine cannot be reached the report stays queued and is re-sent.
 * Deliveries run one at a time, so two simultaneous calls cannot start two disruptions.
 */
export class IntakeService {
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private retrying = false;
  private readonly now: () => Date;

  constructor(
    private readonly store: ReportStore,
    private readonly engine: DisruptionEngine,
    private readonly logger: Logger,
    private readonly options: IntakeServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Store the report, then try to deliver it; answers within `engineWaitMs` at the latest. */
  async submit(input: IntakeInput, submittedBy: string): Promise<SubmitResult> {
    const report: Report = {
      reportId: randomUUID(),
      receivedAt: this.now().toISOString(),
      channel: input.channel,
      deskOnly: input.deskOnly,
      ...(input.reporterName ? { reporterName: input.reporterName } : {}),
      ...(input.reporterEmail ? { reporterEmail: input.reporterEmail } : {}),
      ...(input.reporterPhone ? { reporterPhone: input.reporterPhone } : {}),
      ...(input.unit ? { unit: input.unit } : {}),
      ...(input.productArea ? { productArea: input.productArea } : {}),
      ...(input.symptom ? { symptom: input.symptom } : {}),
    };
    this.store.add(report, input.drill, submittedBy);
    this.logger.info({ reportId: report.reportId, channel: report.channel, drill: input.drill }, 'report stored');
    const delivery = this.enqueue(report.reportId);
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([delivery, new Promise<void>((resolve) => (timeout = setTimeout(resolve, this.options.engineWaitMs)))]);
    clearTimeout(timeout);
    const stored = this.store.get(report.reportId)!;
    return { stored, queued: stored.status !== 'delivered' };
  }

  /**
   * Send queued reports again, oldest first, one round at a time; a round stops at the first report the engine
   * does not take (it is unreachable: no point in waiting for every other report to time out too).
   */
  async retryPending(): Promise<void> {
    if (this.retrying) return;
    this.retrying = true;
    try {
      for (const p of this.store.pending()) {
        await this.enqueue(p.report.reportId);
        if (this.store.get(p.report.reportId)?.status !== 'delivered') break;
      }
    } finally {
      this.retrying = false;
    }
  }

  /** Re-send queued reports every `retryIntervalMs` until `stop()`. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.store.pending(1).length > 0) void this.retryPending();
    }, this.options.retryIntervalMs);
    this.timer.unref();
  }

  /** Stop retrying and wait for the delivery in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.chain;
  }

  get(reportId: string): StoredReport | undefined {
    return this.store.get(reportId);
  }

  /** Disruptions that new reports attach to (P1), as far as the intake knows. */
  openDisruptions() {
    return this.store.openDisruptions();
  }

  /** Every disruption the intake knows (open, restored, closed), newest first. */
  recentDisruptions(limit = 20) {
    return this.store.recentDisruptions(limit);
  }

  /** A disruption the intake knows, open or not. */
  disruption(disruptionId: string) {
    return this.store.disruption(disruptionId);
  }

  recent(limit = 20): StoredReport[] {
    return this.store.recent(limit);
  }

  /**
   * IT reports prognosis, restoration, instructions or the owner's acknowledgement (R12, R17, P2, P4): a message
   * correlated on the disruption id. Throws `IntakeError` (status 404) for a disruption neither we nor the engine know.
   */
  async publishItMessage(disruptionId: string, name: ItMessageName, variables: Record<string, unknown>, messageId?: string): Promise<void> {
    const known = this.store.disruption(disruptionId) ?? (await this.engine.activeDisruptions()).find((d) => d.disruptionId === disruptionId);
    if (!known) throw new IntakeError('Unknown disruption', { operation: 'publish IT message', status: 404, disruptionId });
    const at = this.now().toISOString();
    const vars = { ...variables };
    if (name === MESSAGES.prognosisReceived) {
      // T2, T6: the prognosis as the routine holds it: the expected time, in Swedish for forms and mails, and where it came from.
      const p = vars.prognosis as { expectedAt: string; text?: string };
      vars.prognosis = { expectedAt: p.expectedAt, expectedAtText: stockholmText(p.expectedAt), ...(p.text ? { text: p.text } : {}), source: 'it' };
    }
    await this.engine.publishMessage({ name, correlationKey: disruptionId, variables: vars, ...(messageId ? { messageId } : {}) });
    if (name === MESSAGES.systemRestored) this.store.markRestored(disruptionId, at);
    this.logger.info({ disruptionId, message: name }, 'IT message published');
  }

  private enqueue(reportId: string): Promise<void> {
    const next = this.chain.then(() => this.deliver(reportId));
    this.chain = next.catch(() => undefined);
    return this.chain;
  }

  private async deliver(reportId: string): Promise<void> {
    const stored = this.store.get(reportId);
    if (!stored || stored.status === 'delivered') return;
    const { report, drill } = stored;
    try {
      let open = await this.fittingOpenDisruption(report, drill);
      if (!open && this.store.openOf(drill).length === 0 && (await this.adoptStartedElsewhere(report, drill))) {
        open = await this.fittingOpenDisruption(report, drill);
      }
      if (open) {
        this.store.assign(reportId, open.disruptionId);
        await this.engine.publishMessage({
          name: MESSAGES.reportReceived,
          correlationKey: open.disruptionId,
          messageId: `report-${report.reportId}`,
          variables: { newReports: [summaryOf(report)] },
        });
        this.store.markDelivered(reportId, open.disruptionId, 'attached', this.now().toISOString());
        this.logger.info({ reportId, disruptionId: open.disruptionId }, 'report attached to open disruption');
        return;
      }
      const day = stockholmDay(new Date(report.receivedAt));
      const { disruptionId, seq } = this.store.nextDisruptionId(day, drill);
      this.store.assign(reportId, disruptionId);
      let processInstanceKey: string;
      try {
        processInstanceKey = await this.engine.startDisruption({
          disruptionId,
          system: 'sesam',
          // T1: the engine computes reportedAt on its own clock from how long ago the call came in (one clock here).
          reportAge: isoSeconds(this.now().getTime() - Date.parse(report.receivedAt)),
          drill,
          report: summaryOf(report),
          reportCount: 1,
          ...(report.symptom ? { summary: report.symptom } : {}),
          ...Object.fromEntries(Object.entries(this.options.timerSettings ?? {}).filter(([, v]) => typeof v === 'string' && v.length > 0)),
        });
      } catch (err) {
        this.store.assign(reportId, null);
        throw err;
      }
      this.store.recordDisruption({ disruptionId, processInstanceKey, drill, reportedAt: report.receivedAt }, day, seq);
      this.store.markDelivered(reportId, disruptionId, 'started', this.now().toISOString());
      this.logger.info({ reportId, disruptionId, processInstanceKey }, 'disruption started');
    } catch (err) {
      this.store.markFailed(reportId, err instanceof Error ? err.message : String(err));
      this.logger.warn({ err, reportId }, 'report queued: engine not reachable');
    }
  }

  /**
   * The newest open disruption (of the same kind, drill or not) that the report fits (P1, T4): a report from someone
   * outside the desk does not fit a desk-only (3c) disruption – it must not hide a worse outage; the desk's own report
   * goes to the desk-only disruption if there is one. Disruptions that ended or were restored by another way than our
   * API are marked as such on the way (P2).
   */
  private async fittingOpenDisruption(report: Report, drill: boolean): Promise<OpenDisruption | undefined> {
    const fitting: OpenDisruption[] = [];
    for (const open of this.store.openOf(drill)) {
      const state = await this.engine.disruptionState(open.processInstanceKey);
      if (state.state !== 'ACTIVE') {
        this.store.markClosed(open.disruptionId, this.now().toISOString());
        continue;
      }
      if (state.restored) {
        this.store.markRestored(open.disruptionId, this.now().toISOString());
        continue;
      }
      if (state.scope && state.scope !== open.scope) this.store.recordScope(open.disruptionId, state.scope);
      if (fits(report, state.scope)) fitting.push({ ...open, ...(state.scope ? { scope: state.scope } : {}) });
    }
    // The desk's own report belongs with the desk-only disruption when there is one; otherwise the newest that fits.
    return (report.deskOnly ? fitting.find((d) => d.scope === 'desk-only') : undefined) ?? fitting[0];
  }

  /** Started elsewhere (another intake, a monitor, a lost answer of ours): adopt it instead of starting a second one (P1). */
  private async adoptStartedElsewhere(report: Report, drill: boolean): Promise<OpenDisruption | undefined> {
    const adopted = (await this.engine.activeDisruptions()).find((d) => {
      const mine = this.store.disruption(d.disruptionId);
      return d.drill === drill && !d.restored && !mine?.restoredAt && !mine?.closedAt;
    });
    if (!adopted) return undefined;
    const match = /(\d{8})-(\d+)$/.exec(adopted.disruptionId);
    this.store.recordDisruption(
      { disruptionId: adopted.disruptionId, processInstanceKey: adopted.processInstanceKey, drill, reportedAt: adopted.reportedAt ?? report.receivedAt },
      match?.[1] ?? 'adopted',
      match ? Number(match[2]) : 0,
    );
    return this.store.disruption(adopted.disruptionId);
  }
}

/** T4: does a report fit a disruption of this scope? Only desk-only reports fit a desk-only (3c) disruption. */
export function fits(report: Pick<Report, 'deskOnly'>, scope: Scope | undefined): boolean {
  return scope !== 'desk-only' || report.deskOnly === true;
}

/** What the engine holds of a report: no personal data (P1; the store keeps the rest). */
export function summaryOf(report: Report): ReportSummary {
  return { reportId: report.reportId, receivedAt: report.receivedAt, channel: report.channel, deskOnly: report.deskOnly, hasEmail: Boolean(report.reporterEmail) };
}
