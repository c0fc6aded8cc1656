/**
 * The autopilot: mocked workers for every job type of the routine at once. The new model runs many jobs in
 * parallel (the first caller's receipt beside the assessment; four branches when 3b starts), so "the next job
 * of type X" is no longer a path's step. The autopilot activates jobs of the listed types through the SDK
 * (`activateJobs`, long polling, one loop per type) and completes each with its outputs – per type, or per
 * element – and records every job it handled: element, headers, variables at activation, what it answered.
 *
 * A test takes control where the path depends on a job: `control(selector)` makes matching jobs wait for the
 * test, `take(selector)` hands over the next one, which the test completes or answers with a BPMN error. Real workers are tested in test/workers; here the models' paths are proven.
 */
import type { CamundaRestClient } from '@camunda8/sdk';

export type Vars = Record<string, unknown>;

/** A job as the autopilot saw it when it activated it. */
export interface HandledJob {
  /** Order of activation over all types (1, 2, …). */
  seq: number;
  jobKey: string;
  type: string;
  elementId: string;
  processInstanceKey: string;
  processDefinitionId: string;
  customHeaders: Record<string, string>;
  variables: Vars;
  /** `held`: waiting for the test (see `control`); else how it was answered (`denied`: a task listener's denial). */
  outcome: 'held' | 'completed' | 'error' | 'denied';
  /** Variables it was completed with, the BPMN error it was answered with, or a listener's denial. */
  answer?: Vars | { errorCode: string; errorMessage: string; variables: Vars } | { deniedReason: string };
  /** A task listener job (Camunda 8.8): the user task it was activated for, as Camunda sends it. */
  userTask?: Vars;
}

/** Which jobs: a type, or a type narrowed to an element (and process). */
export type JobSelector = string | { type: string; elementId?: string; processDefinitionId?: string; processInstanceKey?: string };

/** Outputs for a job: fixed variables, or computed from the job (and what the autopilot handled before). */
export type JobOutput = Vars | ((job: HandledJob, pilot: Autopilot) => Vars);

/** A job the test has taken over. */
export interface ControlledJob extends HandledJob {
  /** Complete it with these variables (default: the autopilot's outputs for it). */
  complete(variables?: Vars): Promise<void>;
  /** Answer it with a BPMN error (as a worker's `job.error`). */
  throwError(errorCode: string, errorMessage: string, variables?: Vars): Promise<void>;
  /** A task listener job: deny its user task operation (job result `denied`, through the SDK's transport). */
  deny(deniedReason: string): Promise<void>;
}

interface Rule {
  selector: Exclude<JobSelector, string>;
  output: JobOutput;
}

interface Waiter {
  selector: Exclude<JobSelector, string>;
  resolve(job: HandledJob): void;
}

/**
 * Held jobs must outlive any clock move of a test (job deadlines run on the engine's clock). Below 2^31 ms: the
 * local runtime's wake-up timer overflows beyond that (see the report of test/process/autopilot.test.ts).
 */
const HOLD_JOBS_MS = 20 * 24 * 3600_000;
const LONG_POLL_MS = 2_000;

function normalise(selector: JobSelector): Exclude<JobSelector, string> {
  return typeof selector === 'string' ? { type: selector } : selector;
}

function matches(selector: Exclude<JobSelector, string>, job: HandledJob): boolean {
  return (
    selector.type === job.type &&
    (selector.elementId === undefined || selector.elementId === job.elementId) &&
    (selector.processDefinitionId === undefined || selector.processDefinitionId === job.processDefinitionId) &&
    (selector.processInstanceKey === undefined || selector.processInstanceKey === job.processInstanceKey)
  );
}

/** More specific rules (element, process) win over rules for the whole type; later rules over earlier ones. */
function specificity(selector: Exclude<JobSelector, string>): number {
  return (selector.elementId ? 2 : 0) + (selector.processDefinitionId || selector.processInstanceKey ? 1 : 0);
}

function describe(selector: JobSelector): string {
  const s = normalise(selector);
  return [s.type, s.processDefinitionId, s.elementId, s.processInstanceKey].filter(Boolean).join('/');
}

