import type { CamundaRestClient } from '@camunda8/sdk';
import { JOB_CONTRACTS, JOB_TYPES } from '../contract';
import { runJob, type JobAck, type WorkerJob } from './jobRunner';
import type { WorkerServices } from './services';
import type { WorkerOptions } from './workerOptions';
import { registerWorker } from './registerWorker';
import { addIsoDuration, stockholmText } from '../lib/time/stockholmTime';

/**
 * T1, T6, R17, P11: the disruption's times for people. `reportedAt` is on the engine's clock (the model computed it);
 * this job puts it, the 4-hour mark and a planned maintenance's start and end into Swedish text in Europe/Stockholm for
 * forms and notices (form FEEL cannot change zones).
 */
export const REGISTER_DISRUPTION = JOB_TYPES.registerDisruption;
const contract = JOB_CONTRACTS[REGISTER_DISRUPTION];

export async function handleRegisterDisruption(job: WorkerJob, services: WorkerServices): Promise<JobAck> {
  return runJob(job, { jobType: REGISTER_DISRUPTION, input: contract.input, headers: contract.headers }, services, async (input, _headers, log) => {
    const reportedAt = new Date(input.reportedAt);
    const due = input.backupRoutineAfter ? addIsoDuration(reportedAt, input.backupRoutineAfter) : undefined;
    log.info({ reportedAt: reportedAt.toISOString(), backupRoutineDueAt: due?.toISOString() }, 'disruption registered');
    return {
      kind: 'complete',
      variables: contract.output.parse({
        reportedAtText: stockholmText(reportedAt),
        ...(due ? { backupRoutineDueAt: due.toISOString(), backupRoutineDueText: stockholmText(due) } : {}),
        ...(input.maintenanceStart ? { maintenanceStartText: stockholmText(input.maintenanceStart) } : {}),
        ...(input.maintenanceEnd ? { maintenanceEndText: stockholmText(input.maintenanceEnd) } : {}),
      }),
    };
  });
}

export function registerRegisterDisruption(client: CamundaRestClient, services: WorkerServices, options: WorkerOptions) {
  return registerWorker(client, REGISTER_DISRUPTION, options, (job) => handleRegisterDisruption(job, services));
}
