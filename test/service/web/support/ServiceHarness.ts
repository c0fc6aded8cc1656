import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type Database from 'better-sqlite3';
import { Camunda8, type CamundaRestClient } from '@camunda8/sdk';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig, type ServiceConfig } from '../../../../service/config';
import { openServiceDb } from '../../../../service/db';
import { startService, type RunningService } from '../../../../apps/service';
import { SqliteNoticeStore, SqliteSubscriberStore, type PublishNoticeInput } from '../../../../service/notices';
import { hashPassword } from '../../../../lib/auth/password';
import { startRuntime, type RunningRuntime } from '../../../../runtime/src/startRuntime';
import { deployModels } from '../../../../lib/camunda/deployModels';
import { TestMailServer } from './TestMailServer';
import { CHROMIUM_OPTIONS } from '../../../../scripts/render-diagrams';
import { freePort } from '../../../support/freePort';

export const DESK_USER = { id: 'anna.desk', password: 'Korrekt-häst-batteri-1' };
/** The local runtime's API is protected (Basic): its default user, Camunda 8 Run's demo / demo (admin). */
export const ENGINE_AUTH = { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: 'demo', CAMUNDA_BASIC_AUTH_PASSWORD: 'demo' } as const;
export const API_TOKEN = 'test-intake-token-0123456789';
export const ARTIFACTS = join(__dirname, '..', '..', '..', '..', 'test-artifacts', 'service-web');

let cachedHash: string | undefined;

export interface HarnessOptions {
  /** Start the local runtime (in memory) and deploy the real models. */
  runtime?: boolean;
  /** Engine address when no runtime is started (e.g. a port where nothing listens). */
  engineAddress?: string;
  /** Start the job workers too (startService's default); off by default so tests of the pages stay focused. */
  workers?: boolean;
  /** MAIL_CAPTURE=true and no SMTP_URL: the service runs the local capture (outbox). Otherwise mail goes to the test's SMTP server. */
  mailCapture?: boolean;
  env?: Record<string, string>;
  /**
   * The instant both clocks are pinned to (T1: one clock; no test may depend on the wall clock): the service's `now`
   * and the runtime's engine clock. Default: Wednesday 25 November 2026, 09:00 in Stockholm (office hours).
   */
  clock?: Date;
}

/** The default pinned instant of the service tests: a Wednesday in office hours. */
export const TEST_CLOCK = new Date('2026-11-25T09:00:00+01:00');

/** `YYYYMMDD` of an instant in Swedish time (the day in a disruption id). */
export function swedishDay(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at).replace(/\D/g, '');
}

/**
 * One service under test: a real SQLite file in a temp dir, the real web server on port 0, a real SMTP server
 * (the test's, or the service's own capture), optionally the local runtime with the real `bpmn/` models.
 */
export class ServiceHarness {
  dir = '';
  service!: RunningService;
  config!: ServiceConfig;
  mail = new TestMailServer();
  runtime: RunningRuntime | undefined;
  camunda: CamundaRestClient | undefined;
  private db: Database.Database | undefined;

  constructor(private readonly options: HarnessOptions = {}) {}

  /** The instant the service's clock (and, with a runtime, the engine's) is pinned to. */
  get clock(): Date {
    return this.options.clock ?? TEST_CLOCK;
  }

  get url(): string {
    return this.service.url;
  }

  /** Starts everything; on a failure, stops what was started and rethrows. */
  async start(): Promise<this> {
    try {
      return await this.startAll();
    } catch (err) {
      await this.stop().catch(() => undefined);
      throw err;
    }
  }

