import type { CamundaRestClient } from '@camunda8/sdk';
import { JOB_CONTRACTS, type JobType } from '../contract';
import type { JobAck, WorkerJob } from './jobRunner';
import type { WorkerOptions } from './workerOptions';

/**
 * The variables a job type's worker fetches: exactly the input its contract declares (issue #12). A job never
 * carries the rest of the process's variables over the wire, so a job's size does not grow with the disruption.
 */
export function fetchVariablesOf(type: JobType): string[] {
  return Object.keys(JOB_CONTRACTS[type].input.shape);
}

/**
 * One SDK REST job worker for a job type, with the configured polling, fetching only the contract's input variables
 * (`timeoutFactor`: a multiple of the job timeout); its handler starts when the intake is quiet (`options.foreground`).
 */
export function registerWorker(client: CamundaRestClient, type: JobType, options: WorkerOptions, handler: (job: WorkerJob) => Promise<JobAck>, timeoutFactor = 1) {
  return client.createJobWorker({
    type,
    worker: options.workerName,
    timeout: options.jobTimeoutMs * timeoutFactor,
    maxJobsToActivate: options.maxJobsToActivate,
    pollIntervalMs: options.pollIntervalMs,
    fetchVariable: fetchVariablesOf(type),
    logger: options.sdkLogger,
    jobHandler: async (job) => {
      // Foreground first: while the desk's calls are answered, the job waits (it stays activated for this worker).
      await options.foreground?.quiet();
      return handler(job as WorkerJob);
    },
  });
}
