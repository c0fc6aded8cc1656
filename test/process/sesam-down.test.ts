import { CamundaAssert } from '@camunda8/process-test';
import { setupRoutineProcessTest } from './support/routineProcessTest';
import { Scenario } from './support/scenario';
import { closeAfterRestoration, reachSesamDown } from './support/sesamDown';

const h = setupRoutineProcessTest();
/** Timers that are not under test in a case are set out of its way (they are variables of the routine). */
const QUIET = { noticeUpdateInterval: 'PT24H', slaResponseTime: 'PT24H', slaRestoreTime: 'PT24H' };

describe('3b Sesam unreachable for all users (driftstorning-sesam)', () => {
  it('R13, P5, P4, R11, R15, R3, P2, P8: owner on duty acknowledges in Tasklist; vendor contacted; notice published; after restoration a resolved notice, prescribers told, review', async () => {
    // given a disruption in 3b with the system owner on duty who acknowledges in Tasklist
    const s = new Scenario(h);
    const run = await reachSesamDown(s, QUIET, 'task');
    const instance = { processInstanceKey: run.processInstanceKey } as never;
    await CamundaAssert.assertThat(instance).hasActiveElements('SubProcess_SesamDown', 'Event_SystemRestored');

    // when IT reports Sesam restored and the loop is closed
    await s.publish('system-restored', run.disruptionId, { restoredAt: (await s.engineNow()).toISOString() });
    const closing = await closeAfterRestoration(s, run);

    // then everything happened in order, with the right headers, and the instance is done
    await CamundaAssert.assertThat(instance).isCompleted();
    expect(run.jobs.reported.customHeaders).toEqual({ role: 'system-owner', template: 'disruption-reported' });
    expect(run.jobs.reported.variables).toMatchObject({ disruptionId: run.disruptionId, backupRoutineAfter: 'PT4H', acknowledgementTimeout: 'PT30M' });
    expect(run.jobs.firstNotice.variables).toMatchObject({
      notice: { kind: 'disruption', state: 'investigating', title: 'Driftstörning i Sesam och Visma webSesam' },
      noticeApproval: { approved: true, approvedBy: 'systemansvarig' },
    });
    expect(closing.resolvedNotice.variables).toMatchObject({ notice: { kind: 'disruption', state: 'resolved' } });
    expect(closing.prescribers.customHeaders).toEqual({ role: 'prescribers', template: 'system-restored' });
    expect(closing.reviewDue.customHeaders).toEqual({ role: 'assistive-devices-operation', template: 'review-due' });
    const visited = await s.visited(run.processInstanceKey);
    expect(visited.has('driftstorning-sesam/ServiceTask_CreateServiceDeskTicket')).toBe(false);
    expect(visited.has('driftstorning-sesam/CallActivity_BackupRoutine')).toBe(false);
    const trail = await s.trail(run.processInstanceKey);
    expect(trail).toContain('driftstorning-sesam/UserTask_AcknowledgeDisruption:COMPLETED');
  });

  it('R14, P5: system owner off duty → unit manager contacted and a service-desk incident created, then the vendor (R15)', async () => {
    // given a disruption in 3b
    const s = new Scenario(h);
    const { processInstanceKey } = await s.startDisruption(QUIET);
    await s.completeUserTask(processInstanceKey, 'UserTask_AssessScope', { scope: 'sesam-down', summary: 'Sesam nere för alla, kväll.' });
    await s.completeJob('notify-role');

    // when the on-duty check says the owner is off duty
    await s.completeJob('check-system-owner-on-duty', { systemOwnerOnDuty: false, systemOwnerOnDutyReason: 'Helgdag: Juldagen', systemOwnerContact: 'Systemansvarig Sesam' });
    const unitManager = await s.completeJob('notify-role');
    const ticket = await s.completeJob('create-service-desk-ticket', { serviceDeskTicketId: 'INC0012345' });
    const vendor = await s.completeJob('contact-vendor', { vendorContactedAt: (await s.engineNow()).toISOString() });

    // then the unit manager got the off-duty mail with the reason, the vendor sees the ticket, and the notice is next
    expect(unitManager.customHeaders).toEqual({ role: 'unit-manager', template: 'system-owner-off-duty' });
    expect(unitManager.variables).toMatchObject({ systemOwnerOnDutyReason: 'Helgdag: Juldagen' });
    expect(ticket.elementId).toBe('ServiceTask_CreateServiceDeskTicket');
    expect(vendor.variables).toMatchObject({ serviceDeskTicketId: 'INC0012345' });
    const approval = await s.userTask(processInstanceKey, 'UserTask_ApproveNotice');
    expect(approval.candidateGroups).toEqual(['system-owner']);
    const visited = await s.visited(processInstanceKey);
    expect(visited.has('driftstorning-sesam/UserTask_AcknowledgeDisruption')).toBe(false);
  });

  it('P4, R14: no acknowledgement within 30 minutes escalates like off duty (unit manager + incident)', async () => {
    // given the owner on duty and the acknowledgement timer running
    const s = new Scenario(h);
    const { processInstanceKey } = await s.startDisruption(QUIET);
    const instance = { processInstanceKey } as never;
    await s.completeUserTask(processInstanceKey, 'UserTask_AssessScope', { scope: 'sesam-down', summary: 'Sesam nere för alla.' });
    await s.completeJob('notify-role');
    await s.completeJob('check-system-owner-on-duty', { systemOwnerOnDuty: true, systemOwnerOnDutyReason: 'Kontorstid', systemOwnerContact: 'Systemansvarig Sesam' });
    const ackTask = await s.userTask(processInstanceKey, 'UserTask_AcknowledgeDisruption');
    expect(ackTask.candidateGroups).toEqual(['system-owner']);
    await CamundaAssert.assertThat(instance).hasActiveElements('UserTask_AcknowledgeDisruption');

    // when 30 minutes pass without acknowledgement
    await h.context().increaseTime({ minutes: 30 });
    const overdue = await s.completeJob('notify-role');
    const ticket = await s.completeJob('create-service-desk-ticket', { serviceDeskTicketId: 'INC0099999' });

    // then the unit manager was told the report is unacknowledged and an incident was created
    expect(overdue.customHeaders).toEqual({ role: 'unit-manager', template: 'acknowledgement-overdue' });
    expect(ticket.elementId).toBe('ServiceTask_CreateServiceDeskTicket');
    await CamundaAssert.assertThat(instance).hasCompletedElements('Timer_AcknowledgementOverdue', 'ServiceTask_NotifyUnitManagerNoAck');
    expect(await s.trail(processInstanceKey)).toContain('driftstorning-sesam/UserTask_AcknowledgeDisruption:TERMINATED');
    await s.completeJob('contact-vendor', { vendorContactedAt: (await s.engineNow()).toISOString() });
    await s.userTask(processInstanceKey, 'UserTask_ApproveNotice');
  });

  it('P1, R16, R6: another report attaches to the running disruption; the prescriber is e-mailed the notice link', async () => {
    // given Sesam down with a published notice
    const s = new Scenario(h);
    const run = await reachSesamDown(s, QUIET);
    const instance = { processInstanceKey: run.processInstanceKey } as never;

    // when a second prescriber reports the same disruption
    const second = { reportId: `${run.disruptionId}-R2`, receivedAt: (await s.engineNow()).toISOString(), channel: 'e-mail', reporterEmail: 'forskrivare.tva@example.se', productArea: 'horsel' };
    await s.publish('report-received', run.disruptionId, { report: second });
    const inform = await s.completeJob('notify-role');

    // then the report is attached (reports has both), the prescriber is informed, and the disruption still waits
    expect(inform.customHeaders).toEqual({ role: 'prescribers', template: 'report-received' });
    expect(inform.elementId).toBe('ServiceTask_InformReportingPrescriber');
    expect((inform.variables.reports as { reportId: string }[]).map((r) => r.reportId)).toEqual([`${run.disruptionId}-R1`, `${run.disruptionId}-R2`]);
    await CamundaAssert.assertThat(instance).hasCompletedElements('StartEvent_ReportReceived', 'EndEvent_ReportAttached');
    await CamundaAssert.assertThat(instance).hasActiveElements('SubProcess_SesamDown', 'Event_SystemRestored');
    expect(((await s.variables(run.processInstanceKey)).reports as unknown[]).length).toBe(2);
  });

  it('P6, R10, R7: SLA response and restore targets breached notify VO Hjälpmedel, counted from the first report', async () => {
    // given Sesam down with default SLA silver B targets (response 1 h, restore 8 h); the 4-hour rule is tested on its own
    const s = new Scenario(h);
    const run = await reachSesamDown(s, { noticeUpdateInterval: 'PT24H', backupRoutineAfter: 'PT24H' });
    const instance = { processInstanceKey: run.processInstanceKey } as never;
    await CamundaAssert.assertThat(instance).hasActiveElements('SubProcess_SesamDown');

    // when one hour passes without a prognosis
    await h.context().increaseTime({ hours: 1 });
    const response = await s.completeJob('notify-role');
    // and when eight hours have passed without restoration
    await CamundaAssert.assertThat(instance).hasActiveElements('SubProcess_SesamDown');
    await h.context().increaseTime({ hours: 7 });
    const restore = await s.completeJob('notify-role');

    // then VO Hjälpmedel was told twice, once per target, and Sesam is still awaited
    expect(response.customHeaders).toEqual({ role: 'assistive-devices-operation', template: 'sla-breached' });
    expect(response.variables.slaTarget).toBe('response');
    expect(restore.customHeaders).toEqual({ role: 'assistive-devices-operation', template: 'sla-breached' });
    expect(restore.variables.slaTarget).toBe('restore');
    await CamundaAssert.assertThat(instance).hasCompletedElements('EndEvent_SlaResponseBreached', 'EndEvent_SlaRestoreBreached');
    await CamundaAssert.assertThat(instance).hasActiveElements('Event_SystemRestored');
  });

  it('P3, R11: the system owner is reminded to update the notice every noticeUpdateInterval while Sesam is down', async () => {
    // given Sesam down with the default update interval (1 h) and the SLA timers out of the way
    const s = new Scenario(h);
    const run = await reachSesamDown(s, { slaResponseTime: 'PT24H', slaRestoreTime: 'PT24H', backupRoutineAfter: 'PT24H' });
    const instance = { processInstanceKey: run.processInstanceKey } as never;
    await CamundaAssert.assertThat(instance).hasActiveElements('SubProcess_SesamDown');

    // when two hours pass, one at a time
    await h.context().increaseTime({ hours: 1 });
    const first = await s.completeJob('notify-role');
    await h.context().increaseTime({ hours: 1 });
    const second = await s.completeJob('notify-role');

    // then two reminders went to the system owner
    for (const r of [first, second]) expect(r.customHeaders).toEqual({ role: 'system-owner', template: 'notice-update-due' });
    expect(first.jobKey).not.toBe(second.jobKey);
    await CamundaAssert.assertThat(instance).hasActiveElements('Event_SystemRestored');
  });

  it('P9: a drill carries drill = true to every job and task of the routine, so workers send nothing outside', async () => {
    // given a disruption started as a drill
    const s = new Scenario(h);
    const run = await reachSesamDown(s, { ...QUIET, drill: true });

    // when looking at what the jobs and the tasks saw
    const jobs = Object.values(run.jobs);
    const vars = await s.variables(run.processInstanceKey);

    // then every job got drill = true, and the instance is marked as a drill
    expect(jobs).toHaveLength(4);
    for (const job of jobs) expect({ element: job.elementId, drill: job.variables.drill }).toEqual({ element: job.elementId, drill: true });
    expect(vars.drill).toBe(true);
  });

  it('P9, R17: drill defaults to false and reportedAt to now when the starter does not say (FEEL defaults in "Tidsgränser satta")', async () => {
    // given a disruption started without drill and without reportedAt (e.g. from Modeler or Operate)
    const s = new Scenario(h);
    const { processInstanceKey } = await s.startDisruption({ drill: undefined, reportedAt: undefined });
    // when the defaults have been applied
    await s.userTask(processInstanceKey, 'UserTask_AssessScope');
    // then drill is false, reportedAt is now and the timer settings have the routine's defaults
    const vars = await s.variables(processInstanceKey);
    expect(vars.reportedAt).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/));
    expect(vars).toMatchObject({
      drill: false,
      backupRoutineAfter: 'PT4H',
      acknowledgementTimeout: 'PT30M',
      slaResponseTime: 'PT1H',
      slaRestoreTime: 'PT8H',
      noticeUpdateInterval: 'PT1H',
    });
  });
});
