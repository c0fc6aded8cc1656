/**
 * What the mocked workers answer when a test does not say otherwise: the outputs of each job type as written
 * in the contract (`contract/jobTypes.ts`), plausible and small. A test overrides them per type or
 * per element (`pilot.complete(...)`), or takes a job over (`pilot.control(...)` + `pilot.take(...)`).
 */
import { JOB_TYPES } from '../../../contract';
import { addIsoDuration, stockholmText } from '../../../lib/time/stockholmTime';
import type { Autopilot, HandledJob, JobOutput, Vars } from './autopilot';

export const ROUTINE_JOB_TYPES = Object.values(JOB_TYPES);

/** R14, P5: the system owner is on duty (the default) … */
export const ON_DUTY: Vars = { systemOwnerOnDuty: true, systemOwnerOnDutyReason: 'Kontorstid', systemOwnerContact: 'Systemansvarig Sesam' };
/** … or not. */
export const OFF_DUTY: Vars = { systemOwnerOnDuty: false, systemOwnerOnDutyReason: 'Helgdag: Juldagen', systemOwnerContact: 'Ersättare för systemansvarig' };

/** Kinds of the notices the autopilot published for this disruption (what the service's store would know, T3). */
export function publishedNoticeKinds(pilot: Autopilot, disruptionId: unknown): string[] {
  const kinds = pilot
    .jobs(JOB_TYPES.publishNotice)
    .filter((j) => j.outcome === 'completed' && j.variables.disruptionId === disruptionId)
    .map((j) => (j.variables.notice as { kind: string }).kind);
  return [...new Set(kinds)];
}

const str = (job: HandledJob, name: string) => String(job.variables[name]);

export const ROUTINE_OUTPUTS: Record<string, JobOutput> = {
  [JOB_TYPES.registerDisruption]: (job) => {
    // like the worker: the 4-hour mark when the disruption has one, a planned maintenance's start and end (P11)
    const dueAt = job.variables.backupRoutineAfter ? addIsoDuration(new Date(str(job, 'reportedAt')), str(job, 'backupRoutineAfter')) : undefined;
    return {
      reportedAtText: stockholmText(str(job, 'reportedAt')),
      ...(dueAt ? { backupRoutineDueAt: dueAt.toISOString(), backupRoutineDueText: stockholmText(dueAt) } : {}),
      ...(job.variables.maintenanceStart ? { maintenanceStartText: stockholmText(str(job, 'maintenanceStart')) } : {}),
      ...(job.variables.maintenanceEnd ? { maintenanceEndText: stockholmText(str(job, 'maintenanceEnd')) } : {}),
    };
  },
  [JOB_TYPES.notifyRole]: {},
  [JOB_TYPES.checkSystemOwnerOnDuty]: (job) => ({
    ...ON_DUTY,
    acknowledgementDueText: stockholmText(addIsoDuration(new Date(str(job, 'engineNow')), str(job, 'acknowledgementTimeout'))),
  }),
  [JOB_TYPES.createServiceDeskTicket]: (job) => ({ serviceDeskTicketId: `INC-${job.jobKey}` }),
  [JOB_TYPES.contactVendor]: (job) => ({ vendorContactedAt: str(job, 'reportedAt') }),
  [JOB_TYPES.publishNotice]: (job, pilot) => {
    const before = pilot.jobs(JOB_TYPES.publishNotice).filter((j) => j.outcome === 'completed' && j.variables.disruptionId === job.variables.disruptionId).length;
    const noticeId = `N-${str(job, 'disruptionId')}`;
    return { publishedNotice: { noticeId, updateNumber: before + 1, url: `http://localhost/driftinformation/${noticeId}` } };
  },
  [JOB_TYPES.registerRestoration]: (job, pilot) => ({
    restoredAtText: stockholmText(job.variables.restoredAt ? str(job, 'restoredAt') : Date.now()),
    publishedNoticeKinds: publishedNoticeKinds(pilot, job.variables.disruptionId),
  }),
  [JOB_TYPES.forwardPrognosis]: { prognosisForwarded: true },
  // R3: the approval task's completing listener accepts (a listener job completes without variables)
  [JOB_TYPES.verifyNoticeApprover]: {},
};
