import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** A child process that reports readiness with one JSON log line (`msg`); killed with SIGKILL as a crash would. */
export class ChildProcessHandle {
  private out = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (d: Buffer) => (this.out = (this.out + d.toString()).slice(-200_000)));
    child.stderr!.on('data', (d: Buffer) => (this.out = (this.out + d.toString()).slice(-200_000)));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** `node --import tsx <entry>` with `env`; resolves with the ready line's fields. */
  static async start(entry: string, env: Record<string, string>, readyMsg: string, timeoutMs = 60_000): Promise<{ handle: ChildProcessHandle; ready: Record<string, unknown> }> {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const handle = new ChildProcessHandle(child);
    const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${entry} not ready within ${timeoutMs} ms:\n${handle.output()}`)), timeoutMs);
      const onData = () => {
        for (const line of handle.output().split('\n')) {
          if (!line.startsWith('{') || !line.includes(readyMsg)) continue;
          try {
            const entryLine = JSON.parse(line) as Record<string, unknown>;
            if (entryLine.msg !== readyMsg) continue;
            clearTimeout(timer);
            child.stdout!.off('data', onData);
            resolve(entryLine);
            return;
          } catch {
            // a partial line: wait for the rest
          }
        }
      };
      child.stdout!.on('data', onData);
      void handle.exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`${entry} exited (code ${code}, signal ${signal}) before it was ready:\n${handle.output()}`));
      });
    });
    return { handle, ready };
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  output(): string {
    return this.out;
  }

  /** kill -9: no handler runs, nothing is flushed or closed. */
  async kill9(): Promise<void> {
    if (this.alive) process.kill(this.pid, 'SIGKILL');
    const { signal } = await this.exited;
    if (signal !== 'SIGKILL' && signal !== null) throw new Error(`expected the child to die of SIGKILL, got ${signal}`);
  }
}
