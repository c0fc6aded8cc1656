/**
 * The local runtime on its own thread (issue #12): `npm start` runs the engine (REST API v2, monitoring) in a worker
 * thread, so the service's event loop – the desk's intake above all – never waits behind the engine's work, as in
 * production, where the engine is the region's Camunda 8. The Tasklist and Operate stand-ins talk to it over REST like
 * any client and stay in the main thread (they share its SDK instead of loading a second one). The thread is this
 * file: `startRuntimeThread()` in the main thread starts it; in the worker, the same file starts the engine from the
 * environment it was given.
 */
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Logger } from 'pino';
import { loadConfig } from '../runtime/src/config';
import { createRuntimeLogger, startRuntime } from '../runtime/src/startRuntime';
import { startLocalWeb, type LocalWebOptions } from '../runtime/web/server';

/** What `npm start` adds to the local web: one sign-in and one navigation with the service. */
export type LocalWebExtras = Pick<LocalWebOptions, 'serviceUrl' | 'serviceOutbox' | 'sharedSignInSecret'>;

/** What `npm start` needs of the runtime thread. */
export interface RuntimeThread {
  restAddress: string;
  monitoringAddress: string;
  webAddress?: string;
  close(): Promise<void>;
}

type FromWorker =
  | { type: 'ready'; restAddress: string; monitoringAddress: string; webAddress?: string }
  | { type: 'failed'; message: string }
  | { type: 'closed' };

/**
 * Start the engine (REST API, monitoring) on a worker thread, configured by `env` (docs/runtime.md), and – unless
 * RUNTIME_WEB=false – the local web pages beside it in this thread.
 */
export async function startRuntimeThread(env: NodeJS.ProcessEnv, logger: Logger, webExtras: LocalWebExtras = {}): Promise<RuntimeThread> {
  const config = loadConfig(env);
  const engine = await startEngineThread(env);
  if (!config.web) return engine;
  try {
    const web = await startLocalWeb({ port: config.webPort, host: config.host, restAddress: engine.restAddress, monitoringAddress: engine.monitoringAddress, logger: logger.child({ component: 'web' }), ...webExtras });
    return {
      ...engine,
      webAddress: web.url,
      close: async () => {
        await web.close();
        await engine.close();
      },
    };
  } catch (err) {
    await engine.close();
    throw err;
  }
}

function startEngineThread(env: NodeJS.ProcessEnv): Promise<RuntimeThread> {
  // The worker loads this TypeScript file through tsx, as `npm start` loads the rest.
  const worker = new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(path.resolve(__filename))});`, {
    eval: true,
    workerData: { env: { ...env } },
    env: { ...env },
  });
  return new Promise((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`the runtime thread stopped (${code}) before it was ready`));
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'failed') return reject(new Error(m.message));
      if (m.type !== 'ready') return;
      worker.off('exit', onExit);
      worker.off('error', reject);
      resolve({
        restAddress: m.restAddress,
        monitoringAddress: m.monitoringAddress,
        ...(m.webAddress ? { webAddress: m.webAddress } : {}),
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

async function runInWorker(): Promise<void> {
  const port = parentPort!;
  const env = (workerData as { env: NodeJS.ProcessEnv }).env;
  try {
    const config = loadConfig(env);
    const runtime = await startRuntime({ ...config, web: false, logger: createRuntimeLogger(config.logLevel).child({ component: 'runtime' }) });
    port.on('message', (m: { type: string }) => {
      if (m.type !== 'close') return;
      void runtime.close().finally(() => port.postMessage({ type: 'closed' } satisfies FromWorker));
    });
    port.postMessage({ type: 'ready', restAddress: runtime.restAddress, monitoringAddress: runtime.monitoringAddress } satisfies FromWorker);
  } catch (err) {
    port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies FromWorker);
  }
}

if (!isMainThread && (workerData as { env?: unknown } | null)?.env) void runInWorker();
