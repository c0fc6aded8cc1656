/**
 * Issue #10, fault suite: kill -9 of the local runtime (a child process on its SQLite file) at seeded moments of a whole
 * disruption – while reports are delivered, jobs run, a notice fans out to 40 subscribers, a timer is due – and started
 * again on the same file. Nothing the engine acknowledged is lost (every instance, element, timer and task), every
 * report arrives, every subscriber gets each notice exactly once (the service did not die: no copies at all).
 * FAULT_SEED replays a case; a failure prints the seed and every step.
 */
import { runDisruptionCase } from './support/disruptionCase';

const SEED = Number(process.env.FAULT_SEED ?? 1125);

jest.setTimeout(120_000);

test('kill -9 of the runtime twice during a disruption: nothing lost, every notice once to every subscriber, no incident', async () => {
  // given the runtime, the service and a real SMTP server, a disruption driven by the desk, the system owner and IT
  // when the runtime is killed twice at seeded moments and started again each time
  const trail = await runDisruptionCase('runtime', SEED, 2);
  // then every invariant held (runDisruptionCase throws with the seed and the steps otherwise)
  expect(trail.steps.filter((s) => /\] kill -9 /.test(s))).toHaveLength(2);
  process.stdout.write(`${trail.steps.join('\n')}\n`);
});
