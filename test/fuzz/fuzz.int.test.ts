/**
 * Issue #10: the fuzz suite in `npm test` – a few hundred seeded cases per server: every public route of the service,
 * the local web and the runtime's REST API v2 gets generated hostile input (wrong types, huge and empty values, unicode,
 * prototype keys, malformed JSON, form and multipart bodies, header tricks). Invariants (test/fuzz/support/fuzzRun.ts):
 * never a 5xx, never a crash, an answer within 1 s, a refused request changes no store, no personal data in the logs.
 * `npm run test:fuzz` runs 100 000 cases (test/fuzz/cli.ts). A failure prints the seed, the path and the request.
 */
import { formatOutcome, fuzz } from './support/fuzzRun';
import type { FuzzTarget } from './support/FuzzTarget';
import { LocalWebTarget } from './targets/LocalWebTarget';
import { RuntimeTarget } from './targets/RuntimeTarget';
import { ServiceTarget } from './targets/ServiceTarget';

/** The suite's seed (FUZZ_SEED replays another) and cases per server (FUZZ_CASES_PER_TARGET). */
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const CASES = Number(process.env.FUZZ_CASES_PER_TARGET ?? 250);

jest.setTimeout(180_000);

describe.each([
  ['the service (notice page, feeds, subscriptions, intake, /it, API, outbox)', () => new ServiceTarget()],
  ['the local web (Tasklist and Operate stand-ins)', () => new LocalWebTarget()],
  ['the runtime (REST API v2)', () => new RuntimeTarget()],
] as Array<[string, () => { start(): Promise<FuzzTarget> }]>)('issue #10 fuzz: %s', (_name, make) => {
  let target: FuzzTarget | undefined;
  beforeAll(async () => {
    target = await make().start();
  });
  afterAll(async () => {
    await target?.stop();
  });

  test(`${CASES} hostile requests: no 5xx, no crash, answers within 1 s, refused requests change nothing, no personal data in logs`, async () => {
    // given the running server with its seeded state (beforeAll)
    // when the seeded hostile requests are sent
    const outcome = await fuzz(target!, { seed: SEED, numRuns: CASES });
    // then every invariant held for every case
    process.stdout.write(`${formatOutcome(outcome)}\n`);
    expect(outcome.report).toBeUndefined();
    expect(outcome.casesRun).toBe(CASES);
    expect(outcome.violations).toBe(0);
  });
});
