/**
 * `npm run test:timelines`: many generated timelines (TIMELINES_COUNT, default 5000) with every invariant, seeded
 * (TIMELINES_SEED, printed), shrinking on failure; exits non-zero on a violation.
 *
 *   TIMELINES_COUNT=200 TIMELINES_SEED=42 npm run test:timelines
 *   TIMELINES_INVARIANTS=receiptAtOnce,backupRoutineFollowsFourHourRule npm run test:timelines
 *   TIMELINES_SEED=42 TIMELINES_PATH=17:3:0 npm run test:timelines      # replay a printed counterexample
 *   npm run test:timelines -- --survey                                  # one run per invariant: which fail, on what minimal timeline
 */
import { INVARIANTS, selectInvariants } from './invariants';
import { checkTimelines, chooseSeed, laneOptions } from './property';

async function main(): Promise<number> {
  const survey = process.argv.includes('--survey');
  const seed = chooseSeed();
  const numRuns = Number(process.env.TIMELINES_COUNT ?? (survey ? 100 : 5000));
  const timeLimitMs = process.env.TIMELINES_TIME_LIMIT_MS ? Number(process.env.TIMELINES_TIME_LIMIT_MS) : undefined;
  const shrinkTimeLimitMs = Number(process.env.TIMELINES_SHRINK_TIME_LIMIT_MS ?? 300_000);
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`Tidslinjer: ${numRuns} per körning, seed ${seed} (TIMELINES_SEED=${seed} för att köra om)`);
  if (!survey) {
    const outcome = await checkTimelines({
      numRuns,
      seed,
      ...laneOptions(),
      invariants: selectInvariants(process.env.TIMELINES_INVARIANTS),
      ...(process.env.TIMELINES_PATH ? { path: process.env.TIMELINES_PATH } : {}),
      ...(timeLimitMs ? { timeLimitMs } : {}),
      shrinkTimeLimitMs,
      progress: out,
    });
    out(outcome.report);
    return outcome.ok ? 0 : 1;
  }
  const names = process.env.TIMELINES_INVARIANTS ? selectInvariants(process.env.TIMELINES_INVARIANTS) : INVARIANTS;
  let failed = 0;
  for (const inv of names) {
    const outcome = await checkTimelines({ numRuns, seed, invariants: [inv], ...laneOptions(), ...(timeLimitMs ? { timeLimitMs } : {}), shrinkTimeLimitMs });
    out(`\n=== ${inv.name} (${inv.readings}) ===`);
    out(outcome.ok ? `håller: ${outcome.report.split('\n').slice(1).join('\n')}` : outcome.report);
    if (!outcome.ok) failed += 1;
  }
  out(`\n${failed} av ${names.length} invarianter bryts.`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(2);
  },
);
