import vm from 'node:vm';
import { evaluate, parseExpression, parseUnaryTests, unaryTest } from '@bpmn-io/feelin';
import { DateTime, Duration, FixedOffsetZone, Settings } from 'luxon';
import { FeelError } from './FeelError';

export type FeelContext = Record<string, unknown>;

/**
 * How long one evaluation may take before it is stopped (an EXTRACT_VALUE_ERROR incident on its element): Camunda
 * 8.8's `camunda.expression.timeout`, 5 s by default.
 */
export const FEEL_EVALUATION_TIMEOUT_MS = 5000;

/**
 * Constructs whose cost the expression itself decides rather than the data it reads (a loop over a range of a
 * hundred million, a recursive function, a regular expression that backtracks): evaluated under a watchdog.
 */
const UNBOUNDED_NODES = new Set(['ForExpression', 'QuantifiedExpression', 'FunctionDefinition', 'IterationContext']);
const REGEX_FUNCTIONS = /\b(matches|replace|split)\s*\(/;

interface Analysis {
  /** Why the expression does not parse (Camunda refuses it at deployment), or undefined. */
  syntaxError?: string;
  /** Evaluated under the watchdog. */
  unbounded: boolean;
}

const analyses = new Map<string, Analysis>();
const ANALYSES_KEPT = 10_000;

/** One sandbox for every watched evaluation: the function runs inside `vm` with a timeout, which stops it. */
const sandbox = vm.createContext({ run: null as null | (() => unknown), result: undefined as unknown });
const watched = new vm.Script('result = run()');

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
 *
 * Expressions are parsed at deployment (`syntaxError`, as Camunda does: a model with an unparsable
 * expression is refused). An evaluation cannot stall the runtime: an expression whose cost it decides itself
 * (loops, quantifiers, function definitions, regular expressions) runs under a watchdog and is stopped after
 * `timeoutMs` (a FeelError: an incident on its element).
 */
export class Feel {
  constructor(
    private readonly now: () => number,
    private readonly timeoutMs = FEEL_EVALUATION_TIMEOUT_MS,
  ) {}

  static isExpression(text: string | undefined | null): boolean {
    return typeof text === 'string' && text.trimStart().startsWith('=');
  }

  /** The body of an expression (without the leading `=`). */
  static body(expression: string): string {
    return expression.trimStart().startsWith('=') ? expression.trimStart().slice(1) : expression;
  }

  /** Why an expression (with or without `=`) does not parse, or undefined when it does. */
  static syntaxError(expression: string): string | undefined {
    return Feel.analyse(Feel.body(expression)).syntaxError;
  }

  private static analyse(body: string): Analysis {
    let analysis = analyses.get(body);
    if (analysis) return analysis;
    let syntaxError: string | undefined;
    let unbounded = REGEX_FUNCTIONS.test(body);
    if (body.trim() === '') syntaxError = 'the expression is empty';
    else {
      parseExpression(body, {}, undefined).iterate({
        enter: (node) => {
          if (UNBOUNDED_NODES.has(node.type.name)) unbounded = true;
          if (node.type.isError && !syntaxError) {
            const inside = node.node.parent?.type.name ?? 'Expression';
            syntaxError = node.from === node.to ? `incomplete <${inside}> at position ${node.from}` : `unrecognized token '${body.slice(node.from, node.to)}' in <${inside}> at position ${node.from}`;
          }
        },
      });
    }
    analysis = { syntaxError, unbounded };
    if (analyses.size >= ANALYSES_KEPT) analyses.clear();
    analyses.set(body, analysis);
    return analysis;
  }

  /** Evaluate an expression (with or without the leading `=`); raw feelin value. */
  evaluateRaw(expression: string, context: FeelContext): unknown {
    const body = Feel.body(expression);
    return this.run(expression, body, Feel.analyse(body).unbounded, () => evaluate(body, context).value);
  }

  /**
   * A DMN input entry (FEEL unary tests, e.g. `< 10`, `"a","b"`, `[1..5]`, `not("x")`, `-`) against the input
   * value: true when it matches. `-` and an empty entry match anything.
   */
  unaryTest(tests: string, input: unknown, context: FeelContext): boolean {
    const text = tests.trim();
    if (text === '' || text === '-') return true;
    return this.run(text, text, REGEX_FUNCTIONS.test(text), () => unaryTest(text, { ...context, '?': input }).value) === true;
  }

  /** Why DMN unary tests do not parse, or undefined when they do (checked at deployment). */
  static unaryTestsSyntaxError(tests: string): string | undefined {
    const text = tests.trim();
    if (text === '' || text === '-') return undefined;
    let problem: string | undefined;
    parseUnaryTests(text, {}, undefined).iterate({
      enter: (node) => {
        if (node.type.isError && !problem) problem = node.from === node.to ? `incomplete unary tests at position ${node.from}` : `unrecognized token '${text.slice(node.from, node.to)}' at position ${node.from}`;
      },
    });
    return problem;
  }

  private run(expression: string, body: string, unbounded: boolean, fn: () => unknown): unknown {
    const previousNow = Settings.now;
    const previousZone = Settings.defaultZone;
    Settings.now = this.now;
    // now() carries UTC (as a Zeebe broker's clock usually does), so string(now()) keeps its offset
    // ("2026-11-25T08:00:00Z") instead of printing the machine's local time without one.
    Settings.defaultZone = DATE_TIME_UTC;
    FixedOffsetZone.instance = dateTimeOffsetInstance;
    try {
      if (!unbounded) return fn();
      return this.watched(fn);
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        // Camunda's words (ExpressionProcessor, 8.8.10+)
        throw new FeelError(expression, 'timed out', `Expected to evaluate expression but timed out after ${this.timeoutMs} ms: '${body}'`);
      }
      throw new FeelError(expression, err instanceof Error ? err.message : String(err));
    } finally {
      Settings.now = previousNow;
      Settings.defaultZone = previousZone;
      FixedOffsetZone.instance = fixedOffsetInstance;
    }
  }

  private watched(run: () => unknown): unknown {
    sandbox.run = run;
    try {
      watched.runInContext(sandbox, { timeout: this.timeoutMs });
      return sandbox.result;
    } finally {
      sandbox.run = null;
      sandbox.result = undefined;
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
