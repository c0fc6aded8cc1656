/**
 * fast-check arbitraries of outage timelines, weighted so that the orders that matter occur often: a prognosis
 * around the 4-hour mark, clock moves across the mark and across a prognosed time, restoration at any point,
 * approvals before and after restoration, simultaneous calls, desk-only and full-IT outages, drills, a service clock
 * that is not the engine's.
 */
import fc from 'fast-check';
import type { Scope } from '../../contract';
import { START_INSTANTS, type CallerSpec, type RelativeTime, type Step, type Timeline } from './model/steps';

const d = fc.oneof({ withCrossShrink: true }, { weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(1) });

const callerSpec: fc.Arbitrary<CallerSpec> = fc
  .record({
    caller: fc.integer({ min: 0, max: 3 }),
    email: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 2, arbitrary: fc.constant(false) }),
    deskOnly: fc.oneof({ withCrossShrink: true }, { weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  })
  .map((c) => (c.deskOnly ? { ...c, email: false } : c));

const scope: fc.Arbitrary<Scope> = fc.oneof(
  { withCrossShrink: true },
  { weight: 6, arbitrary: fc.constant<Scope>('sesam-down') },
  { weight: 2, arbitrary: fc.constant<Scope>('full-it-outage') },
  { weight: 2, arbitrary: fc.constant<Scope>('desk-only') },
);

/** A prognosed restoration time: around the 4-hour mark, or relative to now (also in the past). */
const prognosisTime: fc.Arbitrary<RelativeTime> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ anchor: fc.constant<'mark'>('mark'), offsetMin: fc.constantFrom(-90, -45, -20, -5, 5, 20, 45, 90, 150, 480) }) },
  { weight: 2, arbitrary: fc.record({ anchor: fc.constant<'now'>('now'), offsetMin: fc.constantFrom(-30, 15, 60, 150, 300, 720) }) },
);

/** Where the clock goes: across the mark, across the prognosed time, or just forward. */
const clockTarget: fc.Arbitrary<RelativeTime> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ anchor: fc.constant<'mark'>('mark'), offsetMin: fc.constantFrom(-15, -1, 1, 10, 60) }) },
  { weight: 2, arbitrary: fc.record({ anchor: fc.constant<'prognosis'>('prognosis'), offsetMin: fc.constantFrom(-5, 1, 10) }) },
  { weight: 3, arbitrary: fc.record({ anchor: fc.constant<'now'>('now'), offsetMin: fc.constantFrom(5, 20, 45, 90, 150, 240, 480, 900) }) },
);

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: callerSpec.map((c): Step => ({ kind: 'report', ...c })) },
  { weight: 1, arbitrary: fc.array(callerSpec, { minLength: 2, maxLength: 3 }).map((calls): Step => ({ kind: 'concurrentReports', calls })) },
  { weight: 3, arbitrary: fc.record({ d, scope }).map((s): Step => ({ kind: 'assess', ...s })) },
  { weight: 1, arbitrary: fc.record({ d, via: fc.constantFrom<'task' | 'api'>('task', 'api') }).map((s): Step => ({ kind: 'acknowledge', ...s })) },
  { weight: 3, arbitrary: fc.record({ d, at: prognosisTime, withText: fc.boolean() }).map((s): Step => ({ kind: 'prognosis', ...s })) },
  {
    weight: 4,
    arbitrary: fc
      .record({
        d,
        how: fc.oneof({ weight: 6, arbitrary: fc.constant<'approve'>('approve') }, { weight: 1, arbitrary: fc.constant<'refuse'>('refuse') }, { weight: 1, arbitrary: fc.constant<'unauthorised'>('unauthorised') }),
        pick: fc.constantFrom<'oldest' | 'newest'>('oldest', 'newest'),
        typedPrognosis: fc.oneof({ withCrossShrink: true }, { weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: prognosisTime }),
      })
      .map((s): Step => {
        const { typedPrognosis, ...rest } = s;
        return typedPrognosis && s.how === 'approve' ? { kind: 'approve', ...rest, typedPrognosis } : { kind: 'approve', ...rest };
      }),
  },
  { weight: 2, arbitrary: fc.record({ d, decision: fc.constantFrom<'start-now' | 'await-prognosis'>('start-now', 'await-prognosis') }).map((s): Step => ({ kind: 'decide', ...s })) },
  { weight: 4, arbitrary: fc.record({ d, to: clockTarget }).map((s): Step => ({ kind: 'clock', ...s })) },
  { weight: 2, arbitrary: d.map((x): Step => ({ kind: 'restore', d: x })) },
  { weight: 1, arbitrary: d.map((x): Step => ({ kind: 'itInstructions', d: x })) },
  { weight: 1, arbitrary: d.map((x): Step => ({ kind: 'followInstructions', d: x })) },
  { weight: 1, arbitrary: d.map((x): Step => ({ kind: 'connectMobile', d: x })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ d, received: fc.integer({ min: 0, max: 5 }), missing: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }) })
      .map((s): Step => ({ kind: 'reconcile', d: s.d, received: s.received, entered: Math.max(0, s.received - s.missing) })),
  },
  { weight: 1, arbitrary: d.map((x): Step => ({ kind: 'review', d: x })) },
);

