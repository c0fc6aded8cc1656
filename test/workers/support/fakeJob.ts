import type { WorkerJob } from '../../../workers/jobRunner';

export interface JobCalls {
  complete: Array<Record<string, unknown> | undefined>;
  fail: Array<{ errorMessage: string; retries?: number; retryBackOff?: number }>;
  error: Array<{ errorCode: string; errorMessage?: string; variables?: unknown }>;
  modifyJobTimeout: number[];
}

let nextKey = 2251799813685249n;

/**
 * A job with the exact shape the SDK's REST job worker hands to a handler (RestJob + completion methods);
 * its complete/fail/error record the calls instead of going to an engine.
 */
export function fakeJob(
  type: string,
  variables: Record<string, unknown>,
  customHeaders: Record<string, unknown> = {},
  over: Partial<{ jobKey: string; retries: number; elementInstanceKey: string }> = {},
): { job: WorkerJob; calls: JobCalls } {
  const calls: JobCalls = { complete: [], fail: [], error: [], modifyJobTimeout: [] };
  const key = String(nextKey++);
  const ack = 'JOB_ACTION_ACKNOWLEDGEMENT' as const;
  const job = {
    jobKey: over.jobKey ?? key,
    type,
    processInstanceKey: '2251799813685000',
    bpmnProcessId: 'driftstorning-sesam',
    processDefinitionVersion: 1,
    elementId: 'ServiceTask_Test',
    elementInstanceKey: over.elementInstanceKey ?? `9${key}`,
    customHeaders,
    worker: 'test-worker',
    retries: over.retries ?? 3,
    deadline: String(Date.now() + 60_000),
    variables,
    tenantId: '<default>',
    cancelWorkflow: async () => ack,
    complete: async (v?: Record<string, unknown>) => {
      calls.complete.push(v);
      return ack;
    },
    fail: async (f: { errorMessage: string; retries?: number; retryBackOff?: number }) => {
      calls.fail.push(f);
      return ack;
    },
    error: async (e: { errorCode: string; errorMessage?: string; variables?: unknown }) => {
      calls.error.push(e);
      return ack;
    },
    forward: () => ack,
    modifyJobTimeout: async ({ newTimeoutMs }: { newTimeoutMs: number }) => {
      calls.modifyJobTimeout.push(newTimeoutMs);
      return 'ok';
    },
  };
  return { job: job as unknown as WorkerJob, calls };
}

/** Run a job again as Zeebe re-delivers it: same job key, fewer retries. */
export function redeliver(job: WorkerJob, retries = job.retries): { job: WorkerJob; calls: JobCalls } {
  return fakeJob(job.type, job.variables as Record<string, unknown>, job.customHeaders as Record<string, unknown>, {
    jobKey: job.jobKey,
    retries,
    elementInstanceKey: job.elementInstanceKey,
  });
}
