/**
 * The property: every generated timeline holds every invariant after every step. fast-check generates (seeded),
 * runs and, on a failure, shrinks to a minimal timeline, which is printed as Swedish steps with its seed and path.
 */
import fc from 'fast-check';
import { timelineArb } from './arbitraries';
import { INVARIANTS, type Invariant } from './invariants';
import { describeTimeline } from './model/describe';
import type { Timeline } from './model/steps';
import { formatRun, runTimeline, type TimelineRun } from './run/runTimeline';

export interface CheckOptions {
  numRuns: number;
  seed: number;
  /** Replay a counterexample: fast-check's path. */
  path?: string;
  invariants?: Invariant[];
  /** Stop generating (and shrinking) after this long; what was found so far is reported. */
  timeLimitMs?: number;
  /** Progress lines (runs so far), e.g. for the CLI. */
  progress?: (line: string) => void;
}

export interface Coverage {
  timelines: number;
  steps: number;
  skipped: number;
  byKind: Record<string, { run: number; skipped: number }>;
  restored: number;
  backupStarted: number;
  msTotal: number;
}

export interface CheckOutcome {
  ok: boolean;
  seed: number;
  runs: number;
  interrupted: boolean;
  coverage: Coverage;
  /** The minimal failing timeline, its run and the text to print. */
  failure?: { timeline: Timeline; run: TimelineRun; path?: string; shrinks: number };
  report: string;
}

function emptyCoverage(): Coverage {
  return { timelines: 0, steps: 0, skipped: 0, byKind: {}, restored: 0, backupStarted: 0, msTotal: 0 };
}

function count(coverage: Coverage, timeline: Timeline, run: TimelineRun): void {
  coverage.timelines += 1;
  coverage.msTotal += run.ms;
  run.lines.forEach((line) => {
    if (line.includes('(hoppas över:')) coverage.skipped += 1;
  });
  timeline.steps.slice(0, run.steps).forEach((s, i) => {
    const k = (coverage.byKind[s.kind] ??= { run: 0, skipped: 0 });
    const skipped = run.stepSkipped[i] === true;
    if (skipped) k.skipped += 1;
    else k.run += 1;
  });
  coverage.steps += run.steps;
  if (run.facts.restored) coverage.restored += 1;
  if (run.facts.backupStarted) coverage.backupStarted += 1;
}

export function formatCoverage(c: Coverage): string {
  const kinds = Object.entries(c.byKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v.run}${v.skipped ? `(+${v.skipped} hoppade)` : ''}`)
    .join(', ');
  const per = c.timelines ? Math.round(c.msTotal / c.timelines) : 0;
  return `${c.timelines} tidslinjer, ${c.steps} steg (${c.skipped} hoppades över), ${c.restored} med återställning, ${c.backupStarted} där reservrutinen startade; ${per} ms per tidslinje\n  steg: ${kinds}`;
}

export async function checkTimelines(options: CheckOptions): Promise<CheckOutcome> {
  const invariants = options.invariants ?? INVARIANTS;
  const coverage = emptyCoverage();
  let lastFailure: { timeline: Timeline; run: TimelineRun } | undefined;
  let generated = 0;
  const property = fc.asyncProperty(timelineArb, async (timeline) => {
    const run = await runTimeline(timeline, { invariants });
    if (!lastFailure) {
      generated += 1;
      count(coverage, timeline, run);
      if (options.progress && generated % 50 === 0) options.progress(`  … ${generated} tidslinjer`);
    }
    if (run.violations.length > 0) {
      lastFailure = { timeline, run };
      return false;
    }
    return true;
  });
  const result = await fc.check(property, {
    numRuns: options.numRuns,
    seed: options.seed,
    ...(options.path ? { path: options.path } : {}),
    ...(options.timeLimitMs ? { interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false } : {}),
  });
  const head = `Tidslinjer: seed ${options.seed}${options.path ? `, path ${options.path}` : ''}; invarianter: ${invariants.length === INVARIANTS.length ? 'alla' : invariants.map((i) => i.name).join(', ')}`;
  if (!result.failed || !lastFailure) {
    const interrupted = result.interrupted ? ' (avbruten av tidsgränsen)' : '';
    return {
      ok: true,
      seed: options.seed,
      runs: result.numRuns,
      interrupted: result.interrupted,
      coverage,
      report: `${head}\n${result.numRuns} tidslinjer körda${interrupted}, 0 brott mot invarianterna.\n${formatCoverage(coverage)}`,
    };
  }
  const { timeline, run } = lastFailure;
  const path = result.counterexamplePath ?? undefined;
  const report = [
    head,
    `BROTT mot invarianterna efter ${result.numRuns} tidslinjer (krympt ${result.numShrinks} gånger${result.interrupted ? ', avbruten av tidsgränsen' : ''}):`,
    '',
    formatRun(run),
    '',
    'Tidslinjen som genererad:',
    describeTimeline(timeline),
    '',
    `Kör om: TIMELINES_SEED=${options.seed}${path ? ` TIMELINES_PATH=${path}` : ''} npm run test:timelines`,
  ].join('\n');
  return { ok: false, seed: options.seed, runs: result.numRuns, interrupted: result.interrupted, coverage, failure: { timeline, run, ...(path ? { path } : {}), shrinks: result.numShrinks }, report };
}

/** The seed: TIMELINES_SEED, else fixed in CI, else new each run (always printed). */
export function chooseSeed(env: NodeJS.ProcessEnv = process.env): number {
  if (env.TIMELINES_SEED) return Number(env.TIMELINES_SEED);
  if (env.CI) return 20260619;
  return Math.floor(Math.random() * 0x7fffffff);
}
