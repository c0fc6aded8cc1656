import { checkTimelines, chooseSeed, laneOptions } from './property';

/**
 * Generated outage timelines (T1–T6): a few hundred in `npm test`, on the real models, workers and service with
 * pinned clocks; `npm run test:timelines` runs thousands. The seed is printed; TIMELINES_SEED reproduces a run.
 */
const RUNS = Number(process.env.TIMELINES_JEST_COUNT ?? 200);
const seed = chooseSeed();

test(`T1 T2 T3 T4 T5 T6 P1 P2 P9 R3: generated outage timelines hold every invariant (${RUNS} timelines, seed ${seed})`, async () => {
  const outcome = await checkTimelines({ numRuns: RUNS, seed, ...laneOptions(), timeLimitMs: Number(process.env.TIMELINES_JEST_TIME_LIMIT_MS ?? 150_000) });
  process.stdout.write(`${outcome.report}\n`);
  if (!outcome.ok) throw new Error(`\n${outcome.report}`);
}, 200_000);
