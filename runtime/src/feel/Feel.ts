import { evaluate } from '@bpmn-io/feelin';
import { DateTime, Duration, FixedOffsetZone, Settings } from 'luxon';
import { FeelError } from './FeelError';

export type FeelContext = Record<string, unknown>;

/**
 * UTC for date-times. feelin's values are luxon DateTimes, and it takes any of them at midnight in luxon's UTC
 * singleton (`FixedOffsetZone.utcInstance`) for a *date*: `now()` at exactly 00:00:00.000Z printed as "2026-10-25", and
 * `date and time("2026-10-25T00:00:00Z") + duration("PT4H")` was date arithmetic. Camunda's FEEL keeps them date-times.
 * While an expression is evaluated, date-times in UTC (the clock's, and any parsed with "Z" or "+00:00") get this
 * zone instead – equal to UTC in every respect but identity – and dates keep the singleton, as feelin makes them.
 */
const DATE_TIME_UTC: FixedOffsetZone = new (FixedOffsetZone as unknown as new (offsetMinutes: number) => FixedOffsetZone)(0);
const fixedOffsetInstance = FixedOffsetZone.instance.bind(FixedOffsetZone);
const dateTimeOffsetInstance = (offset: number): FixedOffsetZone => (offset === 0 ? DATE_TIME_UTC : fixedOffsetInstance(offset));

/**
 * FEEL as Zeebe uses it: a property value starting with `=` is an expression evaluated with
 * `@bpmn-io/feelin` against the visible variables; anything else is a static string. `now()`
 * reads the runtime's clock. Results are converted to JSON values (dates and durations become
 * ISO 8601 strings) unless the raw value is requested (timers need the temporal objects).
 */
export class Feel {
  constructor(private readonly now: () => number) {}

  static isExpression(text: string | undefined | null): boolean {
    return typeof text === 'string' && text.trimStart().startsWith('=');
  }

  /** Evaluate an expression (with or without the leading `=`); raw feelin value. */
  evaluateRaw(expression: string, context: FeelContext): unknown {
    const body = expression.trimStart().startsWith('=') ? expression.trimStart().slice(1) : expression;
    const previousNow = Settings.now;
    const previousZone = Settings.defaultZone;
    Settings.now = this.now;
    // now() carries UTC (as a Zeebe broker's clock usually does), so string(now()) keeps its offset
    // ("2026-11-25T08:00:00Z") instead of printing the machine's local time without one.
    Settings.defaultZone = DATE_TIME_UTC;
    FixedOffsetZone.instance = dateTimeOffsetInstance;
    try {
      return evaluate(body, context).value;
    } catch (err) {
      throw new FeelError(expression, err instanceof Error ? err.message : String(err));
    } finally {
      Settings.now = previousNow;
      Settings.defaultZone = previousZone;
      FixedOffsetZone.instance = fixedOffsetInstance;
    }
  }

  /** Evaluate to a JSON value. */
  evaluate(expression: string, context: FeelContext): unknown {
    return Feel.toJson(this.evaluateRaw(expression, context));
  }

  /** A property that is either a FEEL expression (`=...`) or a static string. */
  valueOf(property: string, context: FeelContext): unknown {
    return Feel.isExpression(property) ? this.evaluate(property, context) : property;
  }

  static toJson(value: unknown): unknown {
    if (value === undefined || value === null) return null;
    if (value instanceof DateTime) return value.toISO();
    if (value instanceof Duration) return value.toISO();
    if (typeof value === 'function') return null;
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (Array.isArray(value)) return value.map((v) => Feel.toJson(v));
    if (typeof value === 'object') {
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        const iso = (value as { toISO?: () => string }).toISO;
        if (typeof iso === 'function') return iso.call(value);
        return String(value);
      }
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = Feel.toJson(v);
      return out;
    }
    return value;
  }
}
