/** Monotonic ms: not moved by the runtime's clock. */
const monotonicMs = (): number => Number(process.hrtime.bigint() / 1_000_000n);

interface Attempts {
  failures: number;
  windowStart: number;
  lockedUntil: number;
}

/** Slows password guessing: after `maxFailures` failed sign-ins for one user id within the window, it is locked for a while. */
export class LoginThrottle {
  private readonly attempts = new Map<string, Attempts>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly lockMs = 5 * 60_000,
  ) {}

  /** Milliseconds until the user id may try again (0 = now). */
  lockedFor(userId: string): number {
    const a = this.attempts.get(userId.trim().toLowerCase());
    return a ? Math.max(0, a.lockedUntil - monotonicMs()) : 0;
  }

  recordFailure(userId: string): void {
    const key = userId.trim().toLowerCase();
    const now = monotonicMs();
    if (this.attempts.size > 10_000) this.attempts.clear();
    let a = this.attempts.get(key);
    if (!a || now - a.windowStart > this.windowMs) a = { failures: 0, windowStart: now, lockedUntil: 0 };
    a.failures++;
    if (a.failures >= this.maxFailures) {
      a.lockedUntil = now + this.lockMs;
      a.failures = 0;
      a.windowStart = now;
    }
    this.attempts.set(key, a);
  }

  recordSuccess(userId: string): void {
    this.attempts.delete(userId.trim().toLowerCase());
  }
}
