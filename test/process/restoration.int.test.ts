import { CamundaAssert } from '@camunda8/process-test';
import { HOUR, leftoversOfTheOutage, prognosis, QUIET, reachSesamDown, restore, review } from './support/paths';
import { setupRoutineProcessTest } from './support/routineProcessTest';

const h = setupRoutineProcessTest();

describe('T3 restoration ends everything open (driftstorning-sesam)', () => {
  it('T3, P2, P8: Sesam restored before the assessment – the assessment is withdrawn, nothing was public so nothing is approved, the caller is told, review closes it', async () => {
    // given a disruption waiting for the desk's assessment
    const s = h.scenario();
    const d = await s.startDisruption(QUIET);
    await s.userTask(d.processInstanceKey, 'UserTask_AssessScope');

    // when IT reports Sesam restored
    await restore(s, d);

    // then the assessment is withdrawn, nothing of the outage is open, and no resolved notice needs approval
    expect(await s.trail(d.processInstanceKey)).toContain('driftstorning-sesam/UserTask_AssessScope:TERMINATED');
    expect(await leftoversOfTheOutage(s, d)).toEqual([]);
    expect(s.pilot.job('register-restoration').answer).toMatchObject({ publishedNoticeKinds: [] });
    // and the caller who left an e-mail is told Sesam works again
    const [callers] = await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifyPrescribersRestored' });
    expect(callers!.customHeaders).toEqual({ role: 'prescribers', template: 'system-restored' });
    await review(s, d, 'Kort avbrott, åtgärdat innan bedömningen.');
    const visited = await s.visited(d.processInstanceKey);
    for (const id of ['CallActivity_PublishResolvedNotice', 'SubProcess_EndBackupRoutine', 'Gateway_WhichScope']) expect(visited.has(`driftstorning-sesam/${id}`)).toBe(false);
    expect(await s.variables(d.processInstanceKey)).toMatchObject({ restoredAt: expect.any(String), restoredAtText: expect.any(String) });
  });

  it('T3, P2, R3: Sesam restored while the first notice waits for approval – the approval is withdrawn, register-restoration runs, no resolved notice (nothing was public)', async () => {
    // given 3b with the first notice waiting for the system owner's approval
    const s = h.scenario();
    const d = await reachSesamDown(s, QUIET, { firstNotice: false });
    const pending = await s.userTask(d.processInstanceKey, { elementId: 'UserTask_ApproveNotice', calledBy: 'CallActivity_PublishFirstNotice' });

    // when IT reports Sesam restored
    await restore(s, d);

    // then the draft is withdrawn and can no longer be approved, and no resolved notice is needed
    expect(await leftoversOfTheOutage(s, d)).toEqual([]);
    expect(await s.trail(d.processInstanceKey)).toEqual(expect.arrayContaining(['publicera-driftinformation/UserTask_ApproveNotice:TERMINATED', 'driftstorning-sesam/CallActivity_PublishFirstNotice:TERMINATED']));
    expect(await s.openUserTasks(d.processInstanceKey, 'UserTask_ApproveNotice')).toEqual([]);
    await expect(s.rest.completeUserTask({ userTaskKey: pending.userTaskKey, variables: { approved: true, approvedBy: 'systemansvarig' } })).rejects.toThrow();
    expect(s.pilot.job('register-restoration').answer).toMatchObject({ publishedNoticeKinds: [] });
    await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifyPrescribersRestored' });
    await review(s, d);
    expect(s.pilot.jobs('publish-notice')).toEqual([]);
    expect((await s.visited(d.processInstanceKey)).has('driftstorning-sesam/CallActivity_PublishResolvedNotice')).toBe(false);
  });

  it('T3, P2, P3: Sesam restored while a notice update waits for approval – the update is withdrawn, and the resolved notice follows the published one', async () => {
    // given 3b with the first notice published and, an hour later, the reminder's update waiting for approval
    const s = h.scenario();
    const d = await reachSesamDown(s, { slaResponseTime: 'PT24H', slaRestoreTime: 'PT24H', backupRoutineAfter: 'PT24H' });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_NoticeUpdateDue');
    await h.context().increaseTime({ hours: 1 });
    await s.userTask(d.processInstanceKey, { elementId: 'UserTask_ApproveNotice', calledBy: 'CallActivity_PublishNoticeUpdate' });

    // when IT reports Sesam restored
    await restore(s, d);

    // then the update is withdrawn (it cannot turn the notice back from resolved), and the resolved notice is approved and published
    expect(await leftoversOfTheOutage(s, d)).toEqual([]);
    expect(await s.trail(d.processInstanceKey)).toContain('driftstorning-sesam/CallActivity_PublishNoticeUpdate:TERMINATED');
    expect(s.pilot.job('register-restoration').answer).toMatchObject({ publishedNoticeKinds: ['disruption'] });
    const { job: resolved } = await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishResolvedNotice');
    expect(resolved.variables).toMatchObject({ notice: { kind: 'disruption', state: 'resolved' } });
    await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifyPrescribersRestored' });
    await review(s, d);
    // and the one update that ever went out after the first notice is the resolved one
    expect(s.pilot.jobs('publish-notice').map((j) => (j.variables.notice as { state: string }).state)).toEqual(['investigating', 'resolved']);
  });

  it('T3, P2, R19, R21: restoration after the backup routine started – Aktiv Ortopedteknik is told it ended and enters the paper referrals until all are in; the resolved notice ends the backup notice; no task or timer of the outage remains; review closes it', async () => {
    // given 3b whose backup routine started at 4 hours and whose backup notice was published, while the P3 update waits
    const s = h.scenario();
    const d = await reachSesamDown(s, { slaResponseTime: 'PT24H', slaRestoreTime: 'PT24H' });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck', 'Timer_NoticeUpdateDue');
    await h.context().increaseTime({ hours: 4 });
    await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifyOrthopaedicWorkshop' });
    await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishBackupNotice');
    await s.userTask(d.processInstanceKey, { elementId: 'UserTask_ApproveNotice', calledBy: 'CallActivity_PublishNoticeUpdate' });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Event_PrognosisReceivedLater', 'SubProcess_SesamDown');

    // when IT reports Sesam restored
    await restore(s, d);

    // then nothing of the outage is open: no approval, reminder, watch or SLA timer
    expect(await leftoversOfTheOutage(s, d)).toEqual([]);
    expect(s.pilot.job('register-restoration').answer).toMatchObject({ publishedNoticeKinds: ['disruption', 'backup-routine'] });
    // and Aktiv Ortopedteknik is told the backup routine has ended
    const [ended] = await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifyBackupRoutineEnded' });
    expect(ended!.customHeaders).toEqual({ role: 'orthopaedic-workshop', template: 'backup-routine-ended' });
    // and the resolved notice says the backup routine has ended
    const { job: resolved } = await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishResolvedNotice');
    expect(resolved.variables).toMatchObject({ notice: { kind: 'disruption', state: 'resolved' } });
    expect((resolved.variables.notice as { body: string }).body).toContain('Reservrutinen för akuta OT-remisser har upphört');
    // and the callers are told
    await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifyPrescribersRestored' });
    // and with only the reconciliation open, a day passing fires none of the outage's timers (reminder, SLA, prognosis)
    await s.userTask(d.processInstanceKey, 'UserTask_ReconcilePaperReferrals');
    const trailBefore = await s.trail(d.processInstanceKey);
    await h.context().increaseTime({ hours: 24 });
    expect(await s.trail(d.processInstanceKey)).toEqual(trailBefore);

    // when Aktiv Ortopedteknik enters the paper referrals in two rounds
    const first = await s.completeUserTask(d.processInstanceKey, 'UserTask_ReconcilePaperReferrals', { paperReferralsReceived: 5, paperReferralsEntered: 3 });
    const second = await s.completeUserTask(d.processInstanceKey, 'UserTask_ReconcilePaperReferrals', { paperReferralsReceived: 5, paperReferralsEntered: 5, reconciliationNote: 'Alla inmatade.' });

    // then the reconciliation ends when every referral is entered, and the review closes the disruption
    expect(first.candidateGroups).toEqual(['orthopaedic-workshop']);
    expect(second.userTaskKey).not.toBe(first.userTaskKey);
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('EndEvent_ReferralsReconciled', 'SubProcess_EndBackupRoutine');
    expect(await s.count(d.processInstanceKey, 'driftstorning-sesam/UserTask_ReconcilePaperReferrals')).toBe(2);
    await review(s, d, 'Reservrutinen användes.');
  });

  it('T3, R21: when only the backup-routine notice was public, the resolved notice follows and ends it', async () => {
    // given 3b where the first notice was never approved but the backup notice was published at 4 hours
    const s = h.scenario();
    const d = await reachSesamDown(s, QUIET, { firstNotice: false });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    await h.context().increaseTime({ hours: 4 });
    await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishBackupNotice');

    // when IT reports Sesam restored
    await restore(s, d);

    // then the unapproved first notice is withdrawn, and the resolved notice is published
    expect(await leftoversOfTheOutage(s, d)).toEqual([]);
    expect(s.pilot.job('register-restoration').answer).toMatchObject({ publishedNoticeKinds: ['backup-routine'] });
    const { job: resolved } = await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishResolvedNotice');
    expect(resolved.variables).toMatchObject({ notice: { kind: 'disruption', state: 'resolved' } });
    expect((resolved.variables.notice as { body: string }).body).toContain('Reservrutinen för akuta OT-remisser har upphört');
  });

  it('T3, T2: the resolved notice after a prognosis carries no prognosis – a restored Sesam is not "expected back" at some time', async () => {
    // given 3b with IT's prognosis published as an update
    const s = h.scenario();
    const d = await reachSesamDown(s, QUIET);
    const t0 = Date.parse(String((await s.variables(d.processInstanceKey)).reportedAt));
    await s.publish('prognosis-received', d.disruptionId, { prognosis: prognosis(new Date(t0 + 3 * HOUR)) });
    await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishPrognosis');

    // when Sesam is restored and the system owner approves the resolved notice as drafted
    await restore(s, d);
    const { job: resolved } = await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishResolvedNotice');

    // then the resolved notice says Sesam works – without a prognosis of when it will work – and no prognosis is forwarded any more
    expect(resolved.variables).toMatchObject({ notice: { kind: 'disruption', state: 'resolved' } });
    expect((resolved.variables.notice as { prognosis?: unknown }).prognosis ?? null).toBeNull();
    expect(s.pilot.jobs({ type: 'forward-prognosis', processInstanceKey: resolved.processInstanceKey })).toEqual([]);
  });

  it('T3, T2: restoration while VO Hjälpmedel’s decision is open withdraws the decision and its timer – the prognosed time passing later starts nothing', async () => {
    // given the decision task at 4 hours with a prognosis of 5 hours
    const s = h.scenario();
    const d = await reachSesamDown(s, QUIET);
    const t0 = Date.parse(String((await s.variables(d.processInstanceKey)).reportedAt));
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    await h.context().increaseTime({ hours: 1 });
    await s.publish('prognosis-received', d.disruptionId, { prognosis: prognosis(new Date(t0 + 5 * HOUR)) });
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('Event_PrognosisReceived');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    await h.context().increaseTime({ hours: 3 });
    await s.userTask(d.processInstanceKey, 'UserTask_DecideBackupRoutine');

    // when IT reports Sesam restored, and later the prognosed time passes
    await restore(s, d);
    expect(await leftoversOfTheOutage(s, d)).toEqual([]);
    await h.context().increaseTime({ hours: 2 });

    // then no backup routine ever started, and only the closing work is open
    expect(s.pilot.jobs({ type: 'notify-role', elementId: 'ServiceTask_NotifyOrthopaedicWorkshop' })).toEqual([]);
    expect(await s.trail(d.processInstanceKey)).toContain('driftstorning-sesam/UserTask_DecideBackupRoutine:TERMINATED');
    const visited = await s.visited(d.processInstanceKey);
    for (const id of ['CallActivity_BackupRoutine', 'SubProcess_EndBackupRoutine', 'Timer_PrognosisPassed']) expect(visited.has(`driftstorning-sesam/${id}`)).toBe(false);
    expect((await s.variables(d.processInstanceKey)).backupRoutineStartedAt).toBeNull();
  });

  it('T3, P1, R16: a caller whose report reaches the disruption after restoration is told Sesam works again, not asked to wait', async () => {
    // given 3b restored (the callers so far told), waiting for its review
    const s = h.scenario();
    const d = await reachSesamDown(s, QUIET);
    await restore(s, d);
    await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishResolvedNotice');
    await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifyReviewDue' });
    await s.userTask(d.processInstanceKey, 'UserTask_ReviewDisruption');
    const notifications = { type: 'notify-role', processInstanceKey: d.processInstanceKey };
    const before = s.pilot.jobs(notifications).length;

    // when a report still reaches the disruption (the intake attached it while IT's restoration message was on its way)
    await s.publish('report-received', d.disruptionId, { newReports: [{ reportId: `${d.disruptionId}-R2`, receivedAt: (await s.engineNow()).toISOString(), channel: 'e-mail', deskOnly: false, hasEmail: true }] });
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('StartEvent_ReportReceived');

    // then it is counted, nothing of the outage comes back, and the caller hears that Sesam works – not "please wait"
    expect((await s.variables(d.processInstanceKey)).reportCount).toBe(2);
    expect(await leftoversOfTheOutage(s, d)).toEqual([]);
    const [late] = (await s.pilot.completed(notifications, before + 1)).slice(before);
    expect(late!.customHeaders).toEqual({ role: 'prescribers', template: 'system-restored' });
  });
});
