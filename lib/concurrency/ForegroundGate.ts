export interface ForegroundGateOptions {
  /** How long after the last foreground request the work in the background may go on. */
  quietMs: number;
  /** Longest a background step waits for quiet: under a longer storm it goes on anyway (it is never starved). */
  maxWaitMs: number;
  /** The clock, epoch ms (default `Date.now`). */
  now?: () => number;
}

/** What the gate shows on the intake's status: requests being answered, background steps waiting, steps let through. */
export interface ForegroundGateState {
  busy: boolean;
  answering: number;
  waiting: number;
  /** Background steps that went on after `maxWaitMs` while the foreground was still busy. */
  overdue: number;
}

/**
 * Foreground first (issue #12): while the desk's calls are being answered, the work that can wait a moment – handing
 * reports to the engine, job handlers and their mails – waits until the intake has been quiet for `quietMs`, at most
 * `maxWaitMs`. On a 2-core machine a storm of calls is then answered at the speed of the intake alone, and the rest
 * catches up right after it: the routine's own times are minutes, a call's answer is milliseconds.
 *
 * The intake's routes call `enter()`/`leave()` around a request; a background step awaits `quiet()` before it starts.
 * A step never waits longer than `maxWaitMs`: a storm that goes on longer shares the machine again.
 */
export class ForegroundGate {
  private answering = 0;
  private lastLeftAt = Number.NEGATIVE_INFINITY;
  private waiters: { since: number; resolve: () => void }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private overdue = 0;
  private readonly now: () => number;

  constructor(private readonly options: ForegroundGateOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A foreground request started. */
  enter(): void {
    this.answering++;
  }

  /** A foreground request was answered. */
  leave(): void {
    this.answering = Math.max(0, this.answering - 1);
    this.lastLeftAt = this.now();
  }

  busy(): boolean {
    return this.answering > 0 || this.now() - this.lastLeftAt < this.options.quietMs;
  }

  /** Resolves when the foreground is quiet, or after `maxWaitMs` at the latest (at once when `maxWaitMs` is 0: off). */
  quiet(): Promise<void> {
    if (this.options.maxWaitMs === 0 || (this.waiters.length === 0 && !this.busy())) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ since: this.now(), resolve });
      this.arm();
    });
  }

  state(): ForegroundGateState {
    return { busy: this.busy(), answering: this.answering, waiting: this.waiters.length, overdue: this.overdue };
  }

  /** Let every waiting step go (shutting down). */
  releaseAll(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w.resolve();
  }

  private arm(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.release();
    }, this.options.quietMs);
    this.timer.unref?.();
  }

  private release(): void {
    const at = this.now();
    const quiet = !this.busy();
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (quiet) w.resolve();
      else if (at - w.since >= this.options.maxWaitMs) {
        this.overdue++;
        w.resolve();
      } else still.push(w);
    }
    this.waiters = still;
    if (still.length > 0) this.arm();
  }
}
