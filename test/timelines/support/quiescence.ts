/**
 * Quiescence: after every step the system is left alone until nothing moves any more – no job waiting to be
 * activated or running (no active element that is done by a job worker), no report queued in the intake. Mail is
 * part of it: a worker completes its job only after the SMTP server accepted the mail. Timers do not count: the
 * engine clock is pinned, so a timer fires only when a step moves the clock.
 *
 * Detected, never slept: the runtime is polled (in process, a few microseconds per look) every 2 ms and the state
 * must hold on two looks in a row. A job that failed with a retry back-off would wait for the pinned clock forever:
 * when the workers logged a failure and nothing moved for a second, the step ends "stuck", which is a violation.
 */
import type { ElementInstanceRecord } from '../../../runtime/src/broker/types';
import type { TimelineSut } from './sut';

/** Element types whose work is a job (ENGINE.md: service, send, business-rule and script tasks with a job type). */
const JOB_ELEMENT_TYPES = new Set(['SERVICE_TASK', 'SEND_TASK', 'BUSINESS_RULE_TASK', 'SCRIPT_TASK']);

export interface Quiescence {
  quiet: boolean;
  /** Elements still waiting for a worker when the wait gave up. */
  busy: string[];
  pendingReports: number;
  waitedMs: number;
  reason?: string;
}

function busyElements(sut: TimelineSut): ElementInstanceRecord[] {
  const broker = sut.runtime.broker;
  return broker
    .processInstances({ state: 'ACTIVE' })
    .flatMap((p) => broker.elementInstances({ processInstanceKey: p.processInstanceKey }))
    .filter((e) => e.state === 'ACTIVE' && JOB_ELEMENT_TYPES.has(e.type) && !e.hasIncident);
}

const tick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface QuiescenceOptions {
  timeoutMs?: number;
  failuresBefore?: number;
  /**
   * A job met another delivery's outbox lease and waits for its retry back-off on the engine clock, which is pinned:
   * the time a real clock would let pass. The caller moves the engine clock by `ms` (and says so in the timeline).
   */
  onBackOff?: (ms: number) => Promise<void>;
}

export async function waitForQuiescence(sut: TimelineSut, options: QuiescenceOptions = {}): Promise<Quiescence> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const failuresBefore = options.failuresBefore ?? sut.failures.length;
  let backOffsSeen = sut.backOffs.length;
  const started = performance.now();
  let quietLooks = 0;
  let lastSignature = '';
  let unchangedSince = started;
  for (;;) {
    const busy = busyElements(sut);
    const pending = sut.pendingReports();
    const elapsed = performance.now() - started;
    if (busy.length === 0 && pending === 0) {
      quietLooks += 1;
      if (quietLooks >= 2) return { quiet: true, busy: [], pendingReports: 0, waitedMs: elapsed };
      await tick(2);
      continue;
    }
    quietLooks = 0;
    const signature = `${busy.map((b) => b.elementInstanceKey).join(',')}|${pending}`;
    if (signature !== lastSignature) {
      lastSignature = signature;
      unchangedSince = performance.now();
    }
    const describe = () => busy.map((b) => `${b.processDefinitionId}/${b.elementId}`);
    if (sut.backOffs.length > backOffsSeen && performance.now() - unchangedSince > 100) {
      const ms = Math.max(...sut.backOffs.slice(backOffsSeen));
      backOffsSeen = sut.backOffs.length;
      if (options.onBackOff) {
        await options.onBackOff(ms);
        unchangedSince = performance.now();
        continue;
      }
    }
    if (sut.failures.length > failuresBefore && performance.now() - unchangedSince > 1_000) {
      return { quiet: false, busy: describe(), pendingReports: pending, waitedMs: elapsed, reason: 'a job failed and waits for its back-off on the pinned clock' };
    }
    if (elapsed > timeoutMs) {
      return { quiet: false, busy: describe(), pendingReports: pending, waitedMs: elapsed, reason: `nothing settled within ${timeoutMs} ms` };
    }
    await tick(2);
  }
}
