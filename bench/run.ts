/**
 * Benchmarks of the local runtime (issue #3): start-to-ready, job round trip through an unchanged
 * @camunda8/sdk job worker, and process instances per second for a one-service-task process.
 * Run: `npm run bench` (prints the figures; goals: ready ≤ 2 s, round-trip overhead ≤ 5 ms median,
 * ≥ 200 instances/s).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { startRuntime } from '../runtime/src/startRuntime';
import { nodeOptionsOf } from './support/processes';

const REPO = path.resolve(__dirname, '..');
const MODEL = path.join(__dirname, 'fixtures', 'bench-one-task.bpmn');
const ROUND_TRIPS = Number(process.env.BENCH_ROUND_TRIPS ?? 300);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 2000);
/** Round trips before measuring (JIT warm-up of client and runtime). */
const WARM_UP = 100;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

interface Child {
  restAddress: string;
  stop(): Promise<void>;
  spawnToReadyMs: number;
  reportedReadyMs: number;
  apiReadyMs: number;
}

/** The runtime as `npm run runtime` runs it (its node options from package.json), in its own process. */
function spawnRuntime(env: Record<string, string>): Promise<Child> {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeOptionsOf('apps/runtime.ts'), 'apps/runtime.ts'], {
    cwd: REPO,
    env: { ...process.env, RUNTIME_REST_PORT: '0', RUNTIME_MONITORING_PORT: '0', RUNTIME_HOST: '127.0.0.1', RUNTIME_WEB: 'false', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`runtime exited with ${code}:\n${out}`)));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"local runtime ready"'));
      if (!line) return;
      const entry = JSON.parse(line) as { restAddress: string; readyMs: number; apiReadyMs: number };
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      child.removeAllListeners('exit');
      resolve({
        restAddress: entry.restAddress,
        spawnToReadyMs: performance.now() - started,
        reportedReadyMs: entry.readyMs,
        apiReadyMs: entry.apiReadyMs,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

function client(restAddress: string) {
  // the runtime's API is protected (Basic, its default user demo / demo): the figures include authentication
  return new Camunda8({ ZEEBE_REST_ADDRESS: restAddress, CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: 'demo', CAMUNDA_BASIC_AUTH_PASSWORD: 'demo', CAMUNDA_LOG_LEVEL: 'none' }).getCamundaRestClient();
}

async function benchStart(): Promise<void> {
  console.log('\n## Start to ready');
  const inProcess: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const rt = await startRuntime({ inMemory: true, restPort: 0, monitoringPort: 0, host: '127.0.0.1', web: false, logLevel: 'silent' });
    inProcess.push(performance.now() - t0);
    await rt.close();
  }
  console.log(`startRuntime() in process (modules loaded): first ${fmt(inProcess[0])}, median of 5 ${fmt(percentile(inProcess, 50))}`);
  const spawned: number[] = [];
  const reported: number[] = [];
  for (let i = 0; i < 3; i++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-start-'));
    const child = await spawnRuntime({ RUNTIME_DATA_DIR: dir });
    spawned.push(child.spawnToReadyMs);
    reported.push(child.reportedReadyMs);
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`npm run runtime (new process, SQLite file, no web): spawn→ready median of 3 ${fmt(percentile(spawned, 50))} (process start→listening as logged: ${fmt(percentile(reported, 50))})`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-start-'));
  const withWeb = await spawnRuntime({ RUNTIME_DATA_DIR: dir, RUNTIME_WEB: 'true', RUNTIME_WEB_PORT: '0' });
  await withWeb.stop();
  rmSync(dir, { recursive: true, force: true });
  console.log(`npm run runtime with the local web pages (the CLI default): spawn→ready ${fmt(withWeb.spawnToReadyMs)} (REST API listening after ${fmt(withWeb.apiReadyMs)})`);
}

async function benchRoundTrip(restAddress: string, pollIntervalMs: number | undefined, count: number, warmUp: number): Promise<{ median: number; p95: number }> {
  const camunda = client(restAddress);
  const worker = camunda.createJobWorker({
    type: 'bench-work',
    worker: 'bench-worker',
    timeout: 30_000,
    maxJobsToActivate: 32,
    pollIntervalMs,
    jobHandler: (job) => job.complete({}),
  });
  const samples: number[] = [];
  for (let i = 0; i < count + warmUp; i++) {
    const t0 = performance.now();
    await camunda.createProcessInstanceWithResult({ processDefinitionId: 'bench-one-task', variables: { i } });
    if (i >= warmUp) samples.push(performance.now() - t0);
  }
  await worker.stop();
  return { median: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function benchThroughput(restAddress: string): Promise<number> {
  const camunda = client(restAddress);
  let completed = 0;
  let allDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allDone = resolve));
  const worker = camunda.createJobWorker({
    type: 'bench-work',
    worker: 'bench-worker',
    timeout: 60_000,
    maxJobsToActivate: 64,
    pollIntervalMs: 10,
    jobHandler: async (job) => {
      const ack = await job.complete({});
      if (++completed === INSTANCES) allDone();
      return ack;
    },
  });
  const before = await camunda.searchProcessInstances({ filter: { processDefinitionId: 'bench-one-task', state: 'COMPLETED' }, page: { from: 0, limit: 1 } } as never);
  const t0 = performance.now();
  let next = 0;
  const creators = Array.from({ length: 16 }, async () => {
    while (next < INSTANCES) {
      next++;
      await camunda.createProcessInstance({ processDefinitionId: 'bench-one-task', variables: { n: next } });
    }
  });
  await Promise.all(creators);
  await done;
  const elapsed = performance.now() - t0;
  await worker.stop();
  const finished = await camunda.searchProcessInstances({ filter: { processDefinitionId: 'bench-one-task', state: 'COMPLETED' }, page: { from: 0, limit: 1 } } as never);
  console.log(`  ${INSTANCES} instances created and completed in ${fmt(elapsed)} (runtime reports ${finished.page.totalItems - before.page.totalItems} more COMPLETED)`);
  return (INSTANCES / elapsed) * 1000;
}

async function main(): Promise<void> {
  console.log(`# Local runtime benchmark (${os.cpus().length} CPUs, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  await benchStart();

  for (const mode of [
    { label: 'SQLite file (default)', env: () => ({ RUNTIME_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'bench-')) }) },
    { label: 'in memory', env: () => ({ RUNTIME_IN_MEMORY: 'true' }) },
  ]) {
    const env: Record<string, string> = mode.env();
    const runtime = await spawnRuntime(env);
    try {
      await client(runtime.restAddress).deployResources([{ name: 'bench-one-task.bpmn', content: readFileSync(MODEL, 'utf8') }]);
      console.log(`\n## Job round trip, ${mode.label} (create with result → SDK job worker → complete; ${ROUND_TRIPS} sequential instances)`);
      const fast = await benchRoundTrip(runtime.restAddress, 1, ROUND_TRIPS, WARM_UP);
      console.log(`  worker pollIntervalMs 1:         median ${fmt(fast.median)}, p95 ${fmt(fast.p95)}`);
      const dflt = await benchRoundTrip(runtime.restAddress, undefined, 20, 2);
      console.log(`  worker default pollIntervalMs:   median ${fmt(dflt.median)}, p95 ${fmt(dflt.p95)} (20 instances; the SDK worker re-polls on its 300 ms interval after each batch)`);
      console.log(`\n## Throughput, ${mode.label} (one-service-task process)`);
      const rate = await benchThroughput(runtime.restAddress);
      console.log(`  ${rate.toFixed(0)} process instances/s`);
    } finally {
      await runtime.stop();
      if (env.RUNTIME_DATA_DIR) rmSync(env.RUNTIME_DATA_DIR, { recursive: true, force: true });
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
