import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Camunda8, type CamundaRestClient } from '@camunda8/sdk';
import pino from 'pino';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startRuntime, type RunningRuntime } from '../../../../runtime/src/startRuntime';
import { deployModels } from '../../../../lib/camunda/deployModels';
import { startLocalWeb, type LocalWeb } from '../../../../runtime/web/server';
import { CHROMIUM_OPTIONS } from '../../../../scripts/render-diagrams';

const ROOT = join(__dirname, '..', '..', '..', '..');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'local-web');

/** The demo users of runtime/web/users.json (passwords as documented in docs/local-web.md). */
export const DEMO = {
  desk: { id: 'desk', password: 'demo-desk' },
  systemOwner: { id: 'systemansvarig', password: 'demo-system-owner' },
  unitManager: { id: 'enhetschef', password: 'demo-unit-manager' },
  workshop: { id: 'ortopedteknik', password: 'demo-orthopaedic-workshop' },
  operation: { id: 'vo-hjalpmedel', password: 'demo-assistive-devices-operation' },
} as const;

/** The runtime's default user (no users file): Camunda 8 Run's demo / demo, admin; the local web signs in with it too. */
export const ENGINE_AUTH = { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: 'demo', CAMUNDA_BASIC_AUTH_PASSWORD: 'demo' } as const;
export const ENGINE_AUTH_HEADER = `Basic ${Buffer.from('demo:demo').toString('base64')}`;

/** T1: the engine clock the local-web tests pin (no test depends on the wall clock): a Wednesday in office hours. */
export const TEST_CLOCK = new Date('2026-11-25T09:00:00+01:00');

/**
 * The real local runtime (in memory, ephemeral ports, its clock pinned), the real models from bpmn/ and forms/, the
 * local web on port 0, and Debian's chromium through playwright-core.
 */
export class LocalWebHarness {
  runtime!: RunningRuntime;
  web!: LocalWeb;
  client!: CamundaRestClient;
  browser!: Browser;
  private contexts: BrowserContext[] = [];
  private sequence = 0;