  private async startAll(): Promise<this> {
    this.dir = mkdtempSync(join(tmpdir(), 'service-web-'));
    cachedHash ??= await hashPassword(DESK_USER.password);
    const usersFile = join(this.dir, 'users.json');
    writeFileSync(
      usersFile,
      JSON.stringify({
        users: [
          { id: DESK_USER.id, name: 'Anna Andersson', groups: ['desk'], passwordHash: cachedHash },
          { id: 'sara.systemowner', name: 'Sara Svensson', groups: ['system-owner'], passwordHash: cachedHash },
          { id: 'vera.vo', name: 'Vera Vo', groups: ['assistive-devices-operation'], passwordHash: cachedHash },
          { id: 'otto.ot', name: 'Otto Ortopedtekniker', groups: ['orthopaedic-workshop'], passwordHash: cachedHash },
        ],
      }),
    );
    let engineAddress = this.options.engineAddress ?? 'http://127.0.0.1:9';
    if (this.options.runtime) {
      this.runtime = await startRuntime({ inMemory: true, restPort: 0, monitoringPort: 0, web: false, host: '127.0.0.1', logLevel: 'silent', clockControl: true });
      engineAddress = this.runtime.restAddress;
      this.camunda = new Camunda8({ ZEEBE_REST_ADDRESS: engineAddress, ...ENGINE_AUTH, CAMUNDA_LOG_LEVEL: 'none' } as never).getCamundaRestClient();
      await this.camunda.pinInternalClock(this.clock.getTime());
      await deployModels(this.camunda);
    }
    const smtpUrl = this.options.mailCapture ? undefined : await this.mail.start();
    // PUBLIC_BASE_URL must be the address the server listens on, so that absolute links (mails, feeds) work here.
    const port = await freePort();
    const env: Record<string, string> = {
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      SERVICE_DB_FILE: join(this.dir, 'service.sqlite'),
      SERVICE_PORT: String(port),
      SERVICE_HOST: '127.0.0.1',
      SMTP_CAPTURE_PORT: '0',
      ZEEBE_REST_ADDRESS: engineAddress,
      ...ENGINE_AUTH,
      DESK_USERS_FILE: usersFile,
      INTAKE_API_TOKEN: API_TOKEN,
      SESSION_SECRET: 'a-session-secret-for-tests-only-0123456789',
      INTAKE_RETRY_INTERVAL_MS: '200',
      LOG_LEVEL: 'silent',
      ...(this.options.mailCapture ? { MAIL_CAPTURE: 'true' } : {}),
      ...this.options.env,
    };
    const config = loadConfig(env);
    // The test's SMTP server is "the configured SMTP" (set after parsing: its placeholder-address check is for production).
    this.config = smtpUrl ? { ...config, mail: { ...config.mail, smtpUrl } } : config;
    const pinned = this.clock.getTime();
    this.service = await startService({
      config: this.config,
      logger: pino({ level: 'silent' }),
      workers: this.options.workers ?? false,
      now: () => new Date(pinned),
      ...(this.camunda ? { camunda: this.camunda } : {}),
    });
    return this;
  }

  /** The same SQLite file, as the publish-notice worker would open it. */
  private openDb(): Database.Database {
    this.db ??= openServiceDb(this.config.db.file);
    return this.db;
  }

  /** The notice store on the service's file; `at` fixes the publication time (a controlled clock). */
  notices(at?: Date): SqliteNoticeStore {
    return new SqliteNoticeStore(this.openDb(), { publicBaseUrl: this.config.web.publicBaseUrl, ...(at ? { now: () => at } : {}) });
  }

  subscribers(): SqliteSubscriberStore {
    return new SqliteSubscriberStore(this.openDb(), { publicBaseUrl: this.config.web.publicBaseUrl });
  }

  /** What `publish-notice` stores after the system owner's approval (R3). */
  publish(input: Partial<PublishNoticeInput> & Pick<PublishNoticeInput, 'title' | 'body'>, at?: Date) {
    return this.notices(at).publish({
      disruptionId: 'SESAM-20261125-1',
      kind: 'disruption',
      state: 'investigating',
      approvedBy: 'Sara Svensson',
      approvedAt: new Date().toISOString(),
      ...input,
    });
  }

