import type { CamundaRestClient } from '@camunda8/sdk';
import { JOB_CONTRACTS, JOB_TYPES } from '../contract';
import { runJob, type JobAck, type WorkerJob } from './jobRunner';
import type { WorkerServices } from './services';
import type { WorkerOptions } from './workerOptions';
import { addIsoDuration, stockholmText } from '../lib/time/stockholmTime';
import { registerWorker } from './registerWorker';

/** Is the system owner on duty? Office hours, Swedish public holidays, stand-ins (R14, P5). */
export const CHECK_SYSTEM_OWNER_ON_DUTY = JOB_TYPES.checkSystemOwnerOnDuty;
const contract = JOB_CONTRACTS[CHECK_SYSTEM_OWNER_ON_DUTY];
export const checkSystemOwnerOnDutyInput = contract.input;

export async function handleCheckSystemOwnerOnDuty(job: WorkerJob, services: WorkerServices): Promise<JobAck> {
  return runJob(job, { jobType: CHECK_SYSTEM_OWNER_ON_DUTY, input: contract.input, headers: contract.headers }, services, async (input, _headers, log) => {
    // T1: on the engine's clock (engineNow), so a drill with a moved clock decides as reality would.
    const now = services.engineTime(job);
    const decision = services.onDuty.decide(now);
    const variables = contract.output.parse({
      systemOwnerOnDuty: decision.onDuty,
      systemOwnerOnDutyReason: decision.reason,
      systemOwnerContact: decision.contact,
      // P4, T6: the acknowledgement task starts right after this job; its deadline in Swedish time for the form and mail.
      ...(decision.onDuty ? { acknowledgementDueText: stockholmText(addIsoDuration(now, input.acknowledgementTimeout ?? 'PT30M')) } : {}),
    });
    log.info({ onDuty: decision.onDuty, localDate: decision.localDate, localTime: decision.localTime }, 'on-duty decision');
    return { kind: 'complete', variables };
  });
}

export function registerCheckSystemOwnerOnDuty(client: CamundaRestClient, services: WorkerServices, options: WorkerOptions) {
  return registerWorker(client, CHECK_SYSTEM_OWNER_ON_DUTY, options, (job) => handleCheckSystemOwnerOnDuty(job, services));
}
