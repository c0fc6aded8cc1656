import { appendFileSync } from 'node:fs';
import os from 'node:os';

/** One measured figure with its goal (issue #12: every figure is printed with its goal and the load average). */
export interface Figure {
  section: string;
  name: string;
  value: number;
  unit: string;
  /** `≤` or `≥` the goal; no goal: a figure for information. */
  goal?: { op: '≤' | '≥'; value: number };
  /** The load average when the figure was taken (1 min). */
  load: number;
  note?: string;
}

export function met(f: Figure): boolean | undefined {
  if (!f.goal) return undefined;
  return f.goal.op === '≤' ? f.value <= f.goal.value : f.value >= f.goal.value;
}

export function formatValue(value: number, unit: string): string {
  if (unit === 'ms') return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
  if (unit === 'MB') return `${value.toFixed(0)} MB`;
  if (unit === '') return String(value);
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/**
 * Print a figure with its goal and the load average, and append it to `BENCH_RESULTS_FILE` (JSON lines) when the
 * benchmark runs under `npm run bench`, which writes docs/benchmarks.md from them.
 */
export function report(section: string, name: string, value: number, unit: string, goal?: Figure['goal'], note?: string): Figure {
  const f: Figure = { section, name, value, unit, load: os.loadavg()[0], ...(goal ? { goal } : {}), ...(note ? { note } : {}) };
  const verdict = met(f);
  const goalText = f.goal ? `  goal ${f.goal.op} ${formatValue(f.goal.value, unit)}  ${verdict ? 'met' : 'NOT MET'}` : '';
  process.stdout.write(`  ${name}: ${formatValue(value, unit)}${goalText}  (load ${loadAverage()})${note ? `  – ${note}` : ''}\n`);
  if (process.env.BENCH_RESULTS_FILE) appendFileSync(process.env.BENCH_RESULTS_FILE, `${JSON.stringify(f)}\n`);
  return f;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