  /** Starts the runtime, the local web and (unless `browser: false`, for tests that speak HTTP only) chromium. */
  async start(options: { browser?: boolean } = {}): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const logger = pino({ level: 'silent' });
    this.runtime = await startRuntime({ inMemory: true, restPort: 0, monitoringPort: 0, web: false, logger, clockControl: true });
    this.web = await startLocalWeb({
      port: 0,
      host: '127.0.0.1',
      restAddress: this.runtime.restAddress,
      monitoringAddress: this.runtime.monitoringAddress,
      pollIntervalMs: 300,
      logger,
    });
    this.client = new Camunda8({
      ZEEBE_REST_ADDRESS: this.runtime.restAddress,
      ...ENGINE_AUTH,
      CAMUNDA_LOG_LEVEL: 'none',
    } as never).getCamundaRestClient();
    await this.client.pinInternalClock(TEST_CLOCK.getTime());
    // The real models, UTF-8 safe (the SDK's deployResourcesFromFiles garbles å/ä/ö).
    await deployModels(this.client);
    if (options.browser !== false) this.browser = await chromium.launch(CHROMIUM_OPTIONS);
  }

  async stop(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    await this.browser?.close().catch(() => undefined);
    await this.web?.close();
    await this.runtime?.close();
  }

  /** A fresh browser (own cookies) that records console errors and CSP violations. */
  async newPage(viewport = { width: 1280, height: 900 }): Promise<{ page: Page; consoleErrors: string[] }> {
    const context = await this.browser.newContext({ viewport, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    this.contexts.push(context);
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    return { page, consoleErrors };
  }

  async signIn(page: Page, user: { id: string; password: string }): Promise<void> {
    await page.goto(`${this.web.url}/login`);
    await page.getByLabel('Användarnamn').fill(user.id);
    await page.getByLabel('Lösenord').fill(user.password);
    await Promise.all([page.waitForURL(/\/tasks/), page.getByRole('button', { name: 'Logga in' }).click()]);
  }

  async screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  /**
   * Start the disruption routine as the intake would (the variables of `disruptionSchema`; the first report is now on
   * the engine clock, T1), and play the `register-disruption` worker so the assessment task appears.
   */
  async startDisruption(variables: Record<string, unknown> = {}): Promise<string> {
    const r = await this.client.createProcessInstance({
      processDefinitionId: 'driftstorning-sesam',
      variables: { disruptionId: `D-${++this.sequence}`, system: 'sesam', drill: false, ...variables },
    } as never);
    const key = String(r.processInstanceKey);
    await this.workJob(key, 'register-disruption', {
      complete: { reportedAtText: 'onsdag 25 november 2026 kl. 09.00', backupRoutineDueAt: '2026-11-25T12:00:00.000Z', backupRoutineDueText: 'onsdag 25 november 2026 kl. 13.00' },
    });
    return key;
  }

  async startProcess(processDefinitionId: string, variables: Record<string, unknown>): Promise<string> {
    const r = await this.client.createProcessInstance({ processDefinitionId, variables } as never);
    return String(r.processInstanceKey);
  }

  /** Wait (polling the REST API) until the instance has an open user task with this element id. */
  async waitForTask(processInstanceKey: string, elementId: string): Promise<{ userTaskKey: string; name: string }> {
    return this.waitFor(async () => {
      const r = await this.client.searchUserTasks({ filter: { processInstanceKey, elementId, state: 'CREATED' } } as never);
      return r.items[0] as unknown as { userTaskKey: string; name: string } | undefined;
    }, `user task ${elementId} in ${processInstanceKey}`);
  }

  /**
   * Act as a job worker for one job of `type` in this instance (of element `elementId` when given; other jobs are only
   * locked for two seconds). Returns the job key.
   */
  async workJob(
    processInstanceKey: string,
    type: string,
    action: { complete: Record<string, unknown> } | { fail: string },
    elementId?: string,
  ): Promise<string> {
    const job = await this.waitFor(async () => {
      const jobs = (await this.client.activateJobs({ type, worker: 'local-web-test', maxJobsToActivate: 50, timeout: 2000, requestTimeout: 500 } as never)) as unknown as Array<{ jobKey: string; processInstanceKey: string; retries: number; elementId: string }>;
      return jobs.find((j) => String(j.processInstanceKey) === processInstanceKey && (!elementId || j.elementId === elementId));
    }, `a ${type} job${elementId ? ` of ${elementId}` : ''} in ${processInstanceKey}`);
    if ('complete' in action) await this.client.completeJob({ jobKey: job.jobKey, variables: action.complete } as never);
    else await this.client.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: action.fail, retryBackOff: 0 } as never);
    return String(job.jobKey);
  }

  /**
   * Act as the approval task's completing listener (`verify-notice-approver`, R3) in this instance and accept: a
   * completion of the approval task waits for it. Start it before the completion and await it after.
   */
  acceptApprovalListener(processInstanceKey: string): Promise<string> {
    return this.workJob(processInstanceKey, 'verify-notice-approver', { complete: {} });
  }

  async activeIncidents(processInstanceKey: string): Promise<Array<{ incidentKey: string; jobKey?: string; state: string; errorMessage: string }>> {
    const r = await this.client.searchIncidents({ filter: { processInstanceKey, state: 'ACTIVE' } } as never);
    return r.items as never;
  }

  async waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v !== undefined && v !== null && v !== false) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Wait until the locator is visible (Playwright's own `expect` is not part of playwright-core). */
export async function expectVisible(locator: import('playwright-core').Locator, timeout = 10_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
  expect(await locator.first().isVisible()).toBe(true);
}

/** Wait until the locator's text contains `text`, then assert it. */
export async function expectText(locator: import('playwright-core').Locator, text: string | RegExp, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  let last = '';
  while (Date.now() < end) {
    last = (await locator.first().textContent().catch(() => '')) ?? '';
    if (typeof text === 'string' ? last.includes(text) : text.test(last)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (typeof text === 'string') expect(last).toContain(text);
  else expect(last).toMatch(text);
}
