/**
 * The job workers on their own thread (issue #12). In a storm of calls the service's event loop belongs to the desk's
 * intake: every report is answered from SQLite without waiting. The workers' work – activating jobs, composing and
 * sending mail, and (locally) receiving it in the SMTP capture – is background work that must not queue in front of
 * those answers. So `npm start` and `npm run service` run the workers, and the local SMTP capture when there is one, on
 * this thread, with their own connection to the same SQLite file (WAL) and their own SDK client; the thread asks the
 * operating system for a lower scheduling priority (Linux: nice 10 for this thread only), so that on a busy machine
 * the intake's thread is served first. Nothing is shared in memory: the stores are the SQLite file, the engine is
 * reached through the SDK, mail through SMTP – as if the workers ran in a process of their own.
 *
 * `startWorkersThread()` in the main thread starts it; in the worker, the same file starts the workers from the
 * environment it was given. Tests that inject a clock (`now`) run the workers in the service's thread instead.
 */
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import pino from 'pino';
import { createLogger } from '../lib/logging/logger';
import { loadConfig } from '../service/config';
import { openServiceDb } from '../service/db';
import { SmtpCapture } from '../service/mail/SmtpCapture';
import { createServiceParts } from '../service/ServiceParts';
import { createCamundaClient, startWorkers } from '../workers';

/** How much lower the workers' thread is scheduled than the intake's (Linux nice value of the thread, 0–19). */
export const WORKERS_THREAD_NICE = 10;

/** What the service needs of the workers' thread. */
export interface WorkersThread {
  /** Port of the local SMTP capture, when the thread runs it (no SMTP_URL). */
  smtpCapturePort?: number;
  close(): Promise<void>;
}

type FromWorker = { type: 'ready'; smtpCapturePort?: number } | { type: 'failed'; message: string } | { type: 'closed' };

interface WorkersThreadData {
  workersThreadEnv: NodeJS.ProcessEnv;
}

/** Start the job workers (and, without SMTP_URL, the local SMTP capture) on a worker thread configured by `env`. */
export function startWorkersThread(env: NodeJS.ProcessEnv): Promise<WorkersThread> {
  // The worker loads this TypeScript file through tsx, as the service loads the rest.
  const worker = new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(path.resolve(__filename))});`, {
    eval: true,
    workerData: { workersThreadEnv: { ...env } } satisfies WorkersThreadData,
    env: { ...env },
  });
  return new Promise((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`the workers' thread stopped (${code}) before it was ready`));
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'failed') {
        void worker.terminate();
        return reject(new Error(m.message));
      }
      if (m.type !== 'ready') return;
      worker.off('exit', onExit);
      worker.off('error', reject);
      resolve({
        ...(m.smtpCapturePort !== undefined ? { smtpCapturePort: m.smtpCapturePort } : {}),
        close: () =>
          new Promise<void>((done) => {
            worker.once('exit', () => done());
            worker.on('message', (msg: FromWorker) => {
              if (msg.type === 'closed') void worker.terminate();
            });
            worker.postMessage({ type: 'close' });
          }),
      });
    });
  });
}

async function runInWorker(env: NodeJS.ProcessEnv): Promise<void> {
  const port = parentPort!;
  const cleanups: (() => Promise<void> | void)[] = [];
  const closeAll = async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
  };
  try {
    lowerThisThreadsPriority();
    let config = loadConfig(env);
    // Straight to standard output's file descriptor: a worker thread's `process.stdout` is relayed by the main thread.
    const logger = createLogger({ level: config.log.level, destination: pino.destination({ fd: 1, sync: false }) }).child({ component: 'workers' });
    const db = openServiceDb(config.db.file);
    cleanups.push(() => {
      db.close();
    });
    let smtpCapturePort: number | undefined;
    if (!config.mail.smtpUrl) {
      const capture = new SmtpCapture(db, logger);
      smtpCapturePort = await capture.start(config.mail.capturePort, config.mail.captureHost);
      cleanups.push(() => capture.stop());
      config = { ...config, mail: { ...config.mail, capturePort: smtpCapturePort } };
    }
    const camunda = await createCamundaClient(config, env);
    const parts = createServiceParts(config, db, logger);
    cleanups.push(() => parts.close());
    const workers = await startWorkers({ config, db, logger, camunda, parts });
    cleanups.push(() => workers.close());
    port.on('message', (m: { type: string }) => {
      if (m.type !== 'close') return;
      void closeAll().finally(() => port.postMessage({ type: 'closed' } satisfies FromWorker));
    });
    port.postMessage({ type: 'ready', ...(smtpCapturePort !== undefined ? { smtpCapturePort } : {}) } satisfies FromWorker);
  } catch (err) {
    await closeAll();
    port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies FromWorker);
  }
}

/** Linux schedules threads, and `setpriority(PRIO_PROCESS, 0)` there applies to the calling thread only. */
function lowerThisThreadsPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(0, WORKERS_THREAD_NICE);
  } catch {
    // not permitted in this environment: the workers run at the service's priority
  }
}

const data = isMainThread ? undefined : (workerData as Partial<WorkersThreadData> | null);
if (data?.workersThreadEnv) void runInWorker(data.workersThreadEnv);
