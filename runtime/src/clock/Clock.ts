/**
 * The runtime's one controllable clock (Zeebe's "controlled clock"). Time either runs with the
 * system clock plus an offset, or is pinned to an absolute instant. Every due date in the
 * runtime (timers, job deadlines, retry back-off, message time-to-live, dates in records, FEEL
 * `now()`) is read from here, so moving the clock moves everything consistently.
 */
export interface ClockState {
  pinnedAt: number | null;
  offsetMs: number;
}

export class Clock {
  private state: ClockState;

  constructor(
    initial: ClockState = { pinnedAt: null, offsetMs: 0 },
    private readonly systemNow: () => number = Date.now,
  ) {
    this.state = { ...initial };
  }

  now(): number {
    return this.state.pinnedAt ?? this.systemNow() + this.state.offsetMs;
  }

  iso(): string {
    return new Date(this.now()).toISOString();
  }

  isPinned(): boolean {
    return this.state.pinnedAt !== null;
  }

  pin(epochMs: number): void {
    this.state = { pinnedAt: epochMs, offsetMs: 0 };
  }

  add(ms: number): void {
    if (this.state.pinnedAt !== null) this.state = { pinnedAt: this.state.pinnedAt + ms, offsetMs: 0 };
    else this.state = { pinnedAt: null, offsetMs: this.state.offsetMs + ms };
  }

  reset(): void {
    this.state = { pinnedAt: null, offsetMs: 0 };
  }

  snapshot(): ClockState {
    return { ...this.state };
  }
}
