/**
 * The intake under a real outage's load (issue #12), through the real HTTP path of the apps:
 *
 * - **storm, engine up**: `npm start` (apps/local.ts: runtime, service, workers in one process); 1,000 reports to
 *   `POST /api/reports` at concurrency 50 – total time, latency p50/p99, drain (until the engine has every report and
 *   every caller's receipt is mailed), peak memory of the process;
 * - **storm, engine down then restored**: the runtime (apps/runtime.ts) and the service (apps/service.ts) as separate
 *   processes; the runtime is stopped, 1,000 reports arrive, the runtime starts again on the same data – latency while
 *   it is down, and the drain after it is back.
 *
 * Each run checks itself: 0 reports lost, 0 given to the engine twice (its `reportCount`), 0 receipts twice, exactly
 * one disruption. Run: `npm run bench -- intake` (BENCH_REPORTS, BENCH_CONCURRENCY).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { deployModels } from '../lib/camunda/deployModels';
import { LOCAL_API_USER, localRestClient } from '../lib/camunda/restClient';
import { percentile, report } from './support/figures';
import { HttpClient } from './support/httpClient';
import { storm, withEmptyServer, type Storm } from './support/loadGenerator';
import { peakRss, printedUrls, startApp, type App } from './support/processes';

const N = Number(process.env.BENCH_REPORTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const TOKEN = 'bench-intake-token-0123456789';
const DRAIN_LIMIT_MS = 180_000;

/** The storm from the load generator's own process, with every request's timing kept when BENCH_LATENCY_DUMP names a file. */
async function stormAt(intakeBase: string): Promise<Storm> {
  const result = await storm({ url: intakeBase, token: TOKEN, count: N, concurrency: CONCURRENCY });
  // BENCH_LATENCY_DUMP=<file>: every request's send time and latency, to see where in the storm the slow ones are.
  if (process.env.BENCH_LATENCY_DUMP) writeFileSync(process.env.BENCH_LATENCY_DUMP, JSON.stringify({ sentAt: result.sentAt, latencies: result.latencies }));
  return result;
}

/**
 * The same storm against a server that answers 201 at once and does nothing else (here, while this process waits): what
 * the client and this machine cost by themselves, the floor under the intake's figures.
 */
async function clientFloor(): Promise<void> {
  const s = await withEmptyServer((url) => stormAt(url));
  report('Client floor', `client alone: ${N} answers from an empty server, latency p99`, percentile(s.latencies, 99), 'ms', undefined, `p50 ${percentile(s.latencies, 50).toFixed(1)} ms, total ${Math.round(s.totalMs)} ms`);
}

/** The local runtime's API user (its REST API asks for Basic authentication, issue #9). */
const ENGINE_AUTHORIZATION = `Basic ${Buffer.from(`${LOCAL_API_USER.username}:${LOCAL_API_USER.password}`).toString('base64')}`;

/** JSON from the service (`token`: the intake API's bearer token) or, by default, from the runtime's REST API. */
const checks = new HttpClient(8);
async function json<T>(url: string, init: { method?: string; body?: unknown; token?: boolean } = {}): Promise<T> {
  const res = await checks.request(url, init.method ?? 'GET', { authorization: init.token ? `Bearer ${TOKEN}` : ENGINE_AUTHORIZATION }, init.body);
  if (res.status < 200 || res.status >= 300) throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body as T;
}

interface Engine {
  rest: string;
}

async function disruptionInstances(engine: Engine): Promise<string[]> {
  const found = await json<{ items: { processInstanceKey: string; processDefinitionId: string }[] }>(`${engine.rest}/process-instances/search`, {
    method: 'POST',
    body: { filter: { processDefinitionId: 'driftstorning-sesam', state: 'ACTIVE' }, page: { limit: 100 } },
  });
  return found.items.filter((i) => i.processDefinitionId === 'driftstorning-sesam').map((i) => i.processInstanceKey);
}

async function variable(engine: Engine, processInstanceKey: string, name: string): Promise<unknown> {
  const found = await json<{ items: { name: string; value: string; scopeKey: string }[] }>(`${engine.rest}/variables/search`, {
    method: 'POST',
    body: { filter: { processInstanceKey, name }, page: { limit: 10 } },
  });
  const item = found.items.find((v) => v.scopeKey === processInstanceKey) ?? found.items[0];
  return item ? JSON.parse(item.value) : undefined;
}

