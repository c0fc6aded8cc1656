/**
 * `npm run demo-history`: seeds the local system with a year of disruptions (and two drills, P9), so a newcomer's
 * dashboard ("Uppföljning", :8081/uppfoljning) is populated. Nothing is written into the engine's tables by hand: real
 * process instances of the deployed models run on the local runtime with the real service and its job workers, driven
 * through the interfaces staff and IT use – the intake API, the IT API, user tasks completed as Tasklist does – while the
 * engine's clock is pinned and moved through each outage (the service's clock follows it). Every time in the history is
 * therefore known: `DEMO_HISTORY` below is the plan, and the dashboard's figures follow from it.
 *
 * Run it with `npm start` stopped (it uses the same `./.data`); it refuses to seed an engine that already has
 * disruptions (`--force` seeds anyway). Delete `./.data` to start over.
 */
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { CamundaRestClient } from '@camunda8/sdk';
import { startRuntime, type RunningRuntime } from '../runtime/src/startRuntime';
import { deployModels } from '../lib/camunda/deployModels';
import { LOCAL_API_USER, localRestClient } from '../lib/camunda/restClient';
import { MESSAGES } from '../contract/messages';
import { PROCESSES } from '../contract/processes';
import type { Scope } from '../contract/variables';
import { startService, type RunningService } from './service';
import { localServiceEnv } from './local';

const MINUTE = 60_000;

/** What happens in one disruption, in minutes after its first report. */
export type DemoAction =
  | { at: number; kind: 'report' }
  | { at: number; kind: 'assess' }
  | { at: number; kind: 'acknowledge'; via: 'task' | 'it' }
  | { at: number; kind: 'approve' }
  | { at: number; kind: 'itInstructions' }
  | { at: number; kind: 'followInstructions' }
  | { at: number; kind: 'connectMobile' }
  | { at: number; kind: 'restore' };

export interface DemoDisruption {
  /** The first report, on the engine clock. */
  reportedAt: string;
  scope: Scope;
  drill?: boolean;
  /** The desk's own report (3c: only Hjälpmedel Administration lost contact). */
  deskOnly?: boolean;
  actions: DemoAction[];
}

const report = (at: number): DemoAction => ({ at, kind: 'report' });
const assess = (at: number): DemoAction => ({ at, kind: 'assess' });
const ackTask = (at: number): DemoAction => ({ at, kind: 'acknowledge', via: 'task' });
const ackIt = (at: number): DemoAction => ({ at, kind: 'acknowledge', via: 'it' });
const approve = (at: number): DemoAction => ({ at, kind: 'approve' });
const restore = (at: number): DemoAction => ({ at, kind: 'restore' });

/**
 * The seeded history (times in Swedish time; office hours are weekdays 08.00–16.30). The test of the dashboard
 * (test/runtime/web/dashboard.int.test.ts) checks the figures worked out from this plan by hand.
 */
