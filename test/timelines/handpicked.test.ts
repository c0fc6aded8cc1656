import { selectInvariants } from './invariants';
import { FOUND_BY_GENERATION, HAND_PICKED } from './handpicked';
import { formatRun, runTimeline } from './run/runTimeline';

/**
 * Issue 8's defect bullets, each as a hand-picked timeline in the step vocabulary of the generated ones (T1–T6).
 * A test fails with the timeline printed as Swedish steps and the invariants it breaks.
 */
describe('hand-picked outage timelines, one per defect of issue 8 (T1 T2 T3 T4 T5 T6)', () => {
  for (const h of HAND_PICKED) {
    test(h.name, async () => {
      const run = await runTimeline(h.timeline, { invariants: selectInvariants(h.invariants?.join(',')), continueAfterViolation: true });
      if (run.violations.length > 0) throw new Error(`\n${formatRun(run)}`);
    }, 60_000);
  }
});

describe('timelines found by generation, kept by name', () => {
  for (const h of FOUND_BY_GENERATION) {
    test(h.name, async () => {
      const run = await runTimeline(h.timeline, { invariants: selectInvariants(h.invariants?.join(',')), continueAfterViolation: true });
      if (run.violations.length > 0) throw new Error(`\n${formatRun(run)}`);
    }, 60_000);
  }
});
