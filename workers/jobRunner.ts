import type { CamundaRestApiTypes } from '@camunda8/sdk';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { InvalidJobInputError } from '../service/errors/InvalidJobInputError';
import { JobError } from '../service/errors/JobError';
import { maskPersonalData } from '../lib/logging/logger';
import { OutboxBusyError } from '../service/errors/OutboxBusyError';

/** The job object the SDK's REST job worker hands to a handler. */
export type WorkerJob = CamundaRestApiTypes.ActivatedJob<Record<string, unknown>, Record<string, unknown>>;
export type JobAck = Awaited<ReturnType<WorkerJob['complete']>>;
/** Output variables (JSON, keys are strings). */
export type JobVariables = NonNullable<Parameters<WorkerJob['complete']>[0]>;

/**
 * What a handler decided: complete with output variables, a BPMN error (business outcome), or – for a task listener –
 * deny the user task operation (the job result `denied`, shown to the person as the reason).
 */
export type JobOutcome =
  | { kind: 'complete'; variables: JobVariables }
  | { kind: 'error'; errorCode: string; errorMessage: string; variables?: JobVariables }
  | { kind: 'deny'; reason: string };

export interface RetryPolicy {
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Retries the models give a task; with `job.retries` it gives the attempt number. */
  assumedRetries: number;
}

/** Growing back-off: base × 2^(attempt−1), capped. attempt 1 is the first failure. */
export function retryBackOff(job: Pick<WorkerJob, 'retries'>, policy: RetryPolicy): number {
  const attempt = Math.max(1, policy.assumedRetries - job.retries + 1);
  return Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** (attempt - 1));
}

/**
 * FEEL and Zeebe use `null` for "no value" (e.g. an output mapping `=prognosis` when there is none);
 * the contract's optional fields mean "absent". Null object fields are therefore dropped before validation.
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?(?:\[([A-Za-z_/+-]+)\]|@([A-Za-z_/+-]+))?$/;

/** The UTC offset ("+01:00") of a time zone at a local date-time. */
function offsetOf(zone: string, local: string): string | undefined {
  try {
    const asUtc = new Date(`${local}Z`);
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
        .formatToParts(asUtc)
        .map((p) => [p.type, p.value]),
    );
    const zoned = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
    const minutes = Math.round((zoned - asUtc.getTime()) / 60_000);
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  } catch {
    return undefined;
  }
}

/**
 * FEEL date-times come in shapes the contract's ISO-with-offset fields reject: `string(now())` on the local
 * runtime has no offset ("2026-11-25T20:08:53.363", taken as UTC); on Zeebe it may carry a zone id
 * ("…+01:00[Europe/Stockholm]" or "…@Europe/Stockholm"). They are normalised to ISO 8601 with an offset.
 */
export function normalizeDateTimes(value: unknown): unknown {
  if (typeof value === 'string') {
    const m = LOCAL_DATE_TIME.exec(value);
    if (!m) return value;
    const [, local, offset, bracketZone, atZone] = m;
    if (offset) return `${local}${offset}`;
    const zone = bracketZone ?? atZone;
    return `${local}${(zone && offsetOf(zone, local)) ?? 'Z'}`;
  }
  if (Array.isArray(value)) return value.map(normalizeDateTimes);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, normalizeDateTimes(v)]));
  }
  return value;
}