/** Plain JSON (the SDK hands out LosslessDto instances). */
function plain<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export class Autopilot {
  private readonly outputs: Rule[] = [];
  private readonly controlled: Exclude<JobSelector, string>[] = [];
  private readonly records: HandledJob[] = [];
  private readonly held = new Map<string, HandledJob>();
  /** Held jobs already handed to the test. */
  private readonly takenKeys = new Set<string>();
  private readonly takeWaiters: Waiter[] = [];
  private readonly handledWaiters: { selector: Exclude<JobSelector, string>; count: number; resolve(): void }[] = [];
  private readonly polls = new Set<{ cancel(): void }>();
  private readonly loops: Promise<void>[] = [];
  private readonly errors: unknown[] = [];
  private stopped = false;
  private stop$: () => void = () => undefined;
  private readonly stopSignal = new Promise<void>((resolve) => (this.stop$ = resolve));
  private seq = 0;

  constructor(
    private readonly rest: CamundaRestClient,
    private readonly types: readonly string[],
    defaults: Record<string, JobOutput> = {},
  ) {
    for (const [type, output] of Object.entries(defaults)) this.outputs.push({ selector: { type }, output });
  }

  /** Start one long-polling activation loop per job type. */
  start(): this {
    for (const type of this.types) this.loops.push(this.loop(type));
    return this;
  }

  /** Stop polling (held jobs stay activated until the instance ends). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stop$();
    for (const poll of this.polls) poll.cancel();
    await Promise.all(this.loops);
  }

  /** Complete jobs matching `selector` with `output` (replaces the default of that type or element). */
  complete(selector: JobSelector, output: JobOutput): this {
    this.outputs.push({ selector: normalise(selector), output });
    return this;
  }

  /** Jobs matching `selector` wait for the test (`take`) instead of being completed. */
  control(selector: JobSelector): this {
    this.controlled.push(normalise(selector));
    return this;
  }

  /** The next held job matching `selector` (one the test took control of), waiting for it if needed. */
  async take(selector: JobSelector, timeoutMs = 10_000): Promise<ControlledJob> {
    const s = normalise(selector);
    if (!this.controlled.some((c) => c.type === s.type)) throw new Error(`take(${describe(selector)}): call control() first, or the autopilot completes it`);
    const waiting = [...this.held.values()].find((j) => matches(s, j) && !this.takenKeys.has(j.jobKey));
    const job =
      waiting ??
      (await this.within(
        timeoutMs,
        () => `a job ${describe(selector)} (handled: ${this.summary()})`,
        new Promise<HandledJob>((resolve) => this.takeWaiters.push({ selector: s, resolve })),
      ));
    this.takenKeys.add(job.jobKey);
    return this.controlledJob(job);
  }

  /** Every job handled so far that matches `selector` (held ones included), in order of activation. */
  jobs(selector?: JobSelector): HandledJob[] {
    const all = [...this.records].sort((a, b) => a.seq - b.seq);
    return selector ? all.filter((j) => matches(normalise(selector), j)) : all;
  }

  /** The one job matching `selector` (fails when there is none or several). */
  job(selector: JobSelector): HandledJob {
    const found = this.jobs(selector);
    if (found.length !== 1) throw new Error(`expected one job ${describe(selector)}, found ${found.length}: ${this.summary()}`);
    return found[0]!;
  }

  /** Wait until `count` jobs matching `selector` were answered (completed or BPMN error); returns them, in order. */
  async completed(selector: JobSelector, count = 1, timeoutMs = 10_000): Promise<HandledJob[]> {
    const s = normalise(selector);
    const done = () => this.records.filter((j) => matches(s, j) && j.outcome !== 'held');
    if (done().length < count) {
      await this.within(
        timeoutMs,
        () => `${count} answered job(s) ${describe(selector)} (handled: ${this.summary()})`,
        new Promise<void>((resolve) => this.handledWaiters.push({ selector: s, count, resolve })),
      );
    }
    return done().sort((a, b) => a.seq - b.seq);
  }

  /** The jobs handled so far ("seq:type/element[outcome]") and any request that failed, for failure messages. */
  summary(): string {
    const jobs = this.jobs()
      .map((j) => `${j.seq}:${j.type}/${j.elementId}[${j.outcome}]`)
      .join(', ');
    return this.errors.length ? `${jobs}; failed requests: ${this.errors.map(String).join('; ')}` : jobs;
  }

  private isControlled(job: HandledJob): boolean {
    return this.controlled.some((c) => matches(c, job));
  }

  private outputFor(job: HandledJob): Vars {
    const rules = this.outputs.map((rule, index) => ({ rule, index })).filter(({ rule }) => matches(rule.selector, job));
    rules.sort((a, b) => specificity(a.rule.selector) - specificity(b.rule.selector) || a.index - b.index);
    const rule = rules.at(-1)?.rule;
    if (!rule) return {};
    return typeof rule.output === 'function' ? rule.output(job, this) : rule.output;
  }

  private async loop(type: string): Promise<void> {
    while (!this.stopped) {
      const poll = this.rest.activateJobs({ type, worker: 'autopilot', timeout: HOLD_JOBS_MS, maxJobsToActivate: 32, requestTimeout: LONG_POLL_MS });
      this.polls.add(poll);
      let activated: Awaited<typeof poll> | undefined;
      try {
        activated = await Promise.race([poll, this.stopSignal.then(() => undefined)]);
      } catch (err) {
        if (!this.stopped) {
          this.errors.push(err);
          await Promise.race([new Promise((r) => setTimeout(r, 100)), this.stopSignal]);
        }
      } finally {
        this.polls.delete(poll);
      }
      if (this.stopped || !activated) continue;
      for (const raw of activated) {
        const job: HandledJob = {
          seq: ++this.seq,
          jobKey: String(raw.jobKey),
          type: raw.type,
          elementId: raw.elementId,
          processInstanceKey: String(raw.processInstanceKey),
          processDefinitionId: (raw as unknown as { processDefinitionId: string }).processDefinitionId,
          customHeaders: plain(raw.customHeaders) as unknown as Record<string, string>,
          variables: plain(raw.variables) as unknown as Vars,
          outcome: 'held',
          ...((raw as unknown as { userTask?: Vars }).userTask ? { userTask: plain((raw as unknown as { userTask: Vars }).userTask) } : {}),
        };
        this.records.push(job);
        if (this.isControlled(job)) {
          this.held.set(job.jobKey, job);
          const w = this.takeWaiters.findIndex((waiter) => matches(waiter.selector, job));
          if (w >= 0) this.takeWaiters.splice(w, 1)[0]!.resolve(job);
          continue;
        }
        try {
          await this.answer(job, 'completed', this.outputFor(job));
        } catch (err) {
          this.errors.push(err);
        }
      }
    }
  }

  private async answer(job: HandledJob, outcome: Exclude<HandledJob['outcome'], 'held'>, answer: NonNullable<HandledJob['answer']>): Promise<void> {
    if (outcome === 'completed') await this.rest.completeJob({ jobKey: job.jobKey, variables: answer as never });
    else if (outcome === 'denied') {
      // @camunda8/sdk's completeJob drops `result`: the denial goes through the same client's transport
      const { deniedReason } = answer as { deniedReason: string };
      await this.rest.callApiEndpoint({ method: 'POST', urlPath: `jobs/${job.jobKey}/completion`, body: { result: { type: 'userTask', denied: true, deniedReason } }, json: false });
    } else {
      const { errorCode, errorMessage, variables } = answer as { errorCode: string; errorMessage: string; variables: Vars };
      await this.rest.errorJob({ jobKey: job.jobKey, errorCode, errorMessage, variables } as never);
    }
    job.outcome = outcome;
    job.answer = answer;
    this.held.delete(job.jobKey);
    for (let i = this.handledWaiters.length - 1; i >= 0; i--) {
      const w = this.handledWaiters[i]!;
      if (this.records.filter((j) => matches(w.selector, j) && j.outcome !== 'held').length >= w.count) {
        this.handledWaiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  private controlledJob(job: HandledJob): ControlledJob {
    return Object.assign(job, {
      complete: (variables?: Vars) => this.answer(job, 'completed', variables ?? this.outputFor(job)),
      throwError: (errorCode: string, errorMessage: string, variables: Vars = {}) => this.answer(job, 'error', { errorCode, errorMessage, variables }),
      deny: (deniedReason: string) => this.answer(job, 'denied', { deniedReason }),
    });
  }

  private async within<T>(ms: number, what: () => string, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what()}`)), ms);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