export const DEMO_HISTORY: DemoDisruption[] = [
  // 1. January, 3b in office hours: 3 reports; told and vendor at 5 min, acknowledged 15, notice 25, restored at 95 (SLA response passed at 60)
  { reportedAt: '2026-01-14T09:10:00+01:00', scope: 'sesam-down', actions: [report(1), report(1), assess(5), ackTask(15), approve(25), restore(95)] },
  // 2. February, 3b: acknowledged on /it at 10, notice 20, restored at 45 (within SLA)
  { reportedAt: '2026-02-03T10:00:00+01:00', scope: 'sesam-down', actions: [assess(3), ackIt(10), approve(20), restore(45)] },
  // 3. February, 3c: the desk's own report; work mobile at 10, the special notice at 30, restored at 120
  { reportedAt: '2026-02-19T13:30:00+01:00', scope: 'desk-only', deskOnly: true, actions: [assess(4), { at: 10, kind: 'connectMobile' }, approve(30), restore(120)] },
  // 4. March, 3b: 5 reports; told 5, acknowledged 12, notice 30; no prognosis: backup routine at 240 (its notice 245); restored at 300
  { reportedAt: '2026-03-11T08:45:00+01:00', scope: 'sesam-down', actions: [report(1), report(1), report(2), report(2), assess(5), ackTask(12), approve(30), approve(245), restore(300)] },
  // 5. April, 3a (full IT outage): 4 reports; IT's instructions at 20, followed at 25; restored at 180
  { reportedAt: '2026-04-07T14:00:00+02:00', scope: 'full-it-outage', actions: [report(1), report(2), report(3), assess(6), { at: 20, kind: 'itInstructions' }, { at: 25, kind: 'followInstructions' }, restore(180)] },
  // 6. May, 3b: 2 reports; told 2, acknowledged 8, notice 15, restored at 50
  { reportedAt: '2026-05-20T09:30:00+02:00', scope: 'sesam-down', actions: [report(1), assess(2), ackTask(8), approve(15), restore(50)] },
  // 7. June, 3b at night (off duty: unit manager and service desk at once, nothing to acknowledge): told 10, notice 40,
  //    backup routine at 240 (notice 250), restored at 540 (SLA response and restore time passed)
  { reportedAt: '2026-06-16T22:15:00+02:00', scope: 'sesam-down', actions: [assess(10), approve(40), approve(250), restore(540)] },
  // 8. August, 3b: 3 reports; never acknowledged (after 30 minutes the unit manager and the service desk are told),
  //    notice 45, restored at 110
  { reportedAt: '2026-08-25T10:20:00+02:00', scope: 'sesam-down', actions: [report(1), report(2), assess(4), approve(45), restore(110)] },
  // 9. September, 3c: restored at 60 before any notice
  { reportedAt: '2026-09-09T11:00:00+02:00', scope: 'desk-only', deskOnly: true, actions: [assess(3), { at: 8, kind: 'connectMobile' }, restore(60)] },
  // 10. October, 3b: 6 reports; told 3, acknowledged 9, notice 18, restored at 75
  { reportedAt: '2026-10-13T09:05:00+02:00', scope: 'sesam-down', actions: [report(1), report(1), report(2), report(2), report(2), assess(3), ackTask(9), approve(18), restore(75)] },
  // Drills (P9): shown apart
  { reportedAt: '2026-03-25T10:00:00+01:00', scope: 'sesam-down', drill: true, actions: [assess(2), ackTask(5), approve(10), restore(30)] },
  { reportedAt: '2026-09-30T13:00:00+02:00', scope: 'sesam-down', drill: true, actions: [assess(2), ackTask(6), approve(12), approve(242), restore(260)] },
];

/** The running parts the seeding drives. */
export interface DemoSystem {
  camunda: CamundaRestClient;
  /** The service's base URL (intake and IT APIs). */
  serviceUrl: string;
  /** The service's bearer token for the intake and IT APIs. */
  apiToken: string;
  /** Pin the engine's clock (the service's follows it). */
  pinClock(epochMilli: number): Promise<void>;
}

interface Options {
  logger?: Logger;
  /** Give up waiting for the system to settle after this long (wall clock). */
  timeoutMs?: number;
}

const USERS = { desk: 'desk', systemOwner: 'systemansvarig', vo: 'vo-hjalpmedel', workshop: 'ortopedteknik' } as const;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Plain JSON (the SDK hands out LosslessDto instances; keys as strings). */
function plain<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

interface Task {
  userTaskKey: string;
  elementId: string;
  processInstanceKey: string;
  creationDate: string;
}

class Driver {
  private readonly timeoutMs: number;
  private readonly log: Logger;
  constructor(
    private readonly sys: DemoSystem,
    options: Options,
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.log = options.logger ?? pino({ level: 'silent' });
  }

  async waitFor<T>(what: string, probe: () => Promise<T | undefined | false>): Promise<T> {
    const until = Date.now() + this.timeoutMs;
    for (let wait = 5; ; wait = Math.min(100, wait * 2)) {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
      if (Date.now() > until) throw new Error(`demo history: timed out waiting for ${what}`);
      await sleep(wait);
    }
  }