function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${maskPersonalData(i.message)}`);
}

/** Errors that retrying will not fix: an incident right away. */
function isPermanent(err: unknown): boolean {
  return err instanceof JobError && !err.retryable;
}

export interface JobSpec<I, H> {
  jobType: string;
  input: z.ZodType<I>;
  headers: z.ZodType<H>;
}

/**
 * Runs one job: child logger, validation of headers and variables, the handler, and exactly one of
 * `complete`, `error` or `fail` on every branch.
 *
 * - invalid headers/variables → `fail` with `retries: 0` and a message naming the bad fields (incident);
 * - technical faults (SMTP, ITSM, webhook unreachable) → `fail` with `retries − 1` and growing `retryBackOff`;
 * - business outcomes → the handler returns a BPMN error (`job.error`) with a contract error code;
 * - a task listener's refusal → the job is completed with the result `denied` and the reason (`completeListenerJob`).
 */
export async function runJob<I, H>(
  job: WorkerJob,
  spec: JobSpec<I, H>,
  deps: { logger: Logger; retry: RetryPolicy; completeListenerJob?: (jobKey: string, result: { denied: boolean; deniedReason?: string }) => Promise<void> },
  handler: (input: I, headers: H, log: Logger) => Promise<JobOutcome>,
): Promise<JobAck> {
  const log = deps.logger.child({ jobKey: job.jobKey, jobType: spec.jobType, processInstanceKey: job.processInstanceKey });
  try {
    const headers = spec.headers.safeParse(withoutNulls(job.customHeaders ?? {}));
    if (!headers.success) throw new InvalidJobInputError(spec.jobType, 'headers', issuesOf(headers.error));
    const input = spec.input.safeParse(normalizeDateTimes(withoutNulls(job.variables ?? {})));
    if (!input.success) throw new InvalidJobInputError(spec.jobType, 'variables', issuesOf(input.error));
    const outcome = await handler(input.data, headers.data, log);
    if (outcome.kind === 'deny') {
      const deny = deps.completeListenerJob;
      if (!deny) throw new Error(`${spec.jobType}: a task listener's denial needs the engine client`);
      log.info({}, 'task listener denies the user task operation');
      return await report(log, 'deny', async () => {
        await deny(job.jobKey, { denied: true, deniedReason: outcome.reason });
        return 'JOB_ACTION_ACKNOWLEDGEMENT' as JobAck;
      });
    }
    if (outcome.kind === 'error') {
      log.info({ errorCode: outcome.errorCode }, 'job ends with a BPMN error');
      return await report(log, 'error', () => job.error({ errorCode: outcome.errorCode, errorMessage: outcome.errorMessage, variables: outcome.variables ?? {} }));
    }
    log.info({ outputs: Object.keys(outcome.variables) }, 'job completed');
    return await report(log, 'complete', () => job.complete(outcome.variables));
  } catch (err) {
    const message = maskPersonalData(err instanceof Error ? err.message : String(err)).slice(0, 1000);
    if (isPermanent(err)) {
      log.error({ err }, 'job failed permanently: incident');
      return report(log, 'fail', () => job.fail({ errorMessage: message, retries: 0, retryBackOff: 0 }));
    }
    if (err instanceof OutboxBusyError) {
      // Another delivery of this job is performing the effect right now: not a fault, so no retry is used up.
      const wait = Math.max(1_000, Math.min(deps.retry.backoffMaxMs, Date.parse(err.leaseUntil) - Date.now()));
      log.info({ retryBackOff: wait }, 'effect in progress in another delivery: try again later');
      return report(log, 'fail', () => job.fail({ errorMessage: message, retries: Math.max(1, job.retries), retryBackOff: wait }));
    }
    const retries = Math.max(0, job.retries - 1);
    const backoff = retries > 0 ? retryBackOff(job, deps.retry) : 0;
    log.warn({ err, retries, retryBackOff: backoff }, retries > 0 ? 'technical fault: job will be retried' : 'technical fault: no retries left, incident');
    return report(log, 'fail', () => job.fail({ errorMessage: message, retries, retryBackOff: backoff }));
  }
}

/**
 * Tell the engine the outcome. If the engine cannot be reached, the job is not lost: it is activated again
 * after its timeout, and the outbox makes sure its effects are not repeated. So this never throws (an
 * exception here would escape the SDK's worker loop as an unhandled rejection).
 */
async function report(log: Logger, action: 'complete' | 'error' | 'fail' | 'deny', call: () => Promise<JobAck>): Promise<JobAck> {
  try {
    return await call();
  } catch (err) {
    log.error({ err, action }, 'could not report the job outcome to the engine; the job will be activated again after its timeout');
    return 'JOB_ACTION_ACKNOWLEDGEMENT' as JobAck;
  }
}
