/**
 * The runtime as `npm run runtime` starts it: a child process (`node --import tsx apps/runtime.ts`,
 * so that a SIGKILL hits the runtime itself), configured through the environment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');

export interface ChildRuntime {
  child: ChildProcess;
  restAddress: string;
  monitoringAddress: string;
  /** ms from spawn to the ready line, as measured by this test. */
  spawnToReadyMs: number;
  /** ms from process start to ready, as the runtime itself reports. */
  readyMs: number;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function runRuntime(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: ChildRuntime['exited'] } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/runtime.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, RUNTIME_WEB: 'false', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
}

export async function startChildRuntime(env: Record<string, string>, timeoutMs = 60_000): Promise<ChildRuntime> {
  const started = Date.now();
  const { child, output, exited } = runRuntime({ RUNTIME_REST_PORT: '0', RUNTIME_MONITORING_PORT: '0', RUNTIME_HOST: '127.0.0.1', RUNTIME_CLOCK_CONTROL: 'true', ...env });
  const ready = await new Promise<{ restAddress: string; monitoringAddress: string; readyMs: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`runtime not ready within ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const onData = () => {
      for (const line of output().split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const entry = JSON.parse(line) as { msg?: string; restAddress?: string; monitoringAddress?: string; readyMs?: number };
          if (entry.msg === 'local runtime ready' && entry.restAddress && entry.monitoringAddress) {
            clearTimeout(timer);
            child.stdout!.off('data', onData);
            resolve({ restAddress: entry.restAddress, monitoringAddress: entry.monitoringAddress, readyMs: entry.readyMs ?? NaN });
            return;
          }
        } catch {
          // a partial line; wait for more
        }
      }
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`runtime exited (code ${code}, signal ${signal}) before it was ready:\n${output()}`));
    });
  });
  return { child, output, exited, spawnToReadyMs: Date.now() - started, ...ready };
}
