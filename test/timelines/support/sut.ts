/**
 * One system under test for one timeline: the local runtime in process (in memory, ports 0) with the real models and
 * forms, the real service with its job workers (SQLite in a temp dir), and two real SMTP servers – the region's mail
 * server ("outside": mail that leaves the machine) and the local capture (drill mail, P9). Every clock is pinned: the
 * engine's through the monitoring API, the service's `now` follows the engine's (shifted by `serviceLagMs`, a drill's
 * moved clock as in the README). Nothing reads the wall clock for business time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import pino from 'pino';
import type { ParsedMail } from 'mailparser';
import { Camunda8, type CamundaRestClient } from '@camunda8/sdk';
import { startRuntime, type RunningRuntime } from '../../../runtime/src/startRuntime';
import { ENGINE_AUTH, ENGINE_AUTH_HEADER } from '../../support/engineAuth';
import type { ProcessInstanceRecord } from '../../../runtime/src/broker/types';
import { deployModels } from '../../../lib/camunda/deployModels';
import { loadConfig, type ServiceConfig } from '../../../service/config';
import { startService, type RunningService } from '../../../apps/service';
import { SqliteNoticeStore, SqliteSubscriberStore, type Notice } from '../../../service/notices';
import { TestMailServer } from '../../service/web/support/TestMailServer';
import { jobStore } from './quiescence';

export const API_TOKEN = 'timeline-intake-token-0123456789';
export const SUBSCRIBER = 'prenumerant@vardgivare.example';

/** Users as the directory (config) names them: Tasklist logins. */
export const USERS = {
  desk: 'desk',
  systemOwner: 'systemansvarig',
  vo: 'vo-hjalpmedel',
  unitManager: 'enhetschef',
  workshop: 'aktiv-ortopedteknik',
} as const;

export interface SutOptions {
  /** The engine clock at the start (epoch ms). */
  startAt: number;
  /** How far the service's clock is behind the engine's (ms); 0 = one clock. */
  serviceLagMs: number;
}

/** A mail as received by one of the two SMTP servers, with what the outbox says it is for. */
export interface ReceivedMail {
  sink: 'outside' | 'capture';
  messageId: string;
  subject: string;
  text: string;
  html: string;
  to: string;
  /** From the outbox key (disruption, purpose, recipient, occurrence), when the mail is one of the routine's effects. */
  disruptionId?: string;
  purpose?: string;
  recipient?: string;
  update?: string;
}

/** A job failure the workers logged (a technical fault, an incident). */
export interface LoggedFailure {
  msg: string;
  jobType?: string;
  processInstanceKey?: string;
  err?: string;
}

/** Log lines that mean a job or a delivery did not go through (technical faults, incidents, lost acknowledgements). */
const FAILURE_MESSAGES = /technical fault|failed permanently|could not report|report queued|IT message not published|error while closing/i;

/** A job that found its effect being done by another delivery (OutboxBusyError): it retries after a back-off. */
const BACK_OFF_MESSAGE = /effect in progress in another delivery/;

export class TimelineSut {
  runtime!: RunningRuntime;
  camunda!: CamundaRestClient;
  service!: RunningService;
  config!: ServiceConfig;
  readonly outside = new TestMailServer();
  readonly capture = new TestMailServer();
  readonly failures: LoggedFailure[] = [];
  /** Back-offs (ms, engine clock) of jobs that met another delivery's outbox lease: they wait for the clock. */
  readonly backOffs: number[] = [];
  private dir = '';
  private db: Database.Database | undefined;
  private notices: SqliteNoticeStore | undefined;
  private mailDomain = 'region-skane.example';
  private keyByMessageId = new Map<string, string>();

  /** Timelines run on this system so far (a pooled system is reset between them). */
  timelines = 1;
  /** Process instances with a key up to this belong to earlier timelines of a pooled system. */
  keyWatermark = 0n;

  private constructor(public options: SutOptions) {}

  static async start(options: SutOptions): Promise<TimelineSut> {
    const sut = new TimelineSut(options);
    try {
      await sut.startAll();
      return sut;
    } catch (err) {
      await sut.stop().catch(() => undefined);
      throw err;
    }
  }