async function activeReportSubprocesses(engine: Engine, processInstanceKey: string): Promise<number> {
  const found = await json<{ page: { totalItems: number } }>(`${engine.rest}/element-instances/search`, {
    method: 'POST',
    body: { filter: { processInstanceKey, elementId: 'SubProcess_ReportReceived', state: 'ACTIVE' }, page: { limit: 1 } },
  });
  return found.page.totalItems;
}

function receiptsMailed(serviceDb: string): { total: number; distinct: number } {
  const db = new Database(serviceDb, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT COUNT(*) AS total, COUNT(DISTINCT rcpt_to) AS "distinct" FROM captured_mail WHERE rcpt_to LIKE '%forskrivare%'`).get() as { total: number; distinct: number };
  } finally {
    db.close();
  }
}

/**
 * Until the intake has handed every report to the engine, the engine counts all N, no report subprocess is still
 * running and every caller's receipt reached the SMTP capture. Returns the time it took.
 */
async function drain(intakeBase: string, engine: Engine, serviceDb: string): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    if (performance.now() - t0 > DRAIN_LIMIT_MS) throw new Error(`not drained after ${DRAIN_LIMIT_MS / 1000} s`);
    const status = await json<{ queued: number }>(`${intakeBase}/api/intake/status`, { token: true });
    if (status.queued === 0) {
      const [key] = await disruptionInstances(engine);
      if (key && (await variable(engine, key, 'reportCount')) === N && (await activeReportSubprocesses(engine, key)) === 0 && receiptsMailed(serviceDb).total >= N) {
        return performance.now() - t0;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** 0 lost, 0 duplicated, one disruption: checked on the intake's answers, the engine and the mails. */
async function verify(section: string, intakeBase: string, engine: Engine, serviceDb: string, s: Storm): Promise<void> {
  const answers = await Promise.all(s.reportIds.map((id) => json<{ status: string; disruptionId: string }>(`${intakeBase}/api/reports/${id}`, { token: true })));
  const lost = N - answers.filter((a) => a.status === 'delivered').length;
  const disruptions = new Set(answers.map((a) => a.disruptionId));
  const instances = await disruptionInstances(engine);
  const counted = instances.length === 1 ? Number(await variable(engine, instances[0], 'reportCount')) : Number.NaN;
  const mails = receiptsMailed(serviceDb);
  report(section, 'reports lost', lost + s.failures.length, '', { op: '≤', value: 0 });
  report(section, 'reports given to the engine twice (reportCount − N)', counted - N, '', { op: '≤', value: 0 });
  report(section, 'receipts mailed twice', mails.total - mails.distinct, '', { op: '≤', value: 0 });
  report(section, 'disruptions (intake / engine)', Math.max(disruptions.size, instances.length), '', { op: '≤', value: 1 }, `${disruptions.size} / ${instances.length}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function engineUp(): Promise<void> {
  const section = `Intake storm, engine up (npm start; ${N} reports, concurrency ${CONCURRENCY})`;
  process.stdout.write(`\n## ${section}\n`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-intake-'));
  const serviceDb = path.join(dir, 'service.sqlite');
  const app = startApp('apps/local.ts', {
    RUNTIME_REST_PORT: '0',
    RUNTIME_MONITORING_PORT: '0',
    RUNTIME_WEB_PORT: '0',
    RUNTIME_DATA_DIR: dir,
    SERVICE_PORT: '0',
    SMTP_CAPTURE_PORT: '0',
    SERVICE_DB_FILE: serviceDb,
    INTAKE_API_TOKEN: TOKEN,
  });
  try {
    await app.waitFor(/Stoppa med Ctrl-C/);
    const urls = printedUrls(app.output());
    const intakeBase = urls['Intag för Administrationen'].replace(/\/intag$/, '');
    const engine = { rest: urls['Camunda REST API v2'] };
    const { result, peakMb } = await peakRss(app.child.pid!, async () => {
      const s = await stormAt(intakeBase);
      const drainMs = await drain(intakeBase, engine, serviceDb);
      return { s, drainMs };
    });
    const { s, drainMs } = result;
    report(section, 'storm total', s.totalMs, 'ms', { op: '≤', value: 10_000 });
    report(section, 'latency p50', percentile(s.latencies, 50), 'ms');
    report(section, 'latency p99', percentile(s.latencies, 99), 'ms', { op: '≤', value: 50 });
    report(section, 'drain after the storm (engine has all, receipts mailed)', drainMs, 'ms', { op: '≤', value: 15_000 });
    report(section, 'npm start peak memory (RSS)', peakMb, 'MB', { op: '≤', value: 300 });
    await verify(section, intakeBase, engine, serviceDb, s);
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function engineDownThenRestored(): Promise<void> {
  const section = `Intake storm, engine down then restored (npm run runtime + npm run service; ${N} reports)`;
  process.stdout.write(`\n## ${section}\n`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-intake-down-'));
  const serviceDb = path.join(dir, 'service.sqlite');
  const port = await freePort();
  const runtimeEnv = { RUNTIME_REST_PORT: String(port), RUNTIME_MONITORING_PORT: '0', RUNTIME_HOST: '127.0.0.1', RUNTIME_WEB: 'false', RUNTIME_DATA_DIR: path.join(dir, 'runtime') };
  const rest = `http://127.0.0.1:${port}`;
  let runtime: App | undefined = startApp('apps/runtime.ts', runtimeEnv);
  const service = startApp('apps/service.ts', {
    ZEEBE_REST_ADDRESS: rest,
    CAMUNDA_AUTH_STRATEGY: 'BASIC',
    CAMUNDA_BASIC_AUTH_USERNAME: LOCAL_API_USER.username,
    CAMUNDA_BASIC_AUTH_PASSWORD: LOCAL_API_USER.password,
    MAIL_CAPTURE: 'true',
    SERVICE_PORT: '0',
    SMTP_CAPTURE_PORT: '0',
    SERVICE_DB_FILE: serviceDb,
    INTAKE_API_TOKEN: TOKEN,
  });
  try {
    await runtime.waitFor(/Stop with Ctrl\+C/);
    await deployModels(await localRestClient(rest));
    const [, serviceUrl] = await service.waitFor(/Intag: (http:\/\/\S+)\/intag/);
    const engine = { rest: `${rest}/v2` };
    // when: the engine goes down and the calls come
    await runtime.stop('SIGTERM');
    runtime = undefined;
    const s = await stormAt(serviceUrl);
    report(section, 'latency p99 with the engine down', percentile(s.latencies, 99), 'ms', { op: '≤', value: 50 });
    report(section, 'slowest answer with the engine down', Math.max(...s.latencies), 'ms', { op: '≤', value: 50 });
    report(section, 'storm total with the engine down', s.totalMs, 'ms', { op: '≤', value: 10_000 });
    // then: the engine comes back on the same data and the intake delivers what waited
    const restartedAt = performance.now();
    runtime = startApp('apps/runtime.ts', runtimeEnv);
    await runtime.waitFor(/Stop with Ctrl\+C/);
    const readyMs = performance.now() - restartedAt;
    const drainMs = await drain(serviceUrl, engine, serviceDb);
    report(section, 'drain after the engine is back (engine has all, receipts mailed)', drainMs, 'ms', { op: '≤', value: 15_000 }, `runtime ready ${Math.round(readyMs)} ms after restart`);
    report(section, 'service peak memory after the drain (RSS)', (await peakRss(service.child.pid!, async () => undefined)).peakMb, 'MB', { op: '≤', value: 300 });
    await verify(section, serviceUrl, engine, serviceDb, s);
  } finally {
    await service.stop();
    await runtime?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  process.stdout.write(`# Intake benchmark (${os.cpus().length} CPUs, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
  const only = process.env.BENCH_INTAKE_SCENARIO;
  process.stdout.write('\n## Client floor\n');
  await clientFloor();
  if (!only || only === 'up') await engineUp();
  if (!only || only === 'down') await engineDownThenRestored();
}

main()
  .then(() => checks.close())
  .catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
