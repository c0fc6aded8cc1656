/**
 * Spring-style cron expressions as Zeebe accepts them in timeCycle ("0 0 9 * * MON-FRI"):
 * six fields (second minute hour day-of-month month day-of-week), or five (no seconds).
 * Supports *, ?, lists, ranges, steps and month / weekday names; evaluated in UTC.
 */
export class CronSchedule {
  private readonly fields: Array<Set<number>>;
  private readonly anyDay: { dom: boolean; dow: boolean };

  private static readonly RANGES: Array<[number, number]> = [
    [0, 59],
    [0, 59],
    [0, 23],
    [1, 31],
    [1, 12],
    [0, 7],
  ];
  private static readonly NAMES: Record<string, number> = {
    JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12,
    SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6,
  };

  constructor(readonly expression: string) {
    const parts = expression.trim().split(/\s+/);
    if (parts.length === 5) parts.unshift('0');
    if (parts.length !== 6) throw new Error(`cron expression '${expression}' needs 6 fields (second minute hour day month weekday)`);
    this.fields = parts.map((p, i) => CronSchedule.parseField(p, CronSchedule.RANGES[i], expression));
    this.anyDay = { dom: parts[3] === '*' || parts[3] === '?', dow: parts[5] === '*' || parts[5] === '?' };
    if (this.fields[5].has(7)) this.fields[5].add(0);
  }

  static looksLikeCron(text: string): boolean {
    const n = text.trim().split(/\s+/).length;
    return (n === 5 || n === 6) && !text.trim().startsWith('R');
  }

  private static parseField(field: string, [min, max]: [number, number], expression: string): Set<number> {
    const out = new Set<number>();
    const value = (s: string) => {
      const v = /^\d+$/.test(s) ? Number(s) : CronSchedule.NAMES[s.toUpperCase()];
      if (v === undefined || v < min || v > max) throw new Error(`cron expression '${expression}': '${s}' is out of range ${min}-${max}`);
      return v;
    };
    for (const part of field.split(',')) {
      const [rangePart, stepPart] = part.split('/');
      const step = stepPart === undefined ? 1 : Number(stepPart);
      if (!Number.isInteger(step) || step < 1) throw new Error(`cron expression '${expression}': bad step in '${part}'`);
      let lo: number;
      let hi: number;
      if (rangePart === '*' || rangePart === '?') [lo, hi] = [min, max];
      else if (rangePart.includes('-')) {
        const [a, b] = rangePart.split('-');
        [lo, hi] = [value(a), value(b)];
      } else {
        lo = value(rangePart);
        hi = stepPart === undefined ? lo : max;
      }
      for (let v = lo; v <= hi; v += step) out.add(v);
    }
    return out;
  }

  private dayMatches(d: Date): boolean {
    const dom = this.fields[3].has(d.getUTCDate());
    const dow = this.fields[5].has(d.getUTCDay());
    if (this.anyDay.dom && this.anyDay.dow) return true;
    if (this.anyDay.dom) return dow;
    if (this.anyDay.dow) return dom;
    return dom || dow;
  }

  /** The first matching instant strictly after `after` (epoch ms). */
  next(after: number): number {
    const d = new Date(Math.floor(after / 1000) * 1000 + 1000);
    const limit = after + 5 * 366 * 24 * 3600_000;
    while (d.getTime() <= limit) {
      if (!this.fields[4].has(d.getUTCMonth() + 1)) {
        d.setUTCMonth(d.getUTCMonth() + 1, 1);
        d.setUTCHours(0, 0, 0, 0);
        continue;
      }
      if (!this.dayMatches(d)) {
        d.setUTCDate(d.getUTCDate() + 1);
        d.setUTCHours(0, 0, 0, 0);
        continue;
      }
      if (!this.fields[2].has(d.getUTCHours())) {
        d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
        continue;
      }
      if (!this.fields[1].has(d.getUTCMinutes())) {
        d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
        continue;
      }
      if (!this.fields[0].has(d.getUTCSeconds())) {
        d.setUTCSeconds(d.getUTCSeconds() + 1, 0);
        continue;
      }
      return d.getTime();
    }
    throw new Error(`cron expression '${this.expression}' never fires`);
  }
}
