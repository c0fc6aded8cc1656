import type { Logger } from 'pino';
import type { ServiceDb } from './db';
import type { ForegroundGate } from '../lib/concurrency/ForegroundGate';

export interface WalCheckpointerOptions {
  /** How often the WAL is copied into the database file (when the intake is quiet). */
  intervalMs: number;
  /** SQLite's own automatic checkpoint, kept as the safety net: at this many WAL pages (4 KB each). */
  safetyPages: number;
}

/**
 * Issue #12: SQLite copies its write-ahead log into the database file when the log reaches 1,000 pages – synchronously,
 * inside whichever commit crosses the mark, with an fsync: in a storm of calls that commit, and every call answered
 * after it, waited 20–30 ms. The service checkpoints itself instead, every `intervalMs` once the intake is quiet (the
 * foreground gate: at most its longest wait during a storm); SQLite's automatic checkpoint stays as the safety net at
 * `safetyPages`. A PASSIVE checkpoint never waits for readers or writers.
 */
export class WalCheckpointer {
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private done = 0;

  constructor(
    private readonly db: ServiceDb,
    private readonly foreground: Pick<ForegroundGate, 'quiet'>,
    private readonly logger: Logger,
    private readonly options: WalCheckpointerOptions = { intervalMs: 1_000, safetyPages: 10_000 },
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.db.pragma(`wal_autocheckpoint = ${this.options.safetyPages}`);
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Checkpoints that copied pages so far. */
  get checkpoints(): number {
    return this.done;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.foreground.quiet().then(() => {
        if (this.stopped) return;
        this.checkpoint();
        this.schedule();
      });
    }, this.options.intervalMs);
    this.timer.unref();
  }

  private checkpoint(): void {
    try {
      const [result] = this.db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      if (result && result.checkpointed > 0) this.done++;
    } catch (err) {
      // the file locked by another process past the busy timeout: the next round tries again
      this.logger.warn({ err }, 'WAL checkpoint skipped');
    }
  }
}
