import type { Logger } from 'pino';
import type { Repositories } from '../../store/Repositories';
import type { KeyGenerator } from './KeyGenerator';

export interface CommandHooks {
  /** Runs one piece of due work (a due timer) inside the command; false when there is none. */
  runDueWork(): boolean;
  /** After every committed command (re-arms the real-time wake-up). */
  afterCommand(): void;
}

/**
 * One command = one SQLite transaction. Inside it, `defer`red steps (e.g. a new subscription looking
 * for a buffered message) and due timers run until the engine settles; the key counter is persisted.
 * Only after the commit do `afterCommit` tasks run (wake long-polling workers, settle completion
 * waiters): nobody is told about state that could still roll back. Nested `run` calls join the outer
 * command.
 */
export class CommandRunner {
  private depth = 0;
  private committed: Array<() => void> = [];
  private deferred: Array<() => void> = [];

  constructor(
    private readonly repos: Repositories,
    private readonly keys: KeyGenerator,
    private readonly hooks: CommandHooks,
    private readonly log?: Logger,
  ) {}

  run<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    this.depth++;
    const keyMark = this.keys.mark();
    let result: T;
    try {
      result = this.repos.transaction(() => {
        const r = fn();
        this.drain();
        this.keys.persistSince(keyMark);
        return r;
      });
    } catch (err) {
      this.committed = [];
      this.deferred = [];
      throw err;
    } finally {
      this.depth--;
    }
    const tasks = this.committed;
    this.committed = [];
    for (const t of tasks) {
      try {
        t();
      } catch (err) {
        this.log?.error({ err }, 'post-commit notification failed');
      }
    }
    this.hooks.afterCommand();
    return result;
  }

  /** Runs after the current command committed (never if it fails). */
  afterCommit(task: () => void): void {
    this.committed.push(task);
  }

  /** Runs later in the current command, once the current step is done. */
  defer(step: () => void): void {
    this.deferred.push(step);
  }

  /** How many deferred steps are queued (a savepoint remembers it) ... */
  deferredMark(): number {
    return this.deferred.length;
  }

  /** ... and drops those queued since, when the savepoint rolls back. */
  dropDeferredSince(mark: number): void {
    this.deferred.length = Math.min(this.deferred.length, mark);
  }

  private drain() {
    for (let guard = 0; guard < 100000; guard++) {
      const d = this.deferred.shift();
      if (d) {
        d();
        continue;
      }
      if (!this.hooks.runDueWork()) return;
    }
    throw new Error('engine loop did not settle');
  }
}
