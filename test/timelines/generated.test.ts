import { selectInvariants } from './invariants';
import { checkTimelines, chooseSeed, laneOptions } from './property';

/**
 * Generated outage timelines (T1–T6) in `npm test`, on the real models, workers and service with pinned clocks;
 * `npm run test:timelines` runs thousands. The seed is printed; TIMELINES_SEED reproduces a run.
 *
 * The share of `npm test` stays within a minute on the project's 2-core machine: TIMELINES_JEST_COUNT timelines
 * (default 150), but no new one is started after TIMELINES_JEST_TIME_LIMIT_MS (default 55 s) – how many ran is
 * printed. A failure is shrunk (at most TIMELINES_SHRINK_TIME_LIMIT_MS, default 120 s) and printed in Swedish.
 */
const RUNS = Number(process.env.TIMELINES_JEST_COUNT ?? 150);
const TIME_LIMIT_MS = Number(process.env.TIMELINES_JEST_TIME_LIMIT_MS ?? 55_000);
const SHRINK_TIME_LIMIT_MS = Number(process.env.TIMELINES_SHRINK_TIME_LIMIT_MS ?? 120_000);
const seed = chooseSeed();

test(`T1 T2 T3 T4 T5 T6 P1 P2 P9 R3: generated outage timelines hold every invariant (up to ${RUNS} timelines, seed ${seed})`, async () => {
  const outcome = await checkTimelines({ numRuns: RUNS, seed, ...laneOptions(), invariants: selectInvariants(process.env.TIMELINES_INVARIANTS), timeLimitMs: TIME_LIMIT_MS, shrinkTimeLimitMs: SHRINK_TIME_LIMIT_MS });
  process.stdout.write(`${outcome.report}\n`);
  if (!outcome.ok) throw new Error(`\n${outcome.report}`);
}, TIME_LIMIT_MS + SHRINK_TIME_LIMIT_MS + 30_000);
