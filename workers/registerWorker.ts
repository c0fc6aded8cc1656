import type { CamundaRestClient } from '@camunda8/sdk';
import type { JobAck, WorkerJob } from './jobRunner';
import type { WorkerOptions } from './workerOptions';

/** One SDK REST job worker for a job type, with the configured polling (`timeoutFactor`: a multiple of the job timeout). */
export function registerWorker(client: CamundaRestClient, type: string, options: WorkerOptions, handler: (job: WorkerJob) => Promise<JobAck>, timeoutFactor = 1) {
  return client.createJobWorker({
    type,
    worker: options.workerName,
    timeout: options.jobTimeoutMs * timeoutFactor,
    maxJobsToActivate: options.maxJobsToActivate,
    pollIntervalMs: options.pollIntervalMs,
    logger: options.sdkLogger,
    jobHandler: (job) => handler(job as WorkerJob),
  });
}