  private async api(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const res = await fetch(`${this.sys.serviceUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.sys.apiToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  /** Every process instance key of the disruption's tree (root and called instances). */
  private async tree(rootKey: string): Promise<Set<string>> {
    const r = await this.sys.camunda.searchProcessInstances({ filter: {}, page: { from: 0, limit: 1000 } } as never);
    const all = plain<{ processInstanceKey: string; parentProcessInstanceKey?: string }[]>(r.items);
    const keys = new Set([rootKey]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const p of all) {
        if (p.parentProcessInstanceKey && keys.has(p.parentProcessInstanceKey) && !keys.has(p.processInstanceKey)) {
          keys.add(p.processInstanceKey);
          grew = true;
        }
      }
    }
    return keys;
  }

  /** Nothing left for a worker: no job-based element active anywhere, on two looks in a row. */
  async settle(): Promise<void> {
    let quiet = 0;
    await this.waitFor('the system to settle', async () => {
      const r = await this.sys.camunda.searchElementInstances({ filter: { state: 'ACTIVE' }, page: { from: 0, limit: 1000 } } as never);
      const busy = plain<{ type: string }[]>(r.items).some((e) => /SERVICE_TASK|SEND_TASK|SCRIPT_TASK|BUSINESS_RULE_TASK|INTERMEDIATE_THROW_EVENT|END_EVENT/.test(e.type));
      quiet = busy ? 0 : quiet + 1;
      return quiet >= 3;
    });
  }

  async openTasks(rootKey: string, elementId?: string): Promise<Task[]> {
    const keys = await this.tree(rootKey);
    const r = await this.sys.camunda.searchUserTasks({ filter: { state: 'CREATED', ...(elementId ? { elementId } : {}) }, page: { from: 0, limit: 1000 } } as never);
    return plain<Task[]>(r.items)
      .filter((t) => keys.has(t.processInstanceKey))
      .sort((a, b) => a.creationDate.localeCompare(b.creationDate) || Number(BigInt(a.userTaskKey) - BigInt(b.userTaskKey)));
  }

  /** The task's form as Tasklist opens it: each field prefilled from the variable of the same name. */
  private async prefilled(task: Task): Promise<Record<string, unknown>> {
    const form = plain<{ schema: string }>(
      await this.sys.camunda.callApiEndpoint({ method: 'GET', urlPath: `user-tasks/${task.userTaskKey}/form` } as never),
    );
    const keys: string[] = [];
    const walk = (cs: { key?: string; components?: unknown[] }[] | undefined) => {
      for (const c of cs ?? []) {
        if (c.key) keys.push(c.key);
        walk(c.components as never);
      }
    };
    walk((JSON.parse(form.schema) as { components?: [] }).components);
    const vars = await this.sys.camunda.searchUserTaskVariables({ userTaskKey: task.userTaskKey, page: { from: 0, limit: 1000 } } as never);
    const byName = new Map<string, unknown>();
    for (const v of plain<{ name: string; value: string; scopeKey: string }[]>(vars.items)) {
      // the innermost scope wins
      if (!byName.has(v.name) || v.scopeKey === task.processInstanceKey) byName.set(v.name, JSON.parse(v.value));
    }
    const values: Record<string, unknown> = {};
    for (const k of keys) if (byName.get(k) !== undefined && byName.get(k) !== null) values[k] = byName.get(k);
    return values;
  }

  async complete(task: Task): Promise<void> {
    const [user, values] = await this.answer(task);
    await this.sys.camunda.assignUserTask({ userTaskKey: task.userTaskKey, assignee: user, allowOverride: true } as never);
    await this.sys.camunda.completeUserTask({ userTaskKey: task.userTaskKey, variables: values } as never);
    this.log.info({ elementId: task.elementId, user }, 'demo history: task completed');
  }

  /** Who completes a task, and with which form values (as a person would fill it in). */
  private async answer(task: Task): Promise<[string, Record<string, unknown>]> {
    switch (task.elementId) {
      case 'UserTask_ApproveNotice':
        return [USERS.systemOwner, { ...(await this.prefilled(task)), approved: true, approvedBy: USERS.systemOwner }];
      case 'UserTask_AcknowledgeDisruption':
        return [USERS.systemOwner, { acknowledged: true, acknowledgementNote: 'Mottaget, felsökning pågår.' }];
      case 'UserTask_FollowItInstructions':
        return [USERS.vo, { itInstructionsActions: 'Inga egna åtgärder utöver IT:s instruktioner.', itInstructionsFollowed: true }];
      case 'UserTask_ConnectViaWorkMobile':
        return [USERS.desk, { workMobileConnected: true, localFault: 'Nätverksfel på kontoret', workMobileNote: 'Två tjänstemobiler i bruk.' }];
      case 'UserTask_ReconcilePaperReferrals':
        return [USERS.workshop, { paperReferralsReceived: 3, paperReferralsEntered: 3, reconciliationNote: '' }];
      case 'UserTask_ReviewDisruption':
        return [USERS.vo, { reviewSummary: 'Rutinen följdes.', reviewLessons: 'Inga.', slaMet: true, deviationReportFiled: true }];
      case 'UserTask_DecideBackupRoutine':
        return [USERS.vo, { backupRoutineDecision: 'start-now' }];
      default:
        return [USERS.desk, { ...(await this.prefilled(task)) }];
    }
  }

  async one(d: DemoDisruption): Promise<string> {
    const t0 = Date.parse(d.reportedAt);
    const at = (min: number) => this.sys.pinClock(t0 + min * MINUTE);
    await at(0);
    const first = await this.api('POST', '/api/reports', this.reportBody(d, 0));
    if (first.status !== 201 && first.status !== 202) throw new Error(`demo history: POST /api/reports answered ${first.status}`);
    const disruptionId = await this.delivered(String(first.json.reportId));
    const rootKey = await this.waitFor(`the instance of ${disruptionId}`, async () => {
      const r = await this.sys.camunda.searchVariables({ filter: { name: 'disruptionId' }, page: { from: 0, limit: 1000 } } as never);
      return plain<{ value: string; processInstanceKey: string; scopeKey: string }[]>(r.items).find((v) => v.scopeKey === v.processInstanceKey && JSON.parse(v.value) === disruptionId)?.processInstanceKey;
    });
    await this.settle();
    const restoreAt = d.actions.find((a) => a.kind === 'restore')?.at ?? 0;
    // the clock walks in half hours between the actions, so every timer fires at its own time
    const ticks = Array.from({ length: Math.floor(restoreAt / 30) }, (_, i) => ({ at: (i + 1) * 30, kind: 'tick' as const }));
    const steps = [...d.actions, ...ticks].sort((a, b) => a.at - b.at || Number(a.kind === 'tick') - Number(b.kind === 'tick'));
    let reports = 1;
    for (const step of steps) {
      await at(step.at);
      await this.settle();
      switch (step.kind) {
        case 'tick':
          break;
        case 'report': {
          const r = await this.api('POST', '/api/reports', this.reportBody(d, reports++));
          await this.delivered(String(r.json.reportId));
          break;
        }
        case 'assess': {
          const [task] = await this.waitFor('Bedöm omfattning', async () => {
            const open = await this.openTasks(rootKey, 'UserTask_AssessScope');
            return open.length ? open : undefined;
          });
          await this.sys.camunda.assignUserTask({ userTaskKey: task.userTaskKey, assignee: USERS.desk, allowOverride: true } as never);
          await this.sys.camunda.completeUserTask({ userTaskKey: task.userTaskKey, variables: { scope: d.scope, summary: 'Sesam svarar inte.' } } as never);
          break;
        }
        case 'acknowledge':
          if (step.via === 'it') {
            const r = await this.api('POST', `/api/disruptions/${encodeURIComponent(disruptionId)}/messages/${MESSAGES.systemOwnerAcknowledged}`, { acknowledgedBy: 'Systemansvarig Sesam' });
            if (r.status !== 202) throw new Error(`demo history: acknowledgement answered ${r.status}`);
          } else await this.completeFirst(rootKey, 'UserTask_AcknowledgeDisruption');
          break;
        case 'approve':
          await this.completeFirst(rootKey, 'UserTask_ApproveNotice');
          break;
        case 'connectMobile':
          await this.completeFirst(rootKey, 'UserTask_ConnectViaWorkMobile');
          break;
        case 'followInstructions':
          await this.completeFirst(rootKey, 'UserTask_FollowItInstructions');
          break;
        case 'itInstructions': {
          const r = await this.api('POST', `/api/disruptions/${encodeURIComponent(disruptionId)}/messages/${MESSAGES.itInstructionsReceived}`, {
            itInstructions: 'Använd inte Sesam förrän IT meddelar att det fungerar. Skriv ner beställningar på papper.',
          });
          if (r.status !== 202) throw new Error(`demo history: IT instructions answered ${r.status}`);
          break;
        }
        case 'restore': {
          const r = await this.api('POST', `/api/disruptions/${encodeURIComponent(disruptionId)}/messages/${MESSAGES.systemRestored}`, {});
          if (r.status !== 202) throw new Error(`demo history: restoration answered ${r.status}`);
          break;
        }
      }
      await this.settle();
      // reports attach in the background: the next step waits until the engine has them
      if (step.kind === 'report') await this.waitFor('the report count', async () => (await this.reportCount(rootKey)) >= reports);
    }
    // After restoration: every task that is left (resolved notice, reconciliation, review), a minute apart.
    let minute = restoreAt;
    for (let round = 0; round < 20; round++) {
      await this.settle();
      const root = plain<{ state: string }[]>((await this.sys.camunda.searchProcessInstances({ filter: { processInstanceKey: rootKey } } as never)).items)[0];
      if (root?.state !== 'ACTIVE') break;
      const [task] = await this.openTasks(rootKey);
      if (!task) continue;
      minute += 1;
      await at(minute);
      await this.complete(task);
    }
    this.log.info({ disruptionId }, 'demo history: disruption seeded');
    return disruptionId;
  }

  private async completeFirst(rootKey: string, elementId: string): Promise<void> {
    const tasks = await this.waitFor(elementId, async () => {
      const open = await this.openTasks(rootKey, elementId);
      return open.length ? open : undefined;
    });
    await this.complete(tasks[0]);
  }

  private async reportCount(rootKey: string): Promise<number> {
    const r = await this.sys.camunda.searchVariables({ filter: { processInstanceKey: rootKey, name: 'reportCount' }, page: { from: 0, limit: 10 } } as never);
    const v = plain<{ value: string; scopeKey: string }[]>(r.items).find((x) => x.scopeKey === rootKey);
    return v ? Number(JSON.parse(v.value)) : 0;
  }

  private reportBody(d: DemoDisruption, n: number): Record<string, unknown> {
    return d.deskOnly && n === 0
      ? { reporterName: 'Hjälpmedel Administration', reporterPhone: '040-675 30 00', channel: 'other', symptom: 'Administrationen når inte Sesam.', drill: !!d.drill, deskOnly: true }
      : {
          reporterName: `Förskrivare ${n + 1}`,
          reporterPhone: `040-100 00 ${String(n + 1).padStart(2, '0')}`,
          channel: 'phone',
          symptom: 'Sesam svarar inte vid inloggning.',
          drill: !!d.drill,
          deskOnly: false,
        };
  }

  /** Waits until the intake handed the report to the engine; its disruption id. */
  private async delivered(reportId: string): Promise<string> {
    return this.waitFor(`report ${reportId} delivered`, async () => {
      const r = await this.api('GET', `/api/reports/${encodeURIComponent(reportId)}`);
      return r.json.status === 'delivered' && typeof r.json.disruptionId === 'string' ? r.json.disruptionId : undefined;
    });
  }
}

/** Drive every planned disruption, oldest first; returns their disruption ids in plan order. */
export async function seedDemoHistory(sys: DemoSystem, plan: DemoDisruption[] = DEMO_HISTORY, options: Options = {}): Promise<string[]> {
  const driver = new Driver(sys, options);
  const order = plan.map((d, i) => ({ d, i })).sort((a, b) => Date.parse(a.d.reportedAt) - Date.parse(b.d.reportedAt));
  const ids: string[] = new Array<string>(plan.length);
  for (const { d, i } of order) ids[i] = await driver.one(d);
  return ids;
}

export interface DemoRuntime {
  runtime: RunningRuntime;
  service: RunningService;
  system: DemoSystem;
  close(): Promise<void>;
}

const DEMO_API_TOKEN = 'demo-history-intake-token-0123456789';

/**
 * The runtime (clock control on) with the models deployed and the service with its workers, its `now` the engine's
 * clock. `inMemory` for tests; otherwise `./.data` (or RUNTIME_DATA_DIR), as `npm start` uses it.
 */
export async function startDemoSystem(options: { inMemory: boolean; logger?: Logger; dataDir?: string; env?: NodeJS.ProcessEnv }): Promise<DemoRuntime> {
  const logger = options.logger ?? pino({ level: 'warn' });
  const runtime = await startRuntime({
    ...(options.inMemory ? { inMemory: true } : { dataDir: options.dataDir ?? path.resolve(__dirname, '..', '.data') }),
    restPort: 0,
    monitoringPort: 0,
    web: false,
    host: '127.0.0.1',
    logger: logger.child({ component: 'runtime' }),
    clockControl: true,
  });
  let service: RunningService | undefined;
  try {
    const camunda = await localRestClient(runtime.restAddress, LOCAL_API_USER);
    await deployModels(camunda);
    const env = localServiceEnv(runtime, {
      ...process.env,
      SERVICE_PORT: '0',
      SERVICE_HOST: '127.0.0.1',
      INTAKE_API_TOKEN: DEMO_API_TOKEN,
      ...(options.inMemory ? { RUNTIME_DATA_DIR: (await import('node:fs')).mkdtempSync(path.join((await import('node:os')).tmpdir(), 'demo-history-')) } : {}),
      WORKER_POLL_INTERVAL_MS: '5',
      INTAKE_RETRY_INTERVAL_MS: '200',
      // the local mail capture on any free port: several demo systems (tests) side by side
      SMTP_CAPTURE_PORT: '0',
      ...options.env,
    });
    service = await startService({ env, logger: logger.child({ component: 'service' }), camunda, now: () => new Date(runtime.broker.now()) });
    const auth = `Basic ${Buffer.from(`${LOCAL_API_USER.username}:${LOCAL_API_USER.password}`).toString('base64')}`;
    const system: DemoSystem = {
      camunda,
      serviceUrl: service.url,
      apiToken: DEMO_API_TOKEN,
      async pinClock(epochMilli) {
        const res = await fetch(`${runtime.monitoringAddress}/actuator/clock/pin`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: JSON.stringify({ epochMilli }) });
        if (!res.ok) throw new Error(`clock pin: ${res.status}`);
      },
    };
    const running = service;
    return {
      runtime,
      service: running,
      system,
      async close() {
        await running.close().catch(() => undefined);
        await runtime.close();
      },
    };
  } catch (err) {
    await service?.close().catch(() => undefined);
    await runtime.close().catch(() => undefined);
    throw err;
  }
}

async function main(): Promise<void> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
  const force = process.argv.includes('--force');
  process.stdout.write('Driftstörning Sesam – fyller på med en demohistorik (körmiljön i ./.data; npm start ska vara stoppad)\n');
  const demo = await startDemoSystem({ inMemory: false, logger, ...(process.env.RUNTIME_DATA_DIR ? { dataDir: process.env.RUNTIME_DATA_DIR } : {}) });
  try {
    const existing = await demo.system.camunda.searchProcessInstances({ filter: { processDefinitionId: PROCESSES.disruption }, page: { from: 0, limit: 1 } } as never);
    if (existing.items.length > 0 && !force) {
      process.stderr.write('Motorn har redan driftstörningar. Radera ./.data för att börja om, eller kör med --force.\n');
      process.exitCode = 1;
      return;
    }
    const started = Date.now();
    const ids = await seedDemoHistory(demo.system, DEMO_HISTORY, { logger });
    process.stdout.write(`Klart på ${((Date.now() - started) / 1000).toFixed(1)} s: ${ids.length} driftstörningar (${DEMO_HISTORY.filter((d) => d.drill).length} övningar):\n`);
    for (const id of ids) process.stdout.write(`  ${id}\n`);
    process.stdout.write('Starta med npm start och öppna Uppföljning (VO Hjälpmedel eller systemansvarig).\n');
  } finally {
    await demo.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`Demohistoriken misslyckades: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
