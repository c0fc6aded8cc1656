import type { CamundaRestClient } from '@camunda8/sdk';
import { JOB_CONTRACTS, JOB_TYPES } from '../contract';
import { runJob, type JobAck, type WorkerJob } from './jobRunner';
import type { WorkerServices } from './services';
import type { WorkerOptions } from './workerOptions';
import { registerWorker } from './registerWorker';
import { stockholmText } from '../lib/time/stockholmTime';

/**
 * T3, P2: Sesam is restored. Closes the disruption's notices in the service's store – from now on only a final state
 * can be published, and `publish-notice` checks that in the same SQLite transaction as its write, so an update racing
 * the restoration is either counted here or refused – and says what had been published. The intake stops attaching
 * reports to it.
 */
export const REGISTER_RESTORATION = JOB_TYPES.registerRestoration;
const contract = JOB_CONTRACTS[REGISTER_RESTORATION];

export async function handleRegisterRestoration(job: WorkerJob, services: WorkerServices): Promise<JobAck> {
  return runJob(job, { jobType: REGISTER_RESTORATION, input: contract.input, headers: contract.headers }, services, async (input, _headers, log) => {
    const closed = services.notices.closeDisruption(input.disruptionId);
    const restoredAt = input.restoredAt && Number.isFinite(Date.parse(input.restoredAt)) ? input.restoredAt : services.engineTime(job).toISOString();
    services.disruptions.markRestored(input.disruptionId, restoredAt);
    const publishedNoticeKinds = [...new Set(closed.publishedKinds)];
    log.info({ publishedNoticeKinds }, 'restoration registered: notices closed for further updates');
    return { kind: 'complete', variables: contract.output.parse({ restoredAtText: stockholmText(restoredAt), publishedNoticeKinds }) };
  });
}

export function registerRegisterRestoration(client: CamundaRestClient, services: WorkerServices, options: WorkerOptions) {
  return registerWorker(client, REGISTER_RESTORATION, options, (job) => handleRegisterRestoration(job, services));
}