  private async startAll(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'timeline-'));
    this.runtime = await startRuntime({ inMemory: true, restPort: 0, monitoringPort: 0, web: false, host: '127.0.0.1', logLevel: 'silent', clockControl: true });
    await this.pinClock(this.options.startAt);
    this.camunda = new Camunda8({ ZEEBE_REST_ADDRESS: this.runtime.restAddress, ...ENGINE_AUTH, CAMUNDA_LOG_LEVEL: 'none' } as never).getCamundaRestClient();
    await deployModels(this.camunda);
    const outsideUrl = await this.outside.start();
    const capturePort = Number(new URL(await this.capture.start()).port);
    const parsed = loadConfig({
      SERVICE_DB_FILE: join(this.dir, 'service.sqlite'),
      SERVICE_PORT: '0',
      SERVICE_HOST: '127.0.0.1',
      PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
      SMTP_CAPTURE_PORT: String(capturePort),
      ZEEBE_REST_ADDRESS: this.runtime.restAddress,
      ...ENGINE_AUTH,
      INTAKE_API_TOKEN: API_TOKEN,
      SESSION_SECRET: 'a-session-secret-for-timeline-tests-0123456789',
      INTAKE_RETRY_INTERVAL_MS: '200',
      // Long polling answers at once when a job appears; the interval only matters between two polls.
      WORKER_POLL_INTERVAL_MS: '5',
      LOG_LEVEL: 'warn',
    });
    // The test's SMTP server is "the configured SMTP" (set after parsing: its placeholder check is for production).
    this.config = { ...parsed, mail: { ...parsed.mail, smtpUrl: outsideUrl } };
    this.mailDomain = /@([^>\s]+)/.exec(this.config.mail.from)?.[1] ?? this.mailDomain;
    const failures = this.failures;
    const backOffs = this.backOffs;
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (!line.trim()) continue;
          try {
            const rec = JSON.parse(line) as { msg?: string; jobType?: string; processInstanceKey?: string; err?: { message?: string }; retryBackOff?: number };
            if (BACK_OFF_MESSAGE.test(rec.msg ?? '') && typeof rec.retryBackOff === 'number') backOffs.push(rec.retryBackOff);
            if (FAILURE_MESSAGES.test(rec.msg ?? '')) {
              failures.push({ msg: rec.msg ?? '', jobType: rec.jobType, processInstanceKey: rec.processInstanceKey, err: rec.err?.message });
            }
          } catch {
            // not JSON: ignore
          }
        }
        done();
      },
    });
    const engine = this.runtime.broker;
    this.service = await startService({
      config: this.config,
      // Info only when the runtime's job table cannot be read: then back-offs are seen in the workers' log.
      logger: pino({ level: jobStore(this) ? 'warn' : 'info' }, sink),
      camunda: this.camunda,
      workers: true,
      now: () => new Date(engine.now() - this.options.serviceLagMs),
    });
    this.db = new Database(this.config.db.file, { fileMustExist: true });
    this.notices = new SqliteNoticeStore(this.db, { publicBaseUrl: this.config.web.publicBaseUrl });
    // One confirmed subscriber: every published update is mailed (R4, P3), so its text is checked too.
    const subscribers = new SqliteSubscriberStore(this.db, { publicBaseUrl: this.config.web.publicBaseUrl, now: () => new Date(engine.now()) });
    const { confirmToken } = subscribers.subscribe(SUBSCRIBER);
    if (confirmToken) subscribers.confirm(confirmToken);
  }

  /**
   * Make a used system as good as new for the next timeline (pooled lanes): every running instance of the routine is
   * cancelled, the service's records are emptied, the mailboxes cleared, the clock pinned to the new start. Disruption
   * ids continue where the last timeline left off (a closed historic disruption per day takes the numbers), so a message
   * still buffered in the engine for an old id can never reach a new disruption.
   */
  async reset(options: SutOptions): Promise<void> {
    const broker = this.runtime.broker;
    for (const p of broker.processInstances({ state: 'ACTIVE' })) {
      if (p.parentProcessInstanceKey) continue;
      await this.camunda.cancelProcessInstance({ processInstanceKey: p.processInstanceKey });
    }
    const keys = broker.processInstances().map((p) => BigInt(p.processInstanceKey));
    this.keyWatermark = keys.reduce((a, b) => (b > a ? b : a), this.keyWatermark);
    const db = this.db!;
    db.exec('DELETE FROM intake_reports; DELETE FROM intake_disruptions; DELETE FROM notice_updates; DELETE FROM notices; DELETE FROM outbox;');
    this.timelines += 1;
    const insert = db.prepare(
      'INSERT OR IGNORE INTO intake_disruptions (disruption_id, process_instance_key, drill, reported_at, restored_at, closed_at, day, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const dayFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });
    const at = new Date(options.startAt).toISOString();
    for (let day = -3; day <= 21; day++) {
      const d = dayFormat.format(new Date(options.startAt + day * 86_400_000)).replace(/\D/g, '');
      for (const drill of [0, 1]) insert.run(`HISTORIK-${this.timelines}-${d}-${drill}`, '0', drill, at, at, at, d, this.timelines * 100);
    }
    this.outside.mails.splice(0);
    this.capture.mails.splice(0);
    this.failures.splice(0);
    this.backOffs.splice(0);
    this.keyByMessageId.clear();
    this.disruptionIds.clear();
    this.options = options;
    await this.pinClock(options.startAt);
  }

  /** Process instances of the current timeline (a pooled system keeps the cancelled ones of earlier timelines). */
  isCurrent(processInstanceKey: string): boolean {
    return BigInt(processInstanceKey) > this.keyWatermark;
  }

  /** Disruption ids of root instances already looked up (they never change). */
  readonly disruptionIds = new Map<string, string>();

  /** Every process instance of the current timeline. */
  currentInstances(): ProcessInstanceRecord[] {
    return this.runtime.broker.processInstances().filter((p) => this.isCurrent(p.processInstanceKey));
  }

  get url(): string {
    return this.service.url;
  }

  /** The engine's clock (epoch ms). */
  engineNow(): number {
    return this.runtime.broker.now();
  }

  async pinClock(epochMilli: number): Promise<void> {
    await this.monitoring('/actuator/clock/pin', { epochMilli });
  }

  async addClock(offsetMilli: number): Promise<void> {
    await this.monitoring('/actuator/clock/add', { offsetMilli });
  }

  private async monitoring(path: string, body: unknown): Promise<void> {
    const res = await fetch(`${this.runtime.monitoringAddress}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: ENGINE_AUTH_HEADER }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  }

  /** The token API (intake, IT). */
  async api(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed };
  }

  async apiGet(path: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.url}${path}`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  /** A public page of the service (no sign-in). */
  async publicGet(path: string): Promise<{ status: number; text: string }> {
    const res = await fetch(`${this.url}${path}`);
    return { status: res.status, text: await res.text() };
  }

  /** Reports the intake has stored but not yet delivered to the engine. */
  pendingReports(): number {
    return (this.db!.prepare(`SELECT COUNT(*) AS n FROM intake_reports WHERE status = 'pending'`).get() as { n: number }).n;
  }

  /** Every notice, drills included, as the store has them (what publish-notice wrote). */
  allNotices(): Notice[] {
    return this.notices!.list({ includeDrill: true, limit: 1000 });
  }

  /** Every mail received so far by either SMTP server, classified through the service's outbox. */
  mails(): ReceivedMail[] {
    const rows = this.db!.prepare('SELECT key FROM outbox').all() as { key: string }[];
    const register = (key: string) => {
      const id = `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${this.mailDomain}>`;
      if (!this.keyByMessageId.has(id)) this.keyByMessageId.set(id, key);
    };
    for (const { key } of rows) {
      register(key);
      // The e-mail service-desk adapter's mail is keyed by the intake address; its outbox row by the adapter (R14).
      const [disruptionId, purpose, , update] = key.split('|');
      if (purpose === 'service-desk-ticket') register([disruptionId, purpose, this.config.serviceDesk.intakeEmail.toLowerCase(), update].join('|'));
    }
    const classify = (sink: ReceivedMail['sink'], m: ParsedMail): ReceivedMail => {
      const messageId = m.messageId ?? '';
      const key = this.keyByMessageId.get(messageId);
      const [disruptionId, purpose, recipient, update] = key ? key.split('|') : [];
      const to = Array.isArray(m.to) ? m.to.map((a) => a.text).join(', ') : (m.to?.text ?? '');
      return {
        sink,
        messageId,
        subject: m.subject ?? '',
        text: m.text ?? '',
        html: typeof m.html === 'string' ? m.html : '',
        to,
        ...(key ? { disruptionId, purpose, recipient, update } : {}),
      };
    };
    return [...this.outside.mails.map((m) => classify('outside', m)), ...this.capture.mails.map((m) => classify('capture', m))];
  }

  async stop(): Promise<void> {
    await this.service?.close().catch(() => undefined);
    this.db?.close();
    this.db = undefined;
    await this.outside.stop();
    await this.capture.stop();
    await this.runtime?.close().catch(() => undefined);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
