/**
 * Issue #12, foreground first: background work (delivery rounds, job handlers) waits while the intake answers calls,
 * until it has been quiet for `quietMs`, and never longer than `maxWaitMs`. The clock and the timers are jest's fake
 * ones, moved by the test.
 */
import fc from 'fast-check';
import { ForegroundGate } from '../../../lib/concurrency/ForegroundGate';

beforeEach(() => {
  jest.useFakeTimers({ now: new Date('2026-11-25T09:00:00+01:00') });
});
afterEach(() => {
  jest.useRealTimers();
});

function gate(maxWaitMs = 2_000) {
  return new ForegroundGate({ quietMs: 25, maxWaitMs, now: Date.now });
}

/** Whether the promise has settled, after the microtasks queued so far. */
async function settled(p: Promise<void>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

test('no call being answered: background work goes on at once', async () => {
  // given a gate nobody entered
  const g = gate();
  // then
  expect(await settled(g.quiet())).toBe(true);
  expect(g.state()).toEqual({ busy: false, answering: 0, waiting: 0, overdue: 0 });
});

test('while a call is answered the work waits; it goes on once the intake has been quiet for quietMs', async () => {
  // given a call being answered and a delivery round that wants to start
  const g = gate();
  g.enter();
  const round = g.quiet();
  expect(await settled(round)).toBe(false);
  // when the answer is sent
  await jest.advanceTimersByTimeAsync(100);
  g.leave();
  // then the round waits the quiet time and goes on
  await jest.advanceTimersByTimeAsync(10);
  expect(await settled(round)).toBe(false);
  await jest.advanceTimersByTimeAsync(40);
  expect(await settled(round)).toBe(true);
  expect(g.state().overdue).toBe(0);
});

test('a storm longer than maxWaitMs does not starve the background: each step goes on after at most maxWaitMs', async () => {
  // given calls answered without a pause
  const g = gate(2_000);
  g.enter();
  const step = g.quiet();
  // when the storm goes on for 5 s
  await jest.advanceTimersByTimeAsync(1_990);
  expect(await settled(step)).toBe(false);
  await jest.advanceTimersByTimeAsync(60);
  // then the step went on after 2 s, counted as overdue
  expect(await settled(step)).toBe(true);
  expect(g.state()).toMatchObject({ busy: true, waiting: 0, overdue: 1 });
});

test('maxWaitMs 0 switches the gate off: nothing ever waits', async () => {
  const g = gate(0);
  g.enter();
  expect(await settled(g.quiet())).toBe(true);
});

test('releaseAll lets every waiting step go (the service stops)', async () => {
  const g = gate();
  g.enter();
  const steps = [g.quiet(), g.quiet()];
  g.releaseAll();
  expect(await Promise.all(steps.map(settled))).toEqual([true, true]);
});

test('property: whatever the order of calls and steps, a step goes on only when the intake is quiet or it has waited maxWaitMs, and never waits longer than maxWaitMs + quietMs', async () => {
  type Op = { kind: 'enter' } | { kind: 'leave' } | { kind: 'step' } | { kind: 'wait'; ms: number };
  const op = fc.oneof(
    fc.constant<Op>({ kind: 'enter' }),
    fc.constant<Op>({ kind: 'leave' }),
    fc.constant<Op>({ kind: 'step' }),
    fc.integer({ min: 1, max: 800 }).map<Op>((ms) => ({ kind: 'wait', ms })),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
      jest.setSystemTime(new Date('2026-11-25T09:00:00+01:00'));
      const g = gate(2_000);
      let answering = 0;
      let stopping = false;
      const steps: { since: number; waited?: number; busyWhenDone?: boolean }[] = [];
      for (const o of ops) {
        if (o.kind === 'enter') {
          g.enter();
          answering++;
        } else if (o.kind === 'leave' && answering > 0) {
          g.leave();
          answering--;
        } else if (o.kind === 'step') {
          const s: (typeof steps)[number] = { since: Date.now() };
          steps.push(s);
          void g.quiet().then(() => {
            if (stopping) return;
            s.waited = Date.now() - s.since;
            s.busyWhenDone = g.busy();
          });
        } else if (o.kind === 'wait') {
          await jest.advanceTimersByTimeAsync(o.ms);
        }
        // a released step's continuation runs before the next event, as in the event loop
        await Promise.resolve();
        // invariants after every step of the generated order
        for (const s of steps) {
          if (s.waited === undefined) expect(Date.now() - s.since).toBeLessThanOrEqual(2_000 + 25);
          else expect(!s.busyWhenDone || s.waited >= 2_000).toBe(true);
        }
      }
      stopping = true;
      g.releaseAll();
    }),
    { numRuns: 200, seed: 20261201 },
  );
});
