import { DateTime, Duration } from 'luxon';
import { CronSchedule } from './CronSchedule';
import type { TimerDef } from './ProcessModel';

export interface TimerSchedule {
  due: number;
  /** Remaining repetitions after this one: -1 = unbounded, 0 = none. */
  repetitions: number;
  /** ISO 8601 duration between repetitions, or `cron:<expression>` (cycles only). */
  interval: string | null;
}

/** ISO 8601 timers (duration, date, repeating interval) computed on the runtime's clock. */
export class TimerSpec {
  static validateStatic(timer: TimerDef): string | null {
    try {
      TimerSpec.schedule(timer.kind, timer.expression, Date.now());
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  /** The next due time of a repeating timer after it fired at `now`. */
  static nextRepetition(interval: string, now: number): number {
    if (interval.startsWith('cron:')) return new CronSchedule(interval.slice(5)).next(now);
    return TimerSpec.addDuration(now, TimerSpec.parseDuration(interval));
  }

  static addDuration(from: number, duration: Duration): number {
    return DateTime.fromMillis(from).plus(duration).toMillis();
  }

  static parseDuration(value: unknown): Duration {
    if (value instanceof Duration) return value;
    if (typeof value === 'string') {
      const d = Duration.fromISO(value.trim());
      if (d.isValid) return d;
    }
    throw new Error(`timer duration '${String(value)}' is not an ISO 8601 duration (e.g. PT4H)`);
  }

  static parseDate(value: unknown): number {
    if (value instanceof DateTime) return value.toMillis();
    if (typeof value === 'string') {
      const d = DateTime.fromISO(value.trim(), { setZone: true, zone: 'utc' });
      if (d.isValid) return d.toMillis();
    }
    throw new Error(`timer date '${String(value)}' is not an ISO 8601 date-time (e.g. 2026-01-01T10:00:00Z)`);
  }

  /** value: the static text or the evaluated FEEL value. */
  static schedule(kind: TimerDef['kind'], value: unknown, now: number): TimerSchedule {
    if (kind === 'duration') return { due: TimerSpec.addDuration(now, TimerSpec.parseDuration(value)), repetitions: 0, interval: null };
    if (kind === 'date') return { due: TimerSpec.parseDate(value), repetitions: 0, interval: null };
    if (value instanceof Duration) return { due: TimerSpec.addDuration(now, value), repetitions: -1, interval: value.toISO() };
    const text = typeof value === 'string' ? value.trim() : '';
    if (CronSchedule.looksLikeCron(text)) {
      return { due: new CronSchedule(text).next(now), repetitions: -1, interval: `cron:${text}` };
    }
    const m = /^R(\d*)\/(?:([^/]+)\/)?(P[^/]+)$/.exec(text);
    if (!m) {
      throw new Error(`timer cycle '${String(value)}' is neither an ISO 8601 repeating interval (e.g. R/PT1H, R3/PT10M) nor a cron expression`);
    }
    const interval = TimerSpec.parseDuration(m[3]);
    const total = m[1] === '' ? -1 : Number(m[1]);
    if (total === 0) throw new Error(`timer cycle '${text}' repeats zero times`);
    const start = m[2] ? TimerSpec.parseDate(m[2]) : null;
    const due = start !== null && start > now ? start : TimerSpec.addDuration(now, interval);
    return { due, repetitions: total === -1 ? -1 : total - 1, interval: interval.toISO() };
  }
}
