import { eventually } from './eventually';
import type { FaultSystem } from './FaultSystem';
import type { FaultTrail } from './FaultTrail';
import { MailLedger } from './MailLedger';

type Task = { userTaskKey: string; elementId: string; state: string };

/**
 * The people and systems of a disruption, driving the routine through the service's API and the engine's REST API as
 * Tasklist would: the desk logs calls, assesses, the system owner acknowledges and approves notices, IT reports Sesam
 * restored. Every step is repeated until its effect is there, so that it carries on across a crash of either process
 * (an answer lost with a killed process is asked again, never assumed).
 */
export class RoutineDriver {
  /** Reports the intake answered 201 for: each must still be there, delivered to the engine, after any crash. */
  readonly accepted: Array<{ reportId: string; disruptionId: string }> = [];

  constructor(
    private readonly sys: FaultSystem,
    private readonly trail: FaultTrail,
  ) {}

  get disruptionId(): string {
    return this.accepted[0]?.disruptionId ?? '';
  }

  /** The desk logs `n` calls at once (the intake API), each sent again until answered 201. */
  async report(n: number): Promise<void> {
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        eventually(`report ${i + 1} answered 201`, async () => {
          const res = await this.sys.api('POST', '/api/reports', { reporterName: `Förskrivare ${i + 1}`, unit: 'VC Lund', productArea: 'ortopedteknik', symptom: 'Sesam svarar inte.', reporterEmail: `forskrivare${i + 1}@vard.example`, channel: 'phone' });
          if (res.status !== 201) return false;
          const body = (await res.json()) as { reportId: string; disruptionId: string };
          this.accepted.push(body);
          return true;
        }),
      ),
    );
    this.trail.step(`${n} anmälningar tagna emot (201)`);
  }

  private async tasks(elementId: string, state?: string): Promise<Task[]> {
    return (await this.sys.engine.searchUserTasks({ filter: { elementId, ...(state ? { state } : {}) }, page: { from: 0, limit: 1000 } } as never)).items as unknown as Task[];
  }

  /** Someone in `assignee`'s role claims and completes the `n`-th task `elementId` (counted over the whole case). */
  async complete(elementId: string, n: number, assignee: string, variables: Record<string, unknown>): Promise<void> {
    await eventually(`${elementId} nr ${n} slutförd`, async () => {
      if ((await this.tasks(elementId, 'COMPLETED')).length >= n) return true;
      const [open] = await this.tasks(elementId, 'CREATED');
      if (!open) return false;
      await this.sys.engine.assignUserTask({ userTaskKey: open.userTaskKey, assignee, allowOverride: true } as never);
      await this.sys.engine.completeUserTask({ userTaskKey: open.userTaskKey, variables } as never);
      return (await this.tasks(elementId, 'COMPLETED')).length >= n;
    }, 30_000);
    this.trail.step(`${elementId} nr ${n} slutförd av ${assignee}`);
  }

  async assess(): Promise<void> {
    await this.complete('UserTask_AssessScope', 1, 'anna.desk', { scope: 'sesam-down', summary: 'Sesam går inte att nå för någon förskrivare.' });
  }

  /** The system owner approves the `n`-th notice of the case (R3). */
  async approveNotice(n: number): Promise<void> {
    await this.complete('UserTask_ApproveNotice', n, 'systemansvarig', { approvedBy: 'systemansvarig', approved: true });
  }

  /** Every subscriber has `n` notices (R4). */
  async fannedOut(n: number, subscribers: number): Promise<void> {
    await eventually(`utskick ${n} till ${subscribers} prenumeranter`, () => {
      const ledger = new MailLedger(this.sys.smtp.stored);
      return Array.from({ length: subscribers }, (_, i) => ledger.mailsTo(this.sys.subscriber(i))).every((count) => count >= n);
    }, 30_000);
    this.trail.step(`utskick ${n} nådde alla ${subscribers} prenumeranter`);
  }

  /** IT or the system owner sends a message through the API (idempotent by its key), until answered 2xx. */
  async message(name: string, body: Record<string, unknown>): Promise<void> {
    await eventually(`${name} skickat`, async () => {
      const res = await this.sys.api('POST', `/api/disruptions/${encodeURIComponent(this.disruptionId)}/messages/${name}`, body, { 'idempotency-key': `fault-${name}` });
      return res.status >= 200 && res.status < 300;
    });
    this.trail.step(`meddelande ${name}`);
  }

  /** Every accepted report is still stored and was handed to the engine (P1: nothing lost). */
  async reportsDelivered(): Promise<void> {
    for (const { reportId } of this.accepted) {
      await eventually(`anmälan ${reportId} levererad`, async () => {
        const res = await this.sys.api('GET', `/api/reports/${encodeURIComponent(reportId)}`);
        if (res.status === 404) throw new Error(`anmälan ${reportId} (svarad 201) finns inte längre`);
        return res.status === 200 && ((await res.json()) as { status: string }).status === 'delivered';
      });
    }
    const disruptions = new Set(this.accepted.map((a) => a.disruptionId));
    if (disruptions.size !== 1) throw new Error(`anmälningarna hamnade i ${disruptions.size} driftstörningar: ${[...disruptions].join(', ')}`);
  }
}
