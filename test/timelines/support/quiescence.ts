/**
 * Quiescence: after every step the system is left alone until nothing moves any more – no job waiting to be
 * activated or running, no report queued in the intake. Mail is part of it: a worker completes its job only after
 * the SMTP server accepted the mail. Timers do not count: the engine clock is pinned, so a timer fires only when a
 * step moves the clock.
 *
 * Detected, never slept: the runtime is looked at in process every few milliseconds (one small query on its job
 * table; `Broker` has no job search, so the test reads the runtime's store, falling back to active elements of job
 * types if the store is not there), and the state must hold on two looks in a row.
 *
 * A job that met another delivery's outbox lease waits for its retry back-off on the engine clock, which is pinned:
 * the caller lets that time pass (`onBackOff`) as a real clock would. A job that failed otherwise is a violation;
 * when the workers logged a failure and nothing moved for a second, the step ends "stuck".
 */
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

interface JobRow {
  element_id: string;
  state: string;
  backoff_until: number | null;
  pi: number;
}

interface StoreLike {
  all<T>(sql: string, ...params: unknown[]): T[];
}

/** Jobs waiting to be activated or running (current timeline's instances). */
interface Busy {
  ids: string[];
  /** The earliest engine time a job in back-off becomes activatable again, when every busy job is in back-off. */
  backOffUntil?: number;
}

/**
 * The runtime's SQLite store, where its job table is (not part of `Broker`: the shapes of the engine before and after
 * its split into parts are tried; anything else falls back to the public element instances).
 */
export function jobStore(sut: TimelineSut): StoreLike | undefined {
  const broker = sut.runtime.broker as unknown as { store?: StoreLike; parts?: { repos?: { store?: StoreLike } } };
  const store = broker.store ?? broker.parts?.repos?.store;
  return store && typeof store.all === 'function' ? store : undefined;
}

function busyJobs(sut: TimelineSut): Busy {
  const store = jobStore(sut);
  if (store) {
    const rows = store
      .all<JobRow>("SELECT element_id, state, backoff_until, pi FROM jobs WHERE state IN ('ACTIVATABLE', 'ACTIVATED')")
      .filter((r) => sut.isCurrent(String(r.pi)));
    const now = sut.engineNow();
    const waiting = rows.filter((r) => r.state === 'ACTIVATABLE' && r.backoff_until !== null && r.backoff_until > now);
    return {
      ids: rows.map((r) => r.element_id),
      ...(rows.length > 0 && waiting.length === rows.length ? { backOffUntil: Math.min(...waiting.map((r) => r.backoff_until!)) } : {}),
    };
  }
  const broker = sut.runtime.broker;
  const ids = broker
    .processInstances({ state: 'ACTIVE' })
    .filter((p) => sut.isCurrent(p.processInstanceKey))
    .flatMap((p) => broker.elementInstances({ processInstanceKey: p.processInstanceKey }))
    .filter((e) => e.state === 'ACTIVE' && JOB_ELEMENT_TYPES.has(e.type) && !e.hasIncident)
    .map((e) => e.elementId);
  return { ids };
}

const tick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface QuiescenceOptions {
  timeoutMs?: number;
  failuresBefore?: number;
  /** Back-offs logged before the step began (those logged while it ran count). */
  backOffsBefore?: number;
  /**
   * Every job left waits for its retry back-off on the pinned engine clock: the time a real clock would let pass.
   * The caller moves the engine clock by `ms` (and says so in the timeline).
   */
  onBackOff?: (ms: number) => Promise<void>;
}

export async function waitForQuiescence(sut: TimelineSut, options: QuiescenceOptions = {}): Promise<Quiescence> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const failuresBefore = options.failuresBefore ?? sut.failures.length;
  let backOffsSeen = options.backOffsBefore ?? sut.backOffs.length;
  const started = performance.now();
  let quietLooks = 0;
  let lastSignature = '';
  let unchangedSince = started;
  let looks = 0;
  for (;;) {
    looks += 1;
    const busy = busyJobs(sut);
    const pending = sut.pendingReports();
    const elapsed = performance.now() - started;
    if (busy.ids.length === 0 && pending === 0) {
      quietLooks += 1;
      if (quietLooks >= 2) return { quiet: true, busy: [], pendingReports: 0, waitedMs: elapsed };
      await tick(1);
      continue;
    }
    quietLooks = 0;
    const signature = `${busy.ids.join(',')}|${pending}`;
    if (signature !== lastSignature) {
      lastSignature = signature;
      unchangedSince = performance.now();
    }
    if (options.onBackOff && pending === 0) {
      if (busy.backOffUntil !== undefined) {
        await options.onBackOff(busy.backOffUntil - sut.engineNow());
        unchangedSince = performance.now();
        continue;
      }
      // Without the job table: the workers' log says a job went into back-off, and nothing moved since.
      if (sut.backOffs.length > backOffsSeen && performance.now() - unchangedSince > 100) {
        const ms = Math.max(...sut.backOffs.slice(backOffsSeen));
        backOffsSeen = sut.backOffs.length;
        await options.onBackOff(ms);
        unchangedSince = performance.now();
        continue;
      }
    }
    if (sut.failures.length > failuresBefore && performance.now() - unchangedSince > 1_000) {
      return { quiet: false, busy: busy.ids, pendingReports: pending, waitedMs: elapsed, reason: 'a job failed and waits for its back-off on the pinned clock' };
    }
    if (elapsed > timeoutMs) {
      return { quiet: false, busy: busy.ids, pendingReports: pending, waitedMs: elapsed, reason: `nothing settled within ${timeoutMs} ms` };
    }
    // Look often at first (most steps settle within a few job round trips), then less often.
    await tick(looks < 20 ? 2 : 10);
  }
}
