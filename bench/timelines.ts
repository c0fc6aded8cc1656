/**
 * A generated-timeline run (issue #8, #12): BENCH_TIMELINES generated outage timelines (default 100, seeded) through
 * the service and the runtime with every T1–T6 invariant checked – timelines per second and time per step, so that a
 * change that makes the routine slower on real timelines shows here. Run: `npm run bench -- timelines`.
 */
import os from 'node:os';
import { checkTimelines, laneOptions } from '../test/timelines/property';
import { loadAverage, report } from './support/figures';

const RUNS = Number(process.env.BENCH_TIMELINES ?? 100);
const SEED = Number(process.env.TIMELINES_SEED ?? 20261201);

async function main(): Promise<void> {
  const section = `Generated timelines (${RUNS}, seed ${SEED}, every invariant)`;
  process.stdout.write(`\n## ${section} (${os.cpus().length} CPUs, load average ${loadAverage()})\n`);
  const t0 = performance.now();
  const outcome = await checkTimelines({ numRuns: RUNS, seed: SEED, ...laneOptions(), shrinkTimeLimitMs: 60_000 });
  const ms = performance.now() - t0;
  report(section, 'invariants broken', outcome.ok ? 0 : 1, '', { op: '≤', value: 0 }, outcome.ok ? undefined : outcome.report.split('\n').slice(0, 3).join(' '));
  report(section, 'timelines run', outcome.coverage.timelines, '');
  report(section, 'whole run', ms, 'ms');
  report(section, 'per timeline', ms / Math.max(1, outcome.coverage.timelines), 'ms', { op: '≤', value: 2_000 });
  report(section, 'per step', outcome.coverage.msTotal / Math.max(1, outcome.coverage.steps), 'ms', undefined, `${outcome.coverage.steps} steps`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