/** The first call: usually a prescriber, sometimes the desk's own loss of contact. */
const firstCall: fc.Arbitrary<Step> = callerSpec.map((c): Step => ({ kind: 'report', ...c }));

/** Usually the desk assesses soon; sometimes much later or never (shrinks to "not early"). */
const earlyAssessment: fc.Arbitrary<Step[]> = fc
  .option(scope, { freq: 5, nil: undefined })
  .map((s): Step[] => (s ? [{ kind: 'assess', d: 0, scope: s }] : []));

/** The random kind: any steps in any order after the first call. */
const randomSteps: fc.Arbitrary<Step[]> = fc
  .record({ first: firstCall, early: earlyAssessment, rest: fc.array(stepArb, { minLength: 0, maxLength: 12 }) })
  .map(({ first, early, rest }) => [first, ...early, ...rest]);

const phase = (maxLength: number, ...steps: fc.Arbitrary<Step>[]) => fc.array(fc.oneof(...steps), { maxLength });
const approveArb = (pick: 'oldest' | 'newest', typed = false): fc.Arbitrary<Step> =>
  typed
    ? prognosisTime.map((t): Step => ({ kind: 'approve', d: 0, how: 'approve', pick, typedPrognosis: t }))
    : fc.constant<Step>({ kind: 'approve', d: 0, how: 'approve', pick });

/** Optional (shrinks to "not there"). */
const maybe = (arb: fc.Arbitrary<Step>, freq = 2): fc.Arbitrary<Step[]> => fc.option(arb, { freq, nil: undefined }).map((x) => (x ? [x] : []));
const prognosisStep = (at: fc.Arbitrary<RelativeTime>): fc.Arbitrary<Step> => fc.record({ at, withText: fc.boolean() }).map((p): Step => ({ kind: 'prognosis', d: 0, ...p }));
const decideStep: fc.Arbitrary<Step> = fc.constantFrom<'start-now' | 'await-prognosis'>('start-now', 'await-prognosis').map((decision): Step => ({ kind: 'decide', d: 0, decision }));
/** A prognosed time after the 4-hour mark (so that VO Hjälpmedel is asked). */
const afterMark: fc.Arbitrary<RelativeTime> = fc.record({ anchor: fc.constant<'mark'>('mark'), offsetMin: fc.constantFrom(5, 20, 45, 90, 150, 480) });

/**
 * A story: the phases an outage goes through – first calls; the assessment; the first hours (acknowledgement,
 * approvals, a prognosis); the 4-hour mark (clock to just before or after it, VO Hjälpmedel's decision, a new
 * prognosis); later (clock across the prognosed time); restoration with approvals around it; the aftermath
 * (reconciliation, review, new calls). Every part is optional or a short random selection, so shrinking can drop
 * it; the order within the story is the one outages have, the random kind of timeline covers the other orders.
 */
