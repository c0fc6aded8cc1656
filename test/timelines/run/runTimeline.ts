/**
 * Runs one timeline on its own system under test: start everything at the timeline's start instant, run the steps
 * one by one, wait for quiescence after each, observe, check the invariants. Stops at the first step with a
 * violation. Returns the run as readable Swedish lines and the violations.
 */
import { INVARIANTS, newMemory, type Directory, type Invariant } from '../invariants';
import { ReferenceModel } from '../model/reference';
import { describeStep, describeTimelineHead } from '../model/describe';
import type { Timeline } from '../model/steps';
import { observe, type Observation } from '../support/observe';
import { waitForQuiescence } from '../support/quiescence';
import type { TimelineSut } from '../support/sut';
import { Lane } from './lane';
import { Tasklist } from '../support/tasklist';
import { MINUTE } from '../support/time';
import { executeStep, type StepOutcome } from './execute';

export interface Violation {
  invariant: string;
  step: number;
  message: string;
}

export interface TimelineRun {
  violations: Violation[];
  /** The timeline as it ran, in Swedish, one line per step (with what happened and what was skipped). */
  lines: string[];
  steps: number;
  /** Per step run: was it skipped (nothing of its kind could apply)? */
  stepSkipped: boolean[];
  /** What the timeline reached (coverage). */
  facts: { restored: boolean; backupStarted: boolean };
  ms: number;
}

export interface RunOptions {
  invariants?: Invariant[];
  /** Give up waiting for quiescence after this long (wall clock). */
  quiescenceTimeoutMs?: number;
  /** Run the remaining steps after a violation (hand-picked timelines show everything they break). */
  continueAfterViolation?: boolean;
  /** Where the system under test comes from (default: a new one, stopped afterwards). */
  lane?: Lane;
}

function directoryOf(sut: TimelineSut): Directory {
  const d = sut.config.directory;
  const emails = (role: keyof typeof d) => d[role].map((r) => r.email.toLowerCase());
  return {
    systemOwner: emails('system-owner'),
    workshop: emails('orthopaedic-workshop'),
    vo: emails('assistive-devices-operation'),
    desk: emails('desk'),
    unitManager: emails('unit-manager'),
    ownerUserIds: d['system-owner'].flatMap((r) => [r.userId, r.email].filter((x): x is string => !!x).map((x) => x.toLowerCase())),
    tasklistUrl: sut.config.tasklistUrl,
  };
}

export async function runTimeline(timeline: Timeline, options: RunOptions = {}): Promise<TimelineRun> {
  const started = performance.now();
  const invariants = options.invariants ?? INVARIANTS;
  const startAt = Date.parse(timeline.start.iso);
  const lines = describeTimelineHead(timeline);
  const violations: Violation[] = [];
  const lane = options.lane ?? new Lane(false);
  const sut = await lane.acquire({ startAt, serviceLagMs: timeline.serviceLagMin * MINUTE });
  let steps = 0;
  const stepSkipped: boolean[] = [];
  const facts = { restored: false, backupStarted: false };
  try {
    const model = new ReferenceModel(startAt);
    const tasks = new Tasklist(sut);
    const memory = newMemory();
    const directory = directoryOf(sut);
    let prev: Observation | undefined;
    for (let index = 0; index < timeline.steps.length; index++) {
      const step = timeline.steps[index];
      const failuresBefore = sut.failures.length;
      const backOffsBefore = sut.backOffs.length;
      let outcome: StepOutcome;
      try {
        outcome = await executeStep({ sut, tasks, model, timeline, index }, step, describeStep(step));
      } catch (err) {
        lines.push(`${index + 1}. ${describeStep(step)}`);
        violations.push({ invariant: 'stepRuns', step: index, message: `the step could not be carried out: ${(err as Error).message}` });
        break;
      }
      steps += 1;
      stepSkipped.push(outcome.skipped !== undefined);
      const waits: string[] = [];
      const quiescence = await waitForQuiescence(sut, {
        failuresBefore,
        backOffsBefore,
        timeoutMs: options.quiescenceTimeoutMs ?? 20_000,
        onBackOff: async (ms) => {
          // Whole minutes keep every engine time of the timeline on a whole minute (prognoses are at :30 s).
          const delta = Math.ceil(ms / MINUTE) * MINUTE;
          await sut.addClock(delta);
          model.nowMs += delta;
          waits.push(`(motorns klocka +${delta / MINUTE} min: ett jobb väntade på sin omförsökstid)`);
        },
      });
      outcome.notes.push(...waits);
      model.settle(index);
      const obs = await observe(sut, prev);
      const seenBefore = new Set(prev?.mails.map((m) => m.messageId) ?? []);
      const newMails = obs.mails.filter((m) => !seenBefore.has(m.messageId));
      for (const m of newMails) if (!memory.mailSeenAt.has(m.messageId)) memory.mailSeenAt.set(m.messageId, index);
      const ctx = { timeline, index, step, outcome, quiescence, model, obs, newMails, newFailures: obs.failures.slice(failuresBefore), directory, memory };
      lines.push(`${index + 1}. ${outcome.text}${outcome.skipped ? ` (hoppas över: ${outcome.skipped})` : ''}${outcome.notes.length ? ` ${outcome.notes.join(' ')}` : ''}`);
      for (const inv of invariants) {
        for (const message of inv.check(ctx)) violations.push({ invariant: inv.name, step: index, message });
      }
      prev = obs;
      facts.restored ||= model.disruptions.some((d) => d.restoredAtMs !== undefined);
      facts.backupStarted ||= [...obs.disruptions.values()].some((o) => o.backupInstances.length > 0);
      if (violations.length > 0 && !options.continueAfterViolation) break;
    }
  } finally {
    await lane.release(sut, violations.length > 0);
  }
  return { violations, lines, steps, stepSkipped, facts, ms: performance.now() - started };
}

/** A run as printed when it fails: the timeline in Swedish, then the broken invariants. */
export function formatRun(run: TimelineRun): string {
  return [
    ...run.lines,
    '',
    ...run.violations.map((v) => `  ✗ ${v.invariant} (efter steg ${v.step + 1}): ${v.message}`),
  ].join('\n');
}
