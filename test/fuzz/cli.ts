/**
 * `npm run test:fuzz`: the fuzz suite at scale – FUZZ_CASES (default 100 000) cases over the three servers (the service,
 * the local web, the runtime's REST API v2; FUZZ_TARGETS=service,web,runtime to choose), seeded (FUZZ_SEED, printed).
 * Prints progress while it works (every 1 000 cases or 15 s), then the cases run and the violations per server and in
 * total; exits 1 on a violation (with the shrunk request and the seed to replay it), 2 on bad settings.
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

/** Swedish thousands: 100 000. */
function n(x: number): string {
  return x.toLocaleString('sv-SE').replace(/\u00a0/g, ' ');
}

async function main(): Promise<number> {
  const total = Number(process.env.FUZZ_CASES ?? 100_000);
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  const names = (process.env.FUZZ_TARGETS ?? Object.keys(TARGETS).join(',')).split(',').map((x) => x.trim()).filter((x) => TARGETS[x]);
  if (!Number.isInteger(total) || total <= 0 || !Number.isInteger(seed) || names.length === 0) {
    process.stderr.write(`FUZZ_CASES måste vara ett positivt heltal, FUZZ_SEED ett heltal och FUZZ_TARGETS en eller flera av ${Object.keys(TARGETS).join(', ')}.\n`);
    return 2;
  }
  const shares = names.reduce((s, x) => s + TARGETS[x].share, 0);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const started = Date.now();
  out(`Fuzz: ${n(total)} fall över ${names.join(', ')}, seed ${seed} (FUZZ_SEED=${seed} FUZZ_CASES=${total} för att köra om)`);
  const outcomes: FuzzOutcome[] = [];
  let planned = 0;
  for (const name of names) {
    const cases = Math.round((total * TARGETS[name].share) / shares);
    planned += cases;
    out(`\n== ${name}: startar …`);
    const target = await TARGETS[name].make().start();
    try {
      out(`== ${target.name}: ${n(cases)} fall`);
      const outcome = await fuzz(target, {
        seed,
        numRuns: cases,
        progressEvery: 1_000,
        progressMs: 15_000,
        progress: (run, ms) => out(`  ${n(run)} / ${n(cases)} fall, 0 överträdelser hittills, ${Math.round(ms / 1000)} s (${Math.round((run * 1000) / Math.max(ms, 1))} fall/s)`),
      });
      outcomes.push(outcome);
      out(formatOutcome(outcome));
    } finally {
      await target.stop();
    }
  }
  const run = outcomes.reduce((s, o) => s + o.casesRun, 0);
  const violations = outcomes.reduce((s, o) => s + o.violations, 0);
  const known = outcomes.reduce((s, o) => s + Object.values(o.known).reduce((a, b) => a + b, 0), 0);
  out(`\nTotalt: ${n(run)} fall körda, ${violations} överträdelser${known ? `, ${known} kända fall som ägs av andra ärenden` : ''} (seed ${seed}, ${Math.round((Date.now() - started) / 1000)} s).`);
  return violations > 0 || run < planned ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(2);
  },
);
