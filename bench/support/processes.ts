import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');

/** The npm script that starts each app (package.json): the benchmark starts it with the same node options. */
const SCRIPT_OF: Record<string, string> = { 'apps/local.ts': 'start', 'apps/service.ts': 'service', 'apps/runtime.ts': 'runtime' };

/**
 * The node options `npm run <script>` starts an app with, as package.json declares them (`node <options> <file>`), so
 * that the figures are those of the command a user runs – e.g. `--max-semi-space-size=2 --require tsx/cjs`.
 */
export function nodeOptionsOf(script: string): string[] {
  const name = SCRIPT_OF[script];
  const scripts = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = (name ? scripts[name] : '').split(/\s+/).filter(Boolean);
  if (words[0] !== 'node' || words[words.length - 1] !== script) throw new Error(`package.json: "${name ?? script}" is not "node <options> ${script}"`);
  return words.slice(1, -1);
}

/** A child process of the repository's apps (`node <its npm script's options> apps/<name>.ts`: one process, its RSS is the app's). */
export interface App {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves with the first match of `pattern` in the output (stdout and stderr), waiting up to `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function startApp(script: string, env: Record<string, string>): App {
  // BENCH_CHILD_NODE_ARGS: node options for the apps only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them).
  const nodeArgs = (process.env.BENCH_CHILD_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...nodeOptionsOf(script), script], {
    cwd: REPO,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return {
    child,
    output: () => out,
    waitFor(pattern, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(pattern);
          if (m) {
            done();
            resolve(m);
          }
        };
        const onExit = (code: number | null) => {
          done();
          reject(new Error(`${script} exited with ${code} before ${pattern}:\n${out.slice(-3000)}`));
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${script}: ${pattern} not seen within ${timeoutMs} ms:\n${out.slice(-3000)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    stop(signal = 'SIGINT') {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill(signal);
      });
    },
  };
}

/** The URLs `npm start` prints ("  Intag för Administrationen   http://…"). */
export function printedUrls(output: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const m of output.matchAll(/^ {2}(.+?)\s{2,}(https?:\/\/\S+)$/gm)) urls[m[1].trim()] = m[2];
  return urls;
}

/** Resident memory of a process in MB (Linux /proc), or NaN where that is not available. */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** The highest RSS of a process while `during` runs, sampled every 50 ms. */
export async function peakRss<T>(pid: number, during: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    const now = rssMb(pid);
    if (now > peak || Number.isNaN(peak)) peak = now;
  }, 50);
  try {
    const result = await during();
    return { result, peakMb: Math.max(peak, rssMb(pid)) };
  } finally {
    clearInterval(timer);
  }
}