  /** A path of the public base URL, on the server under test. */
  local(absoluteUrl: string): string {
    const u = new URL(absoluteUrl);
    return `${this.url}${u.pathname}${u.search}${u.hash}`;
  }

  api(path: string, init: { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.token !== null) headers.authorization = `Bearer ${init.token ?? API_TOKEN}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${this.url}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  }

  /**
   * Log a report through `POST /api/reports` and wait until the engine has it (issue #12: the intake answers at once
   * and delivers in the background): the answer to `GET /api/reports/<id>` once its status is `delivered`.
   */
  async report(body: unknown, timeoutMs = 15_000): Promise<Record<string, unknown> & { reportId: string }> {
    const posted = await this.api('/api/reports', { method: 'POST', body });
    if (posted.status !== 201) throw new Error(`POST /api/reports answered ${posted.status}: ${await posted.text()}`);
    const { reportId } = (await posted.json()) as { reportId: string };
    return eventually(async () => {
      const answer = (await (await this.api(`/api/reports/${encodeURIComponent(reportId)}`)).json()) as Record<string, unknown> & { reportId: string };
      return answer.status === 'delivered' ? answer : undefined;
    }, timeoutMs);
  }

  async stop(): Promise<void> {
    await this.service?.close();
    this.db?.close();
    this.db = undefined;
    await this.mail.stop();
    await this.runtime?.close();
    this.runtime = undefined;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A port that was free a moment ago (the service needs to know its public URL before it listens). */
export { freePort };

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch(CHROMIUM_OPTIONS);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Sign in at /intag/logga-in as the desk user. */
export async function signInAsDesk(page: Page, baseUrl: string): Promise<void> {
  await signIn(page, baseUrl, DESK_USER.id, '/intag');
}

/** Sign in as one of the harness's users (all have the same password) and land on `landing`. */
export async function signIn(page: Page, baseUrl: string, userId: string, landing: '/intag' | '/it' | '/utkorg'): Promise<void> {
  await page.goto(`${baseUrl}${landing}`);
  await page.getByLabel('Användarnamn').fill(userId);
  await page.getByLabel('Lösenord').fill(DESK_USER.password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL(`${baseUrl}${landing}`);
}

/** Inputs, selects and textareas without an accessible label (should be none). */
export async function unlabelledFields(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('input, select, textarea'))
      .filter((el) => (el as HTMLInputElement).type !== 'hidden')
      .filter((el) => {
        const field = el as HTMLInputElement;
        return (field.labels?.length ?? 0) === 0 && !field.getAttribute('aria-label') && !field.getAttribute('aria-labelledby');
      })
      .map((el) => el.outerHTML),
  );
}

export interface ServiceAndBrowser {
  h: ServiceHarness;
  page: Page;
  browser: Browser;
}

/**
 * The common jest hooks of the browser tests: one chromium per file, a fresh service (and page) per test.
 * `bind` receives the current parts before each test: `useServiceAndBrowser({ runtime: true }, (c) => ({ h, page, browser } = c))`.
 * With `perTest: false` one service serves the whole describe block.
 */
export function useServiceAndBrowser(options: HarnessOptions, bind: (parts: ServiceAndBrowser) => void, perTest = true): void {
  let browser: Browser;
  let h: ServiceHarness | undefined;
  let page: Page | undefined;
  const startService = async () => {
    h = await new ServiceHarness(options).start();
  };
  beforeAll(async () => {
    browser = await launchBrowser();
    if (!perTest) await startService();
  });
  afterAll(async () => {
    if (!perTest) await h?.stop();
    await browser?.close();
  });
  beforeEach(async () => {
    if (perTest) await startService();
    page = await browser.newPage();
    bind({ h: h!, page, browser });
  });
  afterEach(async () => {
    await page?.close();
    if (perTest) await h?.stop();
  });
}

/** Poll a condition (the engine and the workers work asynchronously); fails after `timeoutMs`. Not a sleep: returns as soon as it holds. */
export async function eventually<T>(fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
