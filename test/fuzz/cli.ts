/**
 * `npm run test:fuzz`: the fuzz suite at scale – FUZZ_CASES (default 100 000) cases over the three servers (the service,
 * the local web, the runtime's REST API v2; FUZZ_TARGETS=service,web,runtime to choose), seeded (FUZZ_SEED, printed).
 * Prints the cases run and the violations per server; exits non-zero on a violation.
 *
 *   npm run test:fuzz
 *   FUZZ_CASES=3000 FUZZ_SEED=42 FUZZ_TARGETS=web npm run test:fuzz
 */
import { formatOutcome, fuzz, type FuzzOutcome } from './support/fuzzRun';
import type { FuzzTarget } from './support/FuzzTarget';
import { LocalWebTarget } from './targets/LocalWebTarget';
import { RuntimeTarget } from './targets/RuntimeTarget';
import { ServiceTarget } from './targets/ServiceTarget';

const TARGETS: Record<string, { share: number; make: () => { start(): Promise<FuzzTarget> } }> = {
  service: { share: 0.4, make: () => new ServiceTarget() },
  web: { share: 0.3, make: () => new LocalWebTarget() },
  runtime: { share: 0.3, make: () => new RuntimeTarget() },
};

async function main(): Promise<number> {
  const total = Number(process.env.FUZZ_CASES ?? 100_000);
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  const names = (process.env.FUZZ_TARGETS ?? Object.keys(TARGETS).join(',')).split(',').map((n) => n.trim()).filter((n) => TARGETS[n]);
  const shares = names.reduce((s, n) => s + TARGETS[n].share, 0);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Fuzz: ${total} fall över ${names.join(', ')}, seed ${seed} (FUZZ_SEED=${seed} för att köra om)`);
  const outcomes: FuzzOutcome[] = [];
  for (const name of names) {
    const cases = Math.round((total * TARGETS[name].share) / shares);
    const target = await TARGETS[name].make().start();
    try {
      out(`\n== ${target.name}: ${cases} fall`);
      const outcome = await fuzz(target, { seed, numRuns: cases, progress: (n) => out(`  ${n} fall …`), progressEvery: 5_000 });
      outcomes.push(outcome);
      out(formatOutcome(outcome));
    } finally {
      await target.stop();
    }
  }
  const run = outcomes.reduce((s, o) => s + o.casesRun, 0);
  const violations = outcomes.reduce((s, o) => s + o.violations, 0);
  out(`\nTotalt: ${run} fall körda, ${violations} överträdelser (seed ${seed}).`);
  return violations > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(2);
  },
);
