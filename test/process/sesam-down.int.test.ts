import { CamundaAssert } from '@camunda8/process-test';
import { OFF_DUTY } from './support/mockedWorkers';
import { assess, leftoversOfTheOutage, QUIET, QUIET_NO_BACKUP, reachSesamDown, restore, review } from './support/paths';
import { setupRoutineProcessTest } from './support/routineProcessTest';

const h = setupRoutineProcessTest();

describe('3b Sesam unreachable for all users (driftstorning-sesam)', () => {
  it('T5, R13, R15, R3, R17: choosing 3b starts four branches at once – the system owner is mailed right after the assessment, the vendor is contacted before any acknowledgement, the first notice goes to approval, the 4-hour watch runs', async () => {
    // given a disruption waiting for the desk's assessment; the owner's mail and the vendor job held by the test
    const s = h.scenario();
    s.pilot.control({ type: 'notify-role', elementId: 'ServiceTask_NotifySystemOwner' }).control('contact-vendor');
    const d = await s.startDisruption(QUIET);

    // when the desk assesses "Sesam nås inte av någon"
    await assess(s, d, 'sesam-down');

    // then the system owner's mail is the next step – no other desk step before it
    const ownerMail = await s.pilot.take({ type: 'notify-role', elementId: 'ServiceTask_NotifySystemOwner' });
    expect(ownerMail.customHeaders).toEqual({ role: 'system-owner', template: 'disruption-reported' });
    expect(ownerMail.variables).toMatchObject({ disruptionId: d.disruptionId, scope: 'sesam-down', acknowledgementTimeout: 'PT30M', backupRoutineAfter: 'PT4H' });
    expect(await s.openUserTasks(d.processInstanceKey, 'UserTask_AssessScope')).toEqual([]);
    // and, while that mail is still being sent, the vendor job, the first notice's approval and the 4-hour watch already exist
    const vendor = await s.pilot.take('contact-vendor');
    const approval = await s.userTask(d.processInstanceKey, { elementId: 'UserTask_ApproveNotice', calledBy: 'CallActivity_PublishFirstNotice' });
    expect(approval.candidateGroups).toEqual(['system-owner']);
    await CamundaAssert.assertThat(d.instance).hasActiveElements('ServiceTask_NotifySystemOwner', 'ServiceTask_ContactVendor', 'CallActivity_PublishFirstNotice', 'Timer_BackupRoutineCheck');

    // when the mail has gone out and the system owner (on duty) acknowledges by phone
    await ownerMail.complete();
    await s.userTask(d.processInstanceKey, 'UserTask_AcknowledgeDisruption');
    await s.publish('system-owner-acknowledged', d.disruptionId, { acknowledgedBy: 'Systemansvarig Sesam' });
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('EndEvent_SystemOwnerReached');

    // then the vendor job had not waited for the acknowledgement: it is still the one taken before
    await vendor.complete();
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('EndEvent_VendorContacted');
    expect(vendor.seq).toBeLessThan(s.pilot.job('check-system-owner-on-duty').seq);
    expect(s.pilot.jobs('contact-vendor')).toHaveLength(1);
  });

  it('R13, P5, P4, R11: the system owner on duty acknowledges in the task "Kvittera driftstörningen" – no escalation', async () => {
    // given 3b with the system owner on duty
    const s = h.scenario();
    const d = await s.startDisruption(QUIET);
    await assess(s, d, 'sesam-down');
    const task = await s.userTask(d.processInstanceKey, 'UserTask_AcknowledgeDisruption');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('UserTask_AcknowledgeDisruption');

    // when the system owner acknowledges in the task list
    await s.completeUserTask(d.processInstanceKey, 'UserTask_AcknowledgeDisruption', { acknowledged: true, acknowledgementNote: 'Felsökning pågår.' });

    // then the owner is reached without escalation, and the on-duty check ran on the engine's clock (T1)
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('UserTask_AcknowledgeDisruption', 'EndEvent_SystemOwnerReached');
    expect(task.candidateGroups).toEqual(['system-owner']);
    expect(s.pilot.job('check-system-owner-on-duty').variables).toMatchObject({ engineNow: expect.any(String), acknowledgementTimeout: 'PT30M' });
    const visited = await s.visited(d.processInstanceKey);
    for (const id of ['ServiceTask_NotifyUnitManagerOffDuty', 'ServiceTask_NotifyUnitManagerNoAck', 'ServiceTask_CreateServiceDeskTicket', 'Event_SystemOwnerAcknowledged']) {
      expect(visited.has(`driftstorning-sesam/${id}`)).toBe(false);
    }
  });

  it('P4, R11: the system owner acknowledges by phone or API (message system-owner-acknowledged) – the task is withdrawn', async () => {
    // given 3b with the acknowledgement task open
    const s = h.scenario();
    const d = await s.startDisruption(QUIET);
    await assess(s, d, 'sesam-down');
    await s.userTask(d.processInstanceKey, 'UserTask_AcknowledgeDisruption');

    // when the acknowledgement arrives as a message
    await s.publish('system-owner-acknowledged', d.disruptionId, { acknowledgedBy: 'Systemansvarig Sesam' });

    // then the task is withdrawn and the owner counts as reached
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('Event_SystemOwnerAcknowledged', 'EndEvent_SystemOwnerReached');
    expect(await s.trail(d.processInstanceKey)).toContain('driftstorning-sesam/UserTask_AcknowledgeDisruption:TERMINATED');
    expect(s.pilot.jobs({ type: 'notify-role', elementId: 'ServiceTask_NotifyUnitManagerNoAck' })).toEqual([]);
  });

  it('R14, P5: the system owner off duty → the unit manager is contacted and a service-desk incident created; no acknowledgement task', async () => {
    // given the on-duty check says the owner is off duty (a public holiday)
    const s = h.scenario();
    s.pilot.complete('check-system-owner-on-duty', OFF_DUTY);
    const d = await s.startDisruption(QUIET);

    // when the desk assesses 3b
    await assess(s, d, 'sesam-down');

    // then the unit manager gets the off-duty mail with the reason, and an incident is created
    const [unitManager] = await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifyUnitManagerOffDuty' });
    const [ticket] = await s.pilot.completed('create-service-desk-ticket');
    expect(unitManager!.customHeaders).toEqual({ role: 'unit-manager', template: 'system-owner-off-duty' });
    expect(unitManager!.variables).toMatchObject({ systemOwnerOnDuty: false, systemOwnerOnDutyReason: 'Helgdag: Juldagen' });
    expect(ticket!.elementId).toBe('ServiceTask_CreateServiceDeskTicket');
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('EndEvent_SystemOwnerReached');
    expect((await s.visited(d.processInstanceKey)).has('driftstorning-sesam/UserTask_AcknowledgeDisruption')).toBe(false);
    // and the vendor and the first notice did not wait for any of it (R15, R3)
    await s.pilot.completed('contact-vendor');
    await s.userTask(d.processInstanceKey, { elementId: 'UserTask_ApproveNotice', calledBy: 'CallActivity_PublishFirstNotice' });
  });

  it('P4, R14: no acknowledgement within acknowledgementTimeout (30 min) escalates like off duty: unit manager + incident', async () => {
    // given the owner on duty and the acknowledgement task (with its 30-minute timer) open
    const s = h.scenario();
    const d = await s.startDisruption(QUIET);
    await assess(s, d, 'sesam-down');
    await s.userTask(d.processInstanceKey, 'UserTask_AcknowledgeDisruption');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('UserTask_AcknowledgeDisruption');

    // when 29 minutes pass, the task is still waiting
    await h.context().increaseTime({ minutes: 29 });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('UserTask_AcknowledgeDisruption');
    expect(await s.count(d.processInstanceKey, 'driftstorning-sesam/Timer_AcknowledgementOverdue')).toBe(0);
    // and when the 30th minute passes without acknowledgement
    await h.context().increaseTime({ minutes: 1 });

    // then the unit manager is told the report is unacknowledged and an incident is created
    const [overdue] = await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifyUnitManagerNoAck' });
    expect(overdue!.customHeaders).toEqual({ role: 'unit-manager', template: 'acknowledgement-overdue' });
    await s.pilot.completed('create-service-desk-ticket');
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('Timer_AcknowledgementOverdue', 'ServiceTask_CreateServiceDeskTicket', 'EndEvent_SystemOwnerReached');
    expect(await s.trail(d.processInstanceKey)).toContain('driftstorning-sesam/UserTask_AcknowledgeDisruption:TERMINATED');
  });

  it('P3, R11: after the first notice the system owner is reminded every noticeUpdateInterval and approves an update; the next reminder counts from the publication', async () => {
    // given 3b with the first notice published, the default update interval (1 h), other timers out of the way
    const s = h.scenario();
    const d = await reachSesamDown(s, { slaResponseTime: 'PT24H', slaRestoreTime: 'PT24H', backupRoutineAfter: 'PT24H' });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_NoticeUpdateDue');

    // when an hour passes
    await h.context().increaseTime({ hours: 1 });

    // then the system owner is reminded and the update waits for approval (the reminder timer is not running meanwhile)
    const [reminder] = await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_RemindNoticeUpdate' });
    expect(reminder!.customHeaders).toEqual({ role: 'system-owner', template: 'notice-update-due' });
    const update = await s.userTask(d.processInstanceKey, { elementId: 'UserTask_ApproveNotice', calledBy: 'CallActivity_PublishNoticeUpdate' });
    expect(update.candidateGroups).toEqual(['system-owner']);
    expect(await s.count(d.processInstanceKey, 'driftstorning-sesam/Timer_NoticeUpdateDue', 'ACTIVE')).toBe(0);

    // when the owner approves the update 30 minutes later
    await h.context().increaseTime({ minutes: 30 });
    const { job: published } = await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishNoticeUpdate');
    expect(published.variables).toMatchObject({ notice: { kind: 'disruption', state: 'investigating', title: 'Driftstörning i Sesam – uppdatering' } });
    expect((published.variables.notice as { body: string }).body).toContain('Det finns ännu ingen prognos.');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_NoticeUpdateDue');

    // and 59 minutes pass: no second reminder yet (the interval counts from the publication, not from the reminder)
    await h.context().increaseTime({ minutes: 59 });
    expect(await s.count(d.processInstanceKey, 'driftstorning-sesam/Timer_NoticeUpdateDue')).toBe(1);
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_NoticeUpdateDue');
    // and then the 60th minute
    await h.context().increaseTime({ minutes: 1 });

    // then the second reminder comes
    await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_RemindNoticeUpdate' }, 2);
    await s.userTask(d.processInstanceKey, { elementId: 'UserTask_ApproveNotice', calledBy: 'CallActivity_PublishNoticeUpdate' });
    expect(await s.count(d.processInstanceKey, 'driftstorning-sesam/Timer_NoticeUpdateDue')).toBe(2);
  });

  it('P6, R10, R7: SLA silver B – no prognosis 1 hour after the first report and no restoration after 8 hours notify VO Hjälpmedel', async () => {
    // given 3b with the default SLA targets (response 1 h, restore 8 h), counted from the first report 10 minutes ago
    const s = h.scenario();
    const d = await reachSesamDown(s, { reportAge: 'PT10M', noticeUpdateInterval: 'PT24H', backupRoutineAfter: 'PT24H' });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('SubProcess_SesamDown');

    // when 50 minutes pass (one hour after the first report) without a prognosis
    await h.context().increaseTime({ minutes: 50 });
    const [response] = await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifySlaResponseBreached' });
    // and when 8 hours after the first report have passed without restoration
    await CamundaAssert.assertThat(d.instance).hasActiveElements('SubProcess_SesamDown');
    await h.context().increaseTime({ hours: 7 });
    const [restoreBreach] = await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifySlaRestoreBreached' });

    // then VO Hjälpmedel was told twice, once per target, and Sesam is still awaited
    expect(response!.customHeaders).toEqual({ role: 'assistive-devices-operation', template: 'sla-breached' });
    expect(response!.variables.slaTarget).toBe('response');
    expect(restoreBreach!.customHeaders).toEqual({ role: 'assistive-devices-operation', template: 'sla-breached' });
    expect(restoreBreach!.variables.slaTarget).toBe('restore');
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('EndEvent_SlaResponseBreached', 'EndEvent_SlaRestoreBreached');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('SubProcess_SesamDown', 'Event_SystemRestored');
  });

  it('P6, T2: a prognosis within the SLA response time counts as IT’s response – no breach at 1 hour', async () => {
    // given 3b with the default SLA response target
    const s = h.scenario();
    const d = await reachSesamDown(s, { noticeUpdateInterval: 'PT24H', slaRestoreTime: 'PT24H', backupRoutineAfter: 'PT24H' });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('SubProcess_SesamDown');

    // when IT gives a prognosis after 20 minutes, and the hour passes
    await h.context().increaseTime({ minutes: 20 });
    const expectedAt = new Date((await s.engineNow()).getTime() + 3 * 3600_000);
    await s.publish('prognosis-received', d.disruptionId, { prognosis: { expectedAt: expectedAt.toISOString(), expectedAtText: 'kl. 15.00', source: 'it' } });
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('Event_PrognosisReceived');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('SubProcess_SesamDown');
    await h.context().increaseTime({ minutes: 40 });

    // then the response target counts as met
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('EndEvent_SlaResponseMet');
    expect(s.pilot.jobs({ type: 'notify-role', elementId: 'ServiceTask_NotifySlaResponseBreached' })).toEqual([]);
  });

  it('P1, R16, R6, T5: a new report (report-received with newReports) counts in reportCount and its caller gets a receipt at once', async () => {
    // given 3b with a published notice
    const s = h.scenario();
    const d = await reachSesamDown(s, QUIET_NO_BACKUP);
    const now = (await s.engineNow()).toISOString();
    const summary = (n: number) => ({ reportId: `${d.disruptionId}-R${n}`, receivedAt: now, channel: 'e-mail', deskOnly: false, hasEmail: true });

    // when a second caller reports the same disruption
    await s.publish('report-received', d.disruptionId, { newReports: [summary(2)] });

    // then the report is counted and the caller gets the receipt with the notice link
    const [receipt] = await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_InformReportingPrescriber' });
    expect(receipt!.customHeaders).toEqual({ role: 'prescribers', template: 'report-received' });
    expect(receipt!.variables).toMatchObject({ reportCount: 2, publishedNotice: { noticeId: `N-${d.disruptionId}` } });
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('StartEvent_ReportReceived', 'EndEvent_ReportAttached');

    // when two more reports arrive in one message (the intake delivers what it has)
    await s.publish('report-received', d.disruptionId, { newReports: [summary(3), summary(4)] });

    // then both count, the disruption still waits for Sesam, and no personal data is in the process
    await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_InformReportingPrescriber' }, 2);
    // (the root scope's reportCount: hasVariables reads every scope, and the call activities keep their copies of the count)
    expect((await s.variables(d.processInstanceKey)).reportCount).toBe(4);
    expect(s.pilot.jobs({ type: 'notify-role', elementId: 'ServiceTask_InformReportingPrescriber' }).map((j) => j.variables.reportCount)).toEqual([2, 4]);
    await CamundaAssert.assertThat(d.instance).hasActiveElements('SubProcess_SesamDown', 'Event_SystemRestored');
    expect(JSON.stringify(await s.variables(d.processInstanceKey))).not.toMatch(/@example|reporterName|reporterEmail/);
  });

  it('R13, P5, P4, R11, R15, R3, P2, T3, P8: the whole 3b path – on duty, acknowledged, vendor, notice; after restoration a resolved notice, callers told, review closes it', async () => {
    // given 3b with the owner acknowledging in the task and the first notice published
    const s = h.scenario();
    const d = await reachSesamDown(s, QUIET_NO_BACKUP, { ack: 'task' });
    const [firstNotice] = s.pilot.jobs('publish-notice');
    expect(firstNotice!.variables).toMatchObject({
      notice: { kind: 'disruption', state: 'investigating', title: 'Driftstörning i Sesam och Visma webSesam' },
      noticeApproval: { approved: true, approvedBy: 'systemansvarig' },
    });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Event_SystemRestored');

    // when IT reports Sesam restored
    await restore(s, d);

    // then nothing of the outage is left open, the resolved notice follows, and the callers are told
    expect(await leftoversOfTheOutage(s, d)).toEqual([]);
    expect(s.pilot.job('register-restoration').answer).toMatchObject({ publishedNoticeKinds: ['disruption'] });
    const { job: resolved } = await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishResolvedNotice');
    expect(resolved.variables).toMatchObject({ notice: { kind: 'disruption', state: 'resolved', title: 'Sesam fungerar igen' } });
    expect((resolved.variables.notice as { body: string }).body).not.toContain('Reservrutinen');
    const [callers] = await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifyPrescribersRestored' });
    expect(callers!.customHeaders).toEqual({ role: 'prescribers', template: 'system-restored' });
    const [reviewDue] = await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifyReviewDue' });
    expect(reviewDue!.customHeaders).toEqual({ role: 'assistive-devices-operation', template: 'review-due' });
    expect((await s.userTask(d.processInstanceKey, 'UserTask_ReviewDisruption')).candidateGroups).toEqual(['assistive-devices-operation']);
    await review(s, d, 'Sesam låg nere, åtgärdat av IT.');
    const visited = await s.visited(d.processInstanceKey);
    expect(visited.has('driftstorning-sesam/CallActivity_BackupRoutine')).toBe(false);
    expect(visited.has('driftstorning-sesam/SubProcess_EndBackupRoutine')).toBe(false);
  });

  it('P9: a drill carries drill = true to every job of the routine, so workers send nothing outside', async () => {
    // given a disruption started as a drill
    const s = h.scenario();
    const d = await reachSesamDown(s, { ...QUIET_NO_BACKUP, drill: true });

    // when IT reports it restored and it is reviewed
    await restore(s, d);
    await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishResolvedNotice');
    await review(s, d);

    // then every job of the path saw drill = true
    const jobs = s.pilot.jobs();
    expect(jobs.map((j) => j.type)).toEqual(expect.arrayContaining(['register-disruption', 'notify-role', 'check-system-owner-on-duty', 'contact-vendor', 'publish-notice', 'register-restoration']));
    for (const job of jobs) expect({ element: job.elementId, drill: job.variables.drill }).toEqual({ element: job.elementId, drill: true });
  });
});
