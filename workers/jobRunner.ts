import type { CamundaRestApiTypes } from '@camunda8/sdk';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { InvalidJobInputError } from '../service/errors/InvalidJobInputError';
import { DependencyMissingError } from '../service/errors/DependencyMissingError';
import { maskPersonalData } from '../service/logger';
import { OutboxBusyError } from '../service/errors/OutboxBusyError';

/** The job object the SDK's REST job worker hands to a handler. */
export type WorkerJob = CamundaRestApiTypes.ActivatedJob<Record<string, unknown>, Record<string, unknown>>;
export type JobAck = Awaited<ReturnType<WorkerJob['complete']>>;
/** Output variables (JSON, keys are strings). */
export type JobVariables = NonNullable<Parameters<WorkerJob['complete']>[0]>;

/** What a handler decided: complete with output variables, or a BPMN error (business outcome). */
export type JobOutcome =
  | { kind: 'complete'; variables: JobVariables }
  | { kind: 'error'; errorCode: string; errorMessage: string; variables?: JobVariables };

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

function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${maskPersonalData(i.message)}`);
}

/** Errors that retrying will not fix: an incident right away. */
function isPermanent(err: unknown): boolean {
  return err instanceof InvalidJobInputError || err instanceof DependencyMissingError || (err instanceof Error && err.name === 'NoticeStoreError');
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
 * - business outcomes → the handler returns a BPMN error (`job.error`) with a contract error code.
 */
export async function runJob<I, H>(
  job: WorkerJob,
  spec: JobSpec<I, H>,
  deps: { logger: Logger; retry: RetryPolicy },
  handler: (input: I, headers: H, log: Logger) => Promise<JobOutcome>,
): Promise<JobAck> {
  const log = deps.logger.child({ jobKey: job.jobKey, jobType: spec.jobType, processInstanceKey: job.processInstanceKey });
  try {
    const headers = spec.headers.safeParse(withoutNulls(job.customHeaders ?? {}));
    if (!headers.success) throw new InvalidJobInputError(spec.jobType, 'headers', issuesOf(headers.error));
    const input = spec.input.safeParse(withoutNulls(job.variables ?? {}));
    if (!input.success) throw new InvalidJobInputError(spec.jobType, 'variables', issuesOf(input.error));
    const outcome = await handler(input.data, headers.data, log);
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
async function report(log: Logger, action: 'complete' | 'error' | 'fail', call: () => Promise<JobAck>): Promise<JobAck> {
  try {
    return await call();
  } catch (err) {
    log.error({ err, action }, 'could not report the job outcome to the engine; the job will be activated again after its timeout');
    return 'JOB_ACTION_ACKNOWLEDGEMENT' as JobAck;
  }
}
