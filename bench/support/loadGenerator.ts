/**
 * The intake storm's load generator (issue #12), in a process of its own, as wrk or autocannon would be: the benchmark's
 * own work (reading its children's output, sampling memory) does not delay the requests it measures. `storm()` forks
 * this file; in the child, the same file sends `count` reports, `concurrency` at a time over keep-alive connections,
 * and sends back every request's send time and latency. Before it, the same storm goes to an empty server in the load
 * generator itself: the client's own code is compiled and warm, the service's is not (its first storm is measured as
 * it comes).
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from './httpClient';

export interface StormRequest {
  url: string;
  token: string;
  count: number;
  concurrency: number;
}

export interface Storm {
  latencies: number[];
  /** When each request was sent, ms after the storm's start (same order as `latencies`). */
  sentAt: number[];
  totalMs: number;
  reportIds: string[];
  failures: string[];
}

/** The report each caller of the storm gives: a prescriber with an e-mail address (each gets a receipt, R16). */
export function stormReport(i: number) {
  return {
    reporterName: `Förskrivare ${i}`,
    reporterPhone: '040-100 00 00',
    reporterEmail: `forskrivare${i}@vard.example`,
    unit: 'Vårdcentralen',
    productArea: 'ortopedteknik',
    symptom: 'Sesam svarar inte vid inloggning',
    channel: 'phone',
  };
}

async function send(request: StormRequest): Promise<Storm> {
  const client = new HttpClient(request.concurrency);
  const latencies: number[] = [];
  const sentAt: number[] = [];
  const reportIds: string[] = [];
  const failures: string[] = [];
  let next = 0;
  // The connections are open before the clock starts, as in a desk system's or a proxy's pool: one `GET /health` each,
  // all at once (50 connections opened within a millisecond queue in the kernel behind the busy ones – a client's
  // artefact that an empty server shows as much as the intake).
  await Promise.all(Array.from({ length: request.concurrency }, () => client.request(`${request.url}/health`, 'GET', {})));
  const t0 = performance.now();
  try {
    await Promise.all(
      Array.from({ length: request.concurrency }, async () => {
        while (next < request.count) {
          const i = next++;
          const started = performance.now();
          const res = await client.request(`${request.url}/api/reports`, 'POST', { authorization: `Bearer ${request.token}` }, stormReport(i));
          latencies.push(performance.now() - started);
          sentAt.push(started - t0);
          const reportId = (res.body as { reportId?: string }).reportId;
          if (res.status !== 201 || !reportId) failures.push(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          else reportIds.push(reportId);
        }
      }),
    );
  } finally {
    client.close();
  }
  return { latencies, sentAt, totalMs: performance.now() - t0, reportIds, failures };
}

/**
 * `use` with a server in this process that answers every request at once and does nothing else (201 and a report id
 * for a POST, 200 otherwise): the client's warm-up, and the client floor of the benchmark.
 */
export async function withEmptyServer<T>(use: (url: string) => Promise<T>): Promise<T> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ reportId: randomUUID(), status: 'queued' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** The storm against an empty server in this process: the client's code compiled before it measures. */
function warmUp(request: StormRequest): Promise<Storm> {
  return withEmptyServer((url) => send({ ...request, url }));
}

/** Run the storm from a load-generator process of its own; resolves with what it measured. */
export function storm(request: StormRequest): Promise<Storm> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--load-generator'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: Storm | undefined;
    child.once('message', (m: { storm?: Storm; error?: string }) => {
      if (m.error) reject(new Error(`load generator: ${m.error}`));
      else result = m.storm;
    });
    child.once('error', reject);
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`load generator ended (${code}) without a result`))));
    child.send(request);
  });
}

if (process.argv.includes('--load-generator') && process.send) {
  process.once('message', (request: StormRequest) => {
    void (async () => {
      try {
        await warmUp(request);
        const result = await send(request);
        process.send!({ storm: result }, () => process.exit(0));
      } catch (err) {
        process.send!({ error: err instanceof Error ? err.message : String(err) }, () => process.exit(1));
      }
    })();
  });
}
