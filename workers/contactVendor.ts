import type { CamundaRestClient } from '@camunda8/sdk';
import { JOB_CONTRACTS, JOB_TYPES } from '../contract';
import { runJob, type JobAck, type WorkerJob } from './jobRunner';
import { mailContext } from './mailContext';
import type { WorkerServices } from './services';
import type { WorkerOptions } from './workerOptions';
import { registerWorker } from './registerWorker';

/** Contact the vendor Visma with the disruption's facts (R15, R8). */
export const CONTACT_VENDOR = JOB_TYPES.contactVendor;
const contract = JOB_CONTRACTS[CONTACT_VENDOR];
export const contactVendorInput = contract.input;

export async function handleContactVendor(job: WorkerJob, services: WorkerServices): Promise<JobAck> {
  return runJob(job, { jobType: CONTACT_VENDOR, input: contract.input, headers: contract.headers }, services, async (input, _headers, log) => {
    const replyTo = services.directory.recipients('system-owner')[0]?.email;
    const { contactedAt, duplicate } = await services.vendor.contact(mailContext(input, services), replyTo);
    log.info({ duplicate }, 'vendor contacted');
    return { kind: 'complete', variables: contract.output.parse({ vendorContactedAt: contactedAt }) };
  });
}

export function registerContactVendor(client: CamundaRestClient, services: WorkerServices, options: WorkerOptions) {
  return registerWorker(client, CONTACT_VENDOR, options, (job) => handleContactVendor(job, services));
}
