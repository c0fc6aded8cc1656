import type { CamundaRestClient } from '@camunda8/sdk';
import { JOB_CONTRACTS, JOB_TYPES, MESSAGES, type Prognosis } from '../contract';
import { runJob, type JobAck, type WorkerJob } from './jobRunner';
import type { WorkerServices } from './services';
import type { WorkerOptions } from './workerOptions';
import { registerWorker } from './registerWorker';
import { fromStockholmLocal, stockholmText } from '../lib/time/stockholmTime';

/**
 * T2: a prognosis the system owner entered while approving a notice reaches the disruption like one from the IT page:
 * as the message `prognosis-received` (source `notice`, so the disruption does not publish it a second time). Only when
 * it differs from the prognosis the disruption had; the message id is the job's, so a retry does not send it twice.
 */
export const FORWARD_PROGNOSIS = JOB_TYPES.forwardPrognosis;
const contract = JOB_CONTRACTS[FORWARD_PROGNOSIS];

export async function handleForwardPrognosis(job: WorkerJob, services: WorkerServices): Promise<JobAck> {
  return runJob(job, { jobType: FORWARD_PROGNOSIS, input: contract.input, headers: contract.headers }, services, async (input, _headers, log) => {
    // The form sends the time with the browser's offset; a time without one is Swedish local time.
    const expectedAt = /[zZ]|[+-]\d{2}:\d{2}$/.test(input.prognosisExpectedAt) ? input.prognosisExpectedAt : fromStockholmLocal(input.prognosisExpectedAt);
    const instant = expectedAt ? Date.parse(expectedAt) : NaN;
    if (!expectedAt || !Number.isFinite(instant)) {
      log.warn({}, 'the approval form gave no readable prognosis time: nothing forwarded');
      return { kind: 'complete', variables: contract.output.parse({ prognosisForwarded: false }) };
    }
    const text = input.prognosisText?.trim() || undefined;
    const previous = input.prognosis;
    if (previous && Date.parse(previous.expectedAt) === instant && (previous.text ?? undefined) === text) {
      log.info({}, 'prognosis unchanged: nothing forwarded');
      return { kind: 'complete', variables: contract.output.parse({ prognosisForwarded: false }) };
    }
    const prognosis: Prognosis = { expectedAt: new Date(instant).toISOString(), expectedAtText: stockholmText(instant), ...(text ? { text } : {}), source: 'notice' };
    await services.publishMessage({ name: MESSAGES.prognosisReceived, correlationKey: input.disruptionId, variables: { prognosis }, messageId: `prognosis-from-notice-${job.jobKey}` });
    log.info({ expectedAt: prognosis.expectedAt }, 'prognosis from the notice approval forwarded to the disruption');
    return { kind: 'complete', variables: contract.output.parse({ prognosisForwarded: true }) };
  });
}

export function registerForwardPrognosis(client: CamundaRestClient, services: WorkerServices, options: WorkerOptions) {
  return registerWorker(client, FORWARD_PROGNOSIS, options, (job) => handleForwardPrognosis(job, services));
}
