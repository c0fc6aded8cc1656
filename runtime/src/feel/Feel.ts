import { evaluate } from '@bpmn-io/feelin';
import { DateTime, Duration, Settings } from 'luxon';
import { FeelError } from './FeelError';

export type FeelContext = Record<string, unknown>;

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
    Settings.defaultZone = 'utc';
    try {
      return evaluate(body, context).value;
    } catch (err) {
      throw new FeelError(expression, err instanceof Error ? err.message : String(err));
    } finally {
      Settings.now = previousNow;
      Settings.defaultZone = previousZone;
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
