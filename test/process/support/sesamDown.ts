import { CamundaAssert } from '@camunda8/process-test';
import type { ActivatedJob, Scenario, Vars } from './scenario';

export interface SesamDownRun {
  processInstanceKey: string;
  disruptionId: string;
  reportedAt: string;
  jobs: Record<string, ActivatedJob>;
}

/**
 * Drive a disruption through 3b ("Sesam ur drift") with the system owner on duty who acknowledges in time:
 * assess (R13) → report to the system owner (R13) → on duty (P5) → acknowledged (P4; by phone/API, or in
 * Tasklist with `ack: 'task'`) → vendor (R15) → first notice approved and published (R3).
 */
export async function reachSesamDown(s: Scenario, extra: Vars = {}, ack: 'message' | 'task' = 'message'): Promise<SesamDownRun> {
  const { processInstanceKey, disruptionId, reportedAt } = await s.startDisruption(extra);
  const instance = { processInstanceKey } as never;
  await s.completeUserTask(processInstanceKey, 'UserTask_AssessScope', { scope: 'sesam-down', summary: 'Sesam går inte att nå för någon förskrivare.' });
  const reported = await s.completeJob('notify-role');
  const onDuty = await s.completeJob('check-system-owner-on-duty', {
    systemOwnerOnDuty: true,
    systemOwnerOnDutyReason: 'Kontorstid',
    systemOwnerContact: 'Systemansvarig Sesam',
  });
  await CamundaAssert.assertThat(instance).hasActiveElements('SubProcess_SesamDown', 'Event_SystemRestored', 'UserTask_AcknowledgeDisruption');
  if (ack === 'task') {
    await s.completeUserTask(processInstanceKey, 'UserTask_AcknowledgeDisruption', { acknowledged: true, acknowledgementNote: 'Felsökning pågår.' });
  } else {
    await s.publish('system-owner-acknowledged', disruptionId, { acknowledgedBy: 'systemansvarig' });
  }
  const vendor = await s.completeJob('contact-vendor', { vendorContactedAt: reportedAt });
  const { task: approval, job: firstNotice } = await s.approveAndPublishNotice(processInstanceKey);
  expect(approval.candidateGroups).toEqual(['system-owner']);
  await s.waitFor(processInstanceKey, 'driftstorning-sesam/EndEvent_FirstNoticePublished', 'COMPLETED');
  return { processInstanceKey, disruptionId, reportedAt, jobs: { reported, onDuty, vendor, firstNotice } };
}

/** After `system-restored`: resolved notice (P2), prescribers told (P2), review (P8); returns the jobs. */
export async function closeAfterRestoration(s: Scenario, run: SesamDownRun): Promise<Record<string, ActivatedJob>> {
  const { job: resolvedNotice } = await s.approveAndPublishNotice(run.processInstanceKey);
  const prescribers = await s.completeJob('notify-role');
  const reviewDue = await s.completeJob('notify-role');
  await s.completeUserTask(run.processInstanceKey, 'UserTask_ReviewDisruption', { reviewSummary: 'Sesam låg nere, åtgärdat av IT.' });
  return { resolvedNotice, prescribers, reviewDue };
}
