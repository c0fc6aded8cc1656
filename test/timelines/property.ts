/**
 * The property: every generated timeline holds every invariant after every step. fast-check generates (seeded),
 * runs and, on a failure, shrinks to a minimal timeline, which is printed as Swedish steps with its seed and path.
 */
import fc from 'fast-check';
import { timelineArb } from './arbitraries';
import { INVARIANTS, type Invariant } from './invariants';
import { describeTimeline } from './model/describe';
import type { Timeline } from './model/steps';
import { Lane } from './run/lane';
import { formatRun, runTimeline, type TimelineRun } from './run/runTimeline';

export interface CheckOptions {
  numRuns: number;
  seed: number;
  /** Replay a counterexample: fast-check's path. */
  path?: string;
  invariants?: Invariant[];
  /** Stop starting new timelines after this long (phase 1); how many ran is reported. */
  timeLimitMs?: number;
  /** How long shrinking a failure may take (phase 2); the smallest timeline found so far is reported. */
  shrinkTimeLimitMs?: number;
  /** Progress lines (runs so far), e.g. for the CLI. */
  progress?: (line: string) => void;
  /** Lanes side by side in phase 1 (TIMELINES_CONCURRENCY). */
  concurrency?: number;
  /** Reuse a system under test within a lane, reset between timelines (TIMELINES_POOL). */
  pooled?: boolean;
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

/**
 * Phase 1 runs the generated timelines (fast-check's own sequence for the seed, `fc.sample`) on `concurrency` lanes
 * side by side. If one fails, phase 2 hands the first failing index to fast-check (`path`), which replays it and
 * shrinks it on one lane: the printed seed and path reproduce it with `npm run test:timelines`.
 */
export async function checkTimelines(options: CheckOptions): Promise<CheckOutcome> {
  const invariants = options.invariants ?? INVARIANTS;
  const coverage = emptyCoverage();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const cpuText = () => {
    const u = process.cpuUsage(cpuBefore);
    return `CPU ${Math.round((u.user + u.system) / 1e5) / 10} s`;
  };
  const deadline = options.timeLimitMs ? started + options.timeLimitMs : Infinity;
  const head = `Tidslinjer: seed ${options.seed}${options.path ? `, path ${options.path}` : ''}; invarianter: ${invariants.length === INVARIANTS.length ? 'alla' : invariants.map((i) => i.name).join(', ')}; ${options.concurrency ?? 1} parallella spår${options.pooled ? ' (återanvända system)' : ''}`;

  let firstFailure: number | undefined = options.path ? Number(options.path.split(':')[0]) : undefined;
  let firstRun: { timeline: Timeline; run: TimelineRun } | undefined;
  let runs = 0;
  let interrupted = false;
  if (!options.path) {
    const timelines = fc.sample(timelineArb, { seed: options.seed, numRuns: options.numRuns });
    let next = 0;
    const lanes = Array.from({ length: Math.max(1, options.concurrency ?? 1) }, () => new Lane(options.pooled ?? false));
    await Promise.all(
      lanes.map(async (lane) => {
        try {
          for (;;) {
            const index = next++;
            if (index >= timelines.length || (firstFailure !== undefined && index > firstFailure)) return;
            if (performance.now() > deadline) {
              interrupted = true;
              return;
            }
            const run = await runTimeline(timelines[index], { invariants, lane });
            runs += 1;
            count(coverage, timelines[index], run);
            if (options.progress && runs % 100 === 0) options.progress(`  … ${runs} tidslinjer (${Math.round((performance.now() - started) / 1000)} s)`);
            if (run.violations.length > 0 && (firstFailure === undefined || index < firstFailure)) {
              firstFailure = index;
              firstRun = { timeline: timelines[index], run };
            }
          }
        } finally {
          await lane.close();
        }
      }),
    );
    if (firstFailure === undefined) {
      return {
        ok: true,
        seed: options.seed,
        runs,
        interrupted,
        coverage,
        report: `${head}\n${runs} tidslinjer körda${interrupted ? ' (avbruten av tidsgränsen)' : ''}, 0 brott mot invarianterna (${Math.round((performance.now() - started) / 100) / 10} s, ${cpuText()}).\n${formatCoverage(coverage)}`,
      };
    }
  }

  // Phase 2: replay the first failing timeline through fast-check and shrink it, on one lane.
  const lane = new Lane(options.pooled ?? false);
  let lastFailure: { timeline: Timeline; run: TimelineRun } | undefined;
  try {
    const property = fc.asyncProperty(timelineArb, async (timeline) => {
      const run = await runTimeline(timeline, { invariants, lane });
      if (run.violations.length === 0) return true;
      lastFailure = { timeline, run };
      return false;
    });
    const result = await fc.check(property, {
      numRuns: options.numRuns,
      seed: options.seed,
      path: String(options.path ?? firstFailure),
      ...(options.shrinkTimeLimitMs ? { interruptAfterTimeLimit: options.shrinkTimeLimitMs, markInterruptAsFailure: false } : {}),
    });
    if (!result.failed || !lastFailure) {
      // The failure did not come back on replay: report the first run as it was (a flaky timeline is a finding too).
      const report = firstRun
        ? [head, `BROTT i första körningen av tidslinje ${firstFailure}, men inte när den kördes om (instabil):`, '', formatRun(firstRun.run), '', describeTimeline(firstRun.timeline)].join('\n')
        : `${head}\nTidslinje ${options.path} bryter inte mot invarianterna.`;
      return { ok: !firstRun, seed: options.seed, runs, interrupted: result.interrupted, coverage, report, ...(firstRun ? { failure: { ...firstRun, shrinks: 0 } } : {}) };
    }
    const { timeline, run } = lastFailure;
    const path = result.counterexamplePath ?? undefined;
    const report = [
      head,
      `BROTT mot invarianterna i tidslinje ${firstFailure} av ${options.numRuns} (${runs} körda; krympt ${result.numShrinks} gånger${result.interrupted ? ', krympningen avbruten av tidsgränsen' : ''}):`,
      '',
      formatRun(run),
      '',
      'Tidslinjen som genererad (steg efter brottet kördes inte):',
      describeTimeline(timeline),
      '',
      `Kör om: TIMELINES_SEED=${options.seed}${path ? ` TIMELINES_PATH=${path}` : ''} npm run test:timelines`,
    ].join('\n');
    return { ok: false, seed: options.seed, runs, interrupted: result.interrupted, coverage, failure: { timeline, run, ...(path ? { path } : {}), shrinks: result.numShrinks }, report };
  } finally {
    await lane.close();
  }
}

/** The seed: TIMELINES_SEED, else fixed in CI, else new each run (always printed). */
export function chooseSeed(env: NodeJS.ProcessEnv = process.env): number {
  if (env.TIMELINES_SEED) return Number(env.TIMELINES_SEED);
  if (env.CI) return 20260619;
  return Math.floor(Math.random() * 0x7fffffff);
}

/** Lanes and pooling from the environment (TIMELINES_CONCURRENCY, TIMELINES_POOL). */
export function laneOptions(env: NodeJS.ProcessEnv = process.env): { concurrency: number; pooled: boolean } {
  return { concurrency: Number(env.TIMELINES_CONCURRENCY ?? 1), pooled: (env.TIMELINES_POOL ?? '1') !== '0' };
}
