import { CamundaAssert } from '@camunda8/process-test';
import { setupRoutineProcessTest } from './support/routineProcessTest';
import { Scenario } from './support/scenario';
import { closeAfterRestoration, reachSesamDown } from './support/sesamDown';

const h = setupRoutineProcessTest();
/** SLA and reminder timers are tested elsewhere; here they are set out of the way (variables of the routine). */
const QUIET = { noticeUpdateInterval: 'PT24H', slaResponseTime: 'PT24H', slaRestoreTime: 'PT24H' };

describe('the 4-hour rule and the OT backup routine (driftstorning-sesam → reservrutin-ot)', () => {
  it('R17, R19, R20, R21, R9, P2: 4 hours after the first report without prognosis the backup routine starts; after restoration every paper referral is reconciled', async () => {
    // given Sesam down (the 4-hour timer counts from reportedAt, default PT4H)
    const s = new Scenario(h);
    const run = await reachSesamDown(s, QUIET);
    const instance = { processInstanceKey: run.processInstanceKey } as never;
    await CamundaAssert.assertThat(instance).hasActiveElements('SubProcess_SesamDown', 'Event_SystemRestored');

    // when 4 hours pass without a prognosis
    await h.context().increaseTime({ hours: 4 });
    const workshopTold = await s.completeJob('notify-role');
    const { task: backupApproval, job: backupNotice } = await s.approveAndPublishNotice(run.processInstanceKey);

    // then Aktiv Ortopedteknik was told (R20), the backup notice with links was published (R21), the wait goes on
    expect(workshopTold.processDefinitionId).toBe('reservrutin-ot');
    expect(workshopTold.customHeaders).toEqual({ role: 'orthopaedic-workshop', template: 'backup-routine-activated' });
    expect(backupApproval.candidateGroups).toEqual(['system-owner']);
    expect(backupNotice.variables).toMatchObject({ notice: { kind: 'backup-routine', state: 'identified', title: 'Reservrutin för akuta OT-remisser gäller' } });
    expect((backupNotice.variables.notice as { body: string }).body).toContain('https://vardgivare.skane.se/vardriktlinjer/hjalpmedel/bestallningssystemet-sesam/visma-websesam/');
    expect((backupNotice.variables.notice as { body: string }).body).toContain('pappersremiss per fax eller post till Aktiv Ortopedteknik');
    await CamundaAssert.assertThat(instance).hasCompletedElements('Timer_BackupRoutineDue', 'Gateway_HasPrognosis');
    await CamundaAssert.assertThat(instance).hasActiveElements('SubProcess_SesamDown', 'CallActivity_BackupRoutine');
    await s.waitFor(run.processInstanceKey, 'reservrutin-ot/Event_SystemRestored', 'ACTIVE');

    // when IT reports Sesam restored (one message reaches the disruption and its backup routine)
    await s.publish('system-restored', run.disruptionId, { restoredAt: (await s.engineNow()).toISOString() });
    const { job: resolvedNotice } = await s.approveAndPublishNotice(run.processInstanceKey);
    const told = await s.completeJobs('notify-role', 3);
    // and Aktiv Ortopedteknik enters the paper referrals in two rounds
    const firstRound = await s.completeUserTask(run.processInstanceKey, 'UserTask_ReconcilePaperReferrals', { paperReferralsReceived: 5, paperReferralsEntered: 3 });
    const secondRound = await s.completeUserTask(run.processInstanceKey, 'UserTask_ReconcilePaperReferrals', { paperReferralsReceived: 5, paperReferralsEntered: 5 });
    await s.completeUserTask(run.processInstanceKey, 'UserTask_ReviewDisruption', { reviewSummary: 'Reservrutinen användes i fyra timmar.' });

    // then the resolved notice, the end of the backup routine, prescribers and the review all happened, and all is done
    expect(resolvedNotice.variables).toMatchObject({ notice: { kind: 'disruption', state: 'resolved' } });
    expect(told.map((j) => `${j.customHeaders.role}/${j.customHeaders.template}`).sort()).toEqual([
      'assistive-devices-operation/review-due',
      'orthopaedic-workshop/backup-routine-ended',
      'prescribers/system-restored',
    ]);
    expect(firstRound.candidateGroups).toEqual(['orthopaedic-workshop']);
    expect(secondRound.userTaskKey).not.toBe(firstRound.userTaskKey);
    await CamundaAssert.assertThat(instance).isCompleted();
    const trail = await s.trail(run.processInstanceKey);
    expect(trail.filter((t) => t === 'reservrutin-ot/UserTask_ReconcilePaperReferrals:COMPLETED')).toHaveLength(2);
    expect(trail).toContain('reservrutin-ot/EndEvent_ReferralsReconciled:COMPLETED');
    expect(trail).toContain('driftstorning-sesam/EndEvent_BackupRoutineEnded:COMPLETED');
  });

  it('R17, P3: a prognosis before 4 hours is published as an update, and at 4 hours no backup routine starts', async () => {
    // given Sesam down
    const s = new Scenario(h);
    const run = await reachSesamDown(s, QUIET);
    const instance = { processInstanceKey: run.processInstanceKey } as never;

    // when IT gives a prognosis after 2 hours
    await CamundaAssert.assertThat(instance).hasActiveElements('SubProcess_SesamDown');
    await h.context().increaseTime({ hours: 2 });
    await s.publish('prognosis-received', run.disruptionId, { prognosis: 'Beräknas fungera kl. 14.30' });
    const { job: update } = await s.approveAndPublishNotice(run.processInstanceKey);
    // and 2 more hours pass
    await CamundaAssert.assertThat(instance).hasActiveElements('SubProcess_SesamDown');
    await h.context().increaseTime({ hours: 2 });

    // then the update carried the prognosis, the 4-hour rule found it and ended without a backup routine
    expect(update.variables).toMatchObject({ notice: { kind: 'disruption', state: 'identified', prognosis: 'Beräknas fungera kl. 14.30' } });
    expect((update.variables.notice as { body: string }).body).toContain('Beräknas fungera kl. 14.30');
    await CamundaAssert.assertThat(instance).hasCompletedElements('Event_PrognosisReceived', 'EndEvent_PrognosisPublished', 'Timer_BackupRoutineDue', 'EndEvent_NoBackupRoutine');
    await CamundaAssert.assertThat(instance).hasActiveElements('Event_SystemRestored');
    expect((await s.visited(run.processInstanceKey)).has('driftstorning-sesam/CallActivity_BackupRoutine')).toBe(false);

    // and when Sesam is restored the loop closes as usual (P2)
    await s.publish('system-restored', run.disruptionId, {});
    await closeAfterRestoration(s, run);
    await CamundaAssert.assertThat(instance).isCompleted();
  });

  it('R17: the 4 hours count from the first report, not from when the wait began', async () => {
    // given a disruption first reported 3 hours ago (engine time) that only now reaches "Sesam ur drift"
    const s = new Scenario(h);
    const threeHoursAgo = new Date((await s.engineNow()).getTime() - 3 * 3600_000).toISOString();
    const run = await reachSesamDown(s, { ...QUIET, reportedAt: threeHoursAgo });
    const instance = { processInstanceKey: run.processInstanceKey } as never;
    await CamundaAssert.assertThat(instance).hasActiveElements('SubProcess_SesamDown');

    // when one more hour passes
    await h.context().increaseTime({ hours: 1 });

    // then the backup routine starts (4 h after the first report)
    const workshopTold = await s.completeJob('notify-role');
    expect(workshopTold.customHeaders).toEqual({ role: 'orthopaedic-workshop', template: 'backup-routine-activated' });
    await CamundaAssert.assertThat(instance).hasCompletedElements('Timer_BackupRoutineDue');
  });

  it('P2, R17: when Sesam is back before the backup notice is approved, it is not published and the backup routine ends at once', async () => {
    // given the backup routine waiting for the system owner to approve its notice
    const s = new Scenario(h);
    const run = await reachSesamDown(s, QUIET);
    const instance = { processInstanceKey: run.processInstanceKey } as never;
    await CamundaAssert.assertThat(instance).hasActiveElements('SubProcess_SesamDown');
    await h.context().increaseTime({ hours: 4 });
    await s.completeJob('notify-role');
    const pendingApproval = await s.userTask(run.processInstanceKey, 'UserTask_ApproveNotice');

    // when IT reports Sesam restored before anyone approved
    await s.publish('system-restored', run.disruptionId, {});
    await s.waitFor(run.processInstanceKey, 'reservrutin-ot/Event_RestoredBeforeNotice', 'COMPLETED');
    const ended = await s.completeJob('notify-role');

    // then the pending approval was withdrawn, the workshop is told the routine ended and reconciliation starts
    const trail = await s.trail(run.processInstanceKey);
    expect(trail).toContain('reservrutin-ot/CallActivity_PublishBackupNotice:TERMINATED');
    expect(trail).toContain('publicera-driftinformation/UserTask_ApproveNotice:TERMINATED');
    expect(trail).not.toContain('reservrutin-ot/Event_SystemRestored:COMPLETED');
    const stillOpen = await s.userTask(run.processInstanceKey, 'UserTask_ApproveNotice');
    expect(stillOpen.userTaskKey).not.toBe(pendingApproval.userTaskKey); // the open one now is the parent's resolved notice
    expect(ended.customHeaders).toEqual({ role: 'orthopaedic-workshop', template: 'backup-routine-ended' });
    expect(ended.processDefinitionId).toBe('reservrutin-ot');
    await s.userTask(run.processInstanceKey, 'UserTask_ReconcilePaperReferrals');
  });

  it('R17: the 4-hour rule runs from the start of 3b, even if the system owner never approves the first notice', async () => {
    // given Sesam down, the owner off duty, escalated, vendor contacted – and the first notice left unapproved
    const s = new Scenario(h);
    const { processInstanceKey } = await s.startDisruption(QUIET);
    const instance = { processInstanceKey } as never;
    await s.completeUserTask(processInstanceKey, 'UserTask_AssessScope', { scope: 'sesam-down', summary: 'Sesam nere för alla.' });
    await s.completeJob('notify-role');
    await s.completeJob('check-system-owner-on-duty', { systemOwnerOnDuty: false, systemOwnerOnDutyReason: 'Utanför kontorstid', systemOwnerContact: 'Ersättare' });
    await s.completeJob('notify-role');
    await s.completeJob('create-service-desk-ticket', { serviceDeskTicketId: 'INC7' });
    await s.completeJob('contact-vendor', { vendorContactedAt: (await s.engineNow()).toISOString() });
    const unapproved = await s.userTask(processInstanceKey, 'UserTask_ApproveNotice');
    await CamundaAssert.assertThat(instance).hasActiveElements('SubProcess_SesamDown', 'CallActivity_PublishFirstNotice');

    // when 4 hours pass without prognosis
    await h.context().increaseTime({ hours: 4 });

    // then the backup routine starts regardless, and the first notice still waits for approval
    const workshopTold = await s.completeJob('notify-role');
    expect(workshopTold.customHeaders).toEqual({ role: 'orthopaedic-workshop', template: 'backup-routine-activated' });
    await CamundaAssert.assertThat(instance).hasCompletedElements('Timer_BackupRoutineDue');
    await CamundaAssert.assertThat(instance).hasActiveElements('CallActivity_PublishFirstNotice', 'CallActivity_BackupRoutine');
    expect((await s.trail(processInstanceKey)).filter((t) => t === 'publicera-driftinformation/UserTask_ApproveNotice:ACTIVE')).toHaveLength(2);
    expect(unapproved.userTaskKey).toBeTruthy();
  });

  it('P2, R3: Sesam back before the first notice is approved → the draft is withdrawn, no approval is needed, prescribers are told, review (P8)', async () => {
    // given Sesam down with the first notice waiting for approval
    const s = new Scenario(h);
    const { processInstanceKey, disruptionId } = await s.startDisruption(QUIET);
    const instance = { processInstanceKey } as never;
    await s.completeUserTask(processInstanceKey, 'UserTask_AssessScope', { scope: 'sesam-down', summary: 'Sesam nere för alla.' });
    await s.completeJob('notify-role');
    await s.completeJob('check-system-owner-on-duty', { systemOwnerOnDuty: false, systemOwnerOnDutyReason: 'Utanför kontorstid', systemOwnerContact: 'Ersättare' });
    await s.completeJob('notify-role');
    await s.completeJob('create-service-desk-ticket', { serviceDeskTicketId: 'INC8' });
    await s.completeJob('contact-vendor', { vendorContactedAt: (await s.engineNow()).toISOString() });
    await s.userTask(processInstanceKey, 'UserTask_ApproveNotice');

    // when IT reports Sesam restored
    await s.publish('system-restored', disruptionId, {});
    const told = await s.completeJobs('notify-role', 2);
    await s.completeUserTask(processInstanceKey, 'UserTask_ReviewDisruption', { reviewSummary: 'Kort avbrott.' });

    // then the unapproved draft was withdrawn, no "resolved" notice was needed, and the loop closed
    await CamundaAssert.assertThat(instance).isCompleted();
    const trail = await s.trail(processInstanceKey);
    expect(trail).toContain('publicera-driftinformation/UserTask_ApproveNotice:TERMINATED');
    expect(trail).toContain('driftstorning-sesam/EndEvent_SesamRestored:COMPLETED');
    expect(trail.some((t) => t.startsWith('driftstorning-sesam/CallActivity_PublishResolvedNotice'))).toBe(false);
    expect(told.map((j) => j.customHeaders.template)).toEqual(['system-restored', 'review-due']);
  });
});
