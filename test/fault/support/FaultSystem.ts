import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Camunda8, type CamundaRestClient } from '@camunda8/sdk';
import { deployModels } from '../../../lib/camunda/deployModels';
import { openServiceDb } from '../../../service/db';
import { SqliteSubscriberStore } from '../../../service/notices';
import { engineAuthorization, engineClientEnv } from '../../fuzz/support/engineAccess';
import { ScriptedSmtpServer } from '../../support/ScriptedSmtpServer';
import { ChildProcessHandle } from './ChildProcessHandle';
import { eventually } from './eventually';
import type { FaultTrail } from './FaultTrail';

/** The instant every fault case starts at (a Wednesday in office hours): the engine's clock and the service's. */
export const FAULT_T0 = Date.parse('2026-11-25T09:00:00+01:00');
export const API_TOKEN = 'fault-intake-token-0123456789abcdef';
/** Short locks so that a crash is recovered from by moving the pinned clocks a little (never a process timer's worth). */
export const JOB_TIMEOUT_MS = 5_000;
export const OUTBOX_LEASE_MS = 5_000;
/** Mails in the instant between the end of data and the SMTP answer at once (docs/workers.md's guarantee). */
export const SMTP_POOL = 5;

export interface FaultSystemOptions {
  subscribers: number;
  /** Extra service settings (environment). */
  serviceEnv?: Record<string, string>;
}

/**
 * The whole routine as separate processes, as in production: the local runtime (`apps/runtime.ts`, a child process on
 * a SQLite file, clock pinned) and the service (`startService`, a child process on its own SQLite file, clock pinned),
 * with a real SMTP server (smtp-server, scripted) in this process standing in for the region's relay. Either child can
 * be killed with SIGKILL and started again on the same files and ports.
 */