const storySteps: fc.Arbitrary<Step[]> = fc
  .record({
    calls: fc.array(callerSpec.map((c): Step => ({ kind: 'report', ...c })), { minLength: 1, maxLength: 2 }),
    assess: maybe(scope.map((s): Step => ({ kind: 'assess', d: 0, scope: s })), 8),
    acknowledge: maybe(fc.constantFrom<'task' | 'api'>('task', 'api').map((via): Step => ({ kind: 'acknowledge', d: 0, via }))),
    firstApproval: maybe(fc.oneof(approveArb('oldest'), approveArb('oldest', true), fc.constant<Step>({ kind: 'approve', d: 0, how: 'refuse', pick: 'oldest' }))),
    early: phase(
      3,
      prognosisStep(prognosisTime),
      callerSpec.map((c): Step => ({ kind: 'report', ...c })),
      fc.constant<Step>({ kind: 'connectMobile', d: 0 }),
      fc.constant<Step>({ kind: 'itInstructions', d: 0 }),
      fc.constantFrom(20, 60, 90).map((m): Step => ({ kind: 'clock', d: 0, to: { anchor: 'now', offsetMin: m } })),
    ),
    /** 3a: IT's instructions, and VO Hjälpmedel following them (maybe only after restoration). */
    instructions: maybe(fc.constant<Step>({ kind: 'itInstructions', d: 0 }), 3),
    followBeforeRestore: maybe(fc.constant<Step>({ kind: 'followInstructions', d: 0 }), 2),
    prognosisBeforeMark: maybe(prognosisStep(afterMark), 3),
    toMark: maybe(fc.oneof({ weight: 1, arbitrary: fc.constantFrom(-15, -1) }, { weight: 3, arbitrary: fc.constantFrom(1, 10) }).map((m): Step => ({ kind: 'clock', d: 0, to: { anchor: 'mark', offsetMin: m } })), 6),
    decisionAtMark: maybe(decideStep, 3),
    atMark: phase(2, prognosisStep(prognosisTime), approveArb('newest'), approveArb('newest', true), fc.constantFrom(1, 10).map((m): Step => ({ kind: 'clock', d: 0, to: { anchor: 'mark', offsetMin: m } }))),
    later: phase(
      3,
      fc.constantFrom(-5, 1, 10).map((m): Step => ({ kind: 'clock', d: 0, to: { anchor: 'prognosis', offsetMin: m } })),
      fc.constantFrom(45, 150, 480).map((m): Step => ({ kind: 'clock', d: 0, to: { anchor: 'now', offsetMin: m } })),
      decideStep,
      approveArb('newest'),
      callerSpec.map((c): Step => ({ kind: 'report', ...c })),
    ),
    beforeRestore: maybe(approveArb('newest')),
    restore: maybe(fc.constant<Step>({ kind: 'restore', d: 0 }), 5),
    resolvedApproval: maybe(approveArb('newest'), 2),
    reconcile: maybe(
      fc.record({ received: fc.integer({ min: 0, max: 4 }), missing: fc.constantFrom(0, 0, 1) }).map((r): Step => ({ kind: 'reconcile', d: 0, received: r.received, entered: Math.max(0, r.received - r.missing) })),
      2,
    ),
    review: maybe(fc.constant<Step>({ kind: 'review', d: 0 }), 3),
    after: phase(
      3,
      approveArb('newest'),
      approveArb('oldest'),
      fc.constant<Step>({ kind: 'followInstructions', d: 0 }),
      fc.constant<Step>({ kind: 'approve', d: 0, how: 'unauthorised', pick: 'newest' }),
      fc.record({ received: fc.integer({ min: 0, max: 4 }), missing: fc.constantFrom(0, 0, 1) }).map((r): Step => ({ kind: 'reconcile', d: 0, received: r.received, entered: Math.max(0, r.received - r.missing) })),
      fc.constant<Step>({ kind: 'review', d: 0 }),
      callerSpec.map((c): Step => ({ kind: 'report', ...c })),
      fc.constantFrom(30, 90).map((m): Step => ({ kind: 'clock', d: 0, to: { anchor: 'now', offsetMin: m } })),
    ),
  })
  .map((p) => [
    ...p.calls,
    ...p.assess,
    ...p.acknowledge,
    ...p.early,
    ...p.instructions,
    ...p.followBeforeRestore,
    ...p.firstApproval,
    ...p.prognosisBeforeMark,
    ...p.toMark,
    ...p.decisionAtMark,
    ...p.atMark,
    ...p.later,
    ...p.beforeRestore,
    ...p.restore,
    ...p.resolvedApproval,
    ...p.reconcile,
    ...p.review,
    ...p.after,
  ]);

export const timelineArb: fc.Arbitrary<Timeline> = fc.record({
  start: fc.constantFrom(...START_INSTANTS),
  serviceLagMin: fc.oneof({ withCrossShrink: true }, { weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(240, 60, -120) }),
  drill: fc.oneof({ withCrossShrink: true }, { weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  steps: fc.oneof({ withCrossShrink: true }, { weight: 3, arbitrary: storySteps }, { weight: 2, arbitrary: randomSteps }),
});
