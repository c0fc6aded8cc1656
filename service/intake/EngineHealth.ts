/** What the intake knows of the engine's health: reachable, or down since when, and when to try again. */
export interface EngineHealthState {
  reachable: boolean;
  /** When the engine last failed (ISO 8601), while it is down. */
  downSince?: string;
  lastError?: string;
  /** Failed attempts in a row. */
  failures: number;
  /** Milliseconds until the next attempt while the engine is down. */
  retryInMs: number;
}

/**
 * The engine's health as the delivery sees it (issue #12): a failed attempt marks it down and sets a growing pause
 * (base × 2^(failures−1), capped) before the next, so a down engine costs the desk nothing per report and the engine
 * is not hammered when it comes back. The first success marks it reachable again.
 */
export class EngineHealth {
  private failures = 0;
  private downSinceMs: number | undefined;
  private nextAttemptMs = 0;
  private lastError: string | undefined;

  constructor(
    private readonly options: { baseMs: number; maxMs: number },
    private readonly clock: () => number = Date.now,
  ) {}

  /** May the delivery call the engine now? */
  mayTry(): boolean {
    return this.clock() >= this.nextAttemptMs;
  }

  /** Milliseconds until the next attempt (0 when the engine is reachable). */
  waitMs(): number {
    return Math.max(0, this.nextAttemptMs - this.clock());
  }

  succeeded(): void {
    this.failures = 0;
    this.downSinceMs = undefined;
    this.nextAttemptMs = 0;
    this.lastError = undefined;
  }

  failed(error: string): number {
    this.failures += 1;
    this.downSinceMs ??= this.clock();
    this.lastError = error;
    const pause = Math.min(this.options.maxMs, this.options.baseMs * 2 ** (this.failures - 1));
    this.nextAttemptMs = this.clock() + pause;
    return pause;
  }

  state(): EngineHealthState {
    return {
      reachable: this.failures === 0,
      failures: this.failures,
      retryInMs: this.waitMs(),
      ...(this.downSinceMs !== undefined ? { downSince: new Date(this.downSinceMs).toISOString() } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }
}