export class FaultSystem {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'fault-'));
  readonly smtp = new ScriptedSmtpServer();
  runtime: ChildProcessHandle | undefined;
  service: ChildProcessHandle | undefined;
  engine!: CamundaRestClient;
  restAddress = '';
  monitoringAddress = '';
  serviceUrl = '';
  private ports = { rest: 0, monitoring: 0, service: 0 };
  /** The service's pinned clock (moved on by a restart: time passes while a crashed service is down). */
  serviceNow = FAULT_T0;

  constructor(
    private readonly trail: FaultTrail,
    private readonly options: FaultSystemOptions,
  ) {}

  get configFile(): string {
    return path.join(this.dir, 'service.json');
  }

  get serviceDb(): string {
    return path.join(this.dir, 'service.sqlite');
  }

  subscriber(i: number): string {
    return `prenumerant${i}@vard.example`;
  }

  async start(): Promise<this> {
    await this.smtp.start(0);
    // Confirmed subscribers of the notice page (R4), in the service's file before it starts.
    const db = openServiceDb(this.serviceDb);
    const subscribers = new SqliteSubscriberStore(db, { publicBaseUrl: 'http://127.0.0.1', now: () => new Date(FAULT_T0) });
    for (let i = 0; i < this.options.subscribers; i++) subscribers.confirm(subscribers.subscribe(this.subscriber(i)).confirmToken!);
    db.close();
    // Real delivery (SMTP_URL) refuses the local placeholder addresses: the region's roles at a reserved test domain.
    const person = (name: string, local: string, userId?: string) => [{ name, email: `${local}@region-skane.test`, ...(userId ? { userId } : {}) }];
    writeFileSync(
      this.configFile,
      JSON.stringify({
        directory: {
          desk: person('Hjälpmedel Administration', 'hjalpmedel-administration', 'desk'),
          'system-owner': person('Systemansvarig Sesam', 'systemansvarig-sesam', 'systemansvarig'),
          'unit-manager': person('Enhetschef IT', 'enhetschef-it', 'enhetschef'),
          'orthopaedic-workshop': person('Aktiv Ortopedteknik', 'remisser-aktiv-ortopedteknik'),
          'assistive-devices-operation': person('VO Hjälpmedel', 'vo-hjalpmedel', 'vo-hjalpmedel'),
        },
      }),
    );
    await this.startRuntime();
    this.engine = new Camunda8({ ZEEBE_REST_ADDRESS: this.restAddress, ...engineClientEnv(), CAMUNDA_LOG_LEVEL: 'none' } as never).getCamundaRestClient();
    await this.engine.pinInternalClock(FAULT_T0);
    await deployModels(this.engine);
    await this.startService();
    return this;
  }

  async startRuntime(): Promise<void> {
    const { handle, ready } = await ChildProcessHandle.start(
      'apps/runtime.ts',
      {
        RUNTIME_WEB: 'false',
        RUNTIME_HOST: '127.0.0.1',
        RUNTIME_REST_PORT: String(this.ports.rest),
        RUNTIME_MONITORING_PORT: String(this.ports.monitoring),
        RUNTIME_DATA_DIR: this.dir,
        RUNTIME_CLOCK_CONTROL: 'true',
        LOG_LEVEL: 'info',
      },
      'local runtime ready',
    );
    this.runtime = handle;
    this.restAddress = String(ready.restAddress);
    this.ports.rest = Number(new URL(this.restAddress).port);
    this.monitoringAddress = String(ready.monitoringAddress);
    this.ports.monitoring = Number(new URL(this.monitoringAddress).port);
    this.trail.step(`körmiljön startad (pid ${handle.pid}, ${this.restAddress})`);
  }

  async startService(): Promise<void> {
    const { handle, ready } = await ChildProcessHandle.start(
      'test/fault/support/serviceMain.ts',
      {
        FAULT_SERVICE_NOW: String(this.serviceNow),
        SERVICE_DB_FILE: this.serviceDb,
        SERVICE_CONFIG_FILE: this.configFile,
        SERVICE_DESK_EMAIL: 'servicedesk@region-skane.test',
        VENDOR_SUPPORT_EMAIL: 'support@visma.test',
        SERVICE_PORT: String(this.ports.service),
        SERVICE_HOST: '127.0.0.1',
        PUBLIC_BASE_URL: 'http://127.0.0.1',
        SMTP_URL: this.smtp.url,
        ZEEBE_REST_ADDRESS: this.restAddress,
        ...engineClientEnv(),
        INTAKE_API_TOKEN: API_TOKEN,
        SESSION_SECRET: 'a-session-secret-for-the-fault-suite-0123456789',
        WORKER_POLL_INTERVAL_MS: '100',
        JOB_TIMEOUT_MS: String(JOB_TIMEOUT_MS),
        OUTBOX_LEASE_MS: String(OUTBOX_LEASE_MS),
        SMTP_POOL_MAX_CONNECTIONS: String(SMTP_POOL),
        // A failed effect is tried again at once (the engine's clock is pinned: a back-off would never end).
        RETRY_BACKOFF_BASE_MS: '0',
        RETRY_BACKOFF_MAX_MS: '0',
        INTAKE_RETRY_INTERVAL_MS: '300',
        // Only the timers a case moves the clock for: no reminders, no SLA breaches in between.
        NOTICE_UPDATE_INTERVAL: 'PT24H',
        SLA_RESPONSE_TIME: 'PT24H',
        SLA_RESTORE_TIME: 'PT24H',
        BACKUP_ROUTINE_AFTER: 'PT2H',
        LOG_LEVEL: 'warn',
        ...this.options.serviceEnv,
      },
      'fault service ready',
    );
    this.service = handle;
    this.serviceUrl = String(ready.url);
    this.ports.service = Number(new URL(this.serviceUrl).port);
    this.trail.step(`tjänsten startad (pid ${handle.pid}, klocka ${new Date(this.serviceNow).toISOString()})`);
  }

  /** kill -9 of the runtime, then started again on the same file and ports. */
  async crashRuntime(): Promise<void> {
    const pid = this.runtime!.pid;
    await this.runtime!.kill9();
    this.trail.step(`kill -9 körmiljön (pid ${pid})`);
    await this.startRuntime();
  }

  /**
   * kill -9 of the service; started again on the same file and port once its jobs' locks and its outbox leases have
   * run out – the engine's clock and the service's are moved on by that much (never near a process timer).
   */
  async crashService(): Promise<void> {
    const pid = this.service!.pid;
    await this.service!.kill9();
    this.trail.step(`kill -9 tjänsten (pid ${pid})`);
    await this.advanceEngine(5 * JOB_TIMEOUT_MS + 1_000);
    this.serviceNow += 5 * JOB_TIMEOUT_MS + OUTBOX_LEASE_MS + 1_000;
    await this.startService();
  }

  /** The engine's clock now (pinned). */
  async engineNow(): Promise<number> {
    return eventually('the engine clock', async () => {
      const res = await fetch(`${this.monitoringAddress}/actuator/clock`, { headers: { authorization: engineAuthorization() } });
      return ((await res.json()) as { epochMilli: number }).epochMilli;
    });
  }

  async advanceEngine(ms: number): Promise<void> {
    const now = await this.engineNow();
    await eventually('moving the engine clock', () => this.engine.pinInternalClock(now + ms).then(() => true));
    this.trail.step(`körmiljöns klocka +${ms / 1000} s`);
  }

  /**
   * Let engine time pass in steps (`stepMs` every `everyMs` of waiting), so that failed jobs' back-offs run out while a
   * case waits – time moved by the test, never read from the wall clock. Returns the function that stops it.
   */
  tickEngine(stepMs: number, everyMs: number): () => Promise<void> {
    let stopped = false;
    const loop = (async () => {
      while (!stopped) {
        await new Promise((r) => setTimeout(r, everyMs));
        if (stopped) break;
        try {
          await this.engine.pinInternalClock((await this.engineNow()) + stepMs);
        } catch {
          // the runtime is restarting: the next tick moves it on
        }
      }
    })();
    this.trail.step(`körmiljöns klocka går ${stepMs / 1000} s per steg medan fallet väntar`);
    return async () => {
      stopped = true;
      await loop;
    };
  }

  /** A call to the service's API with its token. */
  api(method: string, target: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.serviceUrl}${target}`, {
      method,
      headers: { authorization: `Bearer ${API_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
  }

  output(): string {
    return `-- körmiljön --\n${this.runtime?.output().slice(-3000) ?? ''}\n-- tjänsten --\n${this.service?.output().slice(-3000) ?? ''}`;
  }

  async stop(): Promise<void> {
    for (const child of [this.service, this.runtime]) if (child?.alive) await child.kill9();
    await this.smtp.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
