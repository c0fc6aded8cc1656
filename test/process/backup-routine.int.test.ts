import { CamundaAssert } from '@camunda8/process-test';
import { assess, HOUR, prognosis, QUIET, reachSesamDown } from './support/paths';
import { setupRoutineProcessTest } from './support/routineProcessTest';
import type { Disruption, Scenario } from './support/scenario';
import { basicAuth } from '../runtime/http/support/localRuntime';

const h = setupRoutineProcessTest();

/** When the disruption's first report was, on the engine clock (T1). */
async function reportedAt(s: Scenario, d: Disruption): Promise<number> {
  return Date.parse(String((await s.variables(d.processInstanceKey)).reportedAt));
}

/** IT gives a prognosis (the /it page or the IT API): Sesam expected back at `expectedAt`. */
async function itPrognosis(s: Scenario, d: Disruption, expectedAt: number, text?: string): Promise<void> {
  await s.publish('prognosis-received', d.disruptionId, { prognosis: prognosis(new Date(expectedAt), 'it', text) });
}

/** The backup routine has started: Aktiv Ortopedteknik is told (R20) in reservrutin-ot. */
async function backupRoutineStarted(s: Scenario) {
  const [told] = await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifyOrthopaedicWorkshop' });
  return told!;
}

/** Aktiv Ortopedteknik has not been told: the backup routine has not started (not even as a job waiting). */
function expectBackupRoutineNotStarted(s: Scenario): void {
  expect(s.pilot.jobs({ type: 'notify-role', elementId: 'ServiceTask_NotifyOrthopaedicWorkshop' })).toEqual([]);
}

describe('T2 the 4-hour rule and the OT backup routine (driftstorning-sesam → reservrutin-ot)', () => {
  it('T2, R17, R20, R21, R9, R22: no prognosis 4 hours after the first report → the backup routine starts: Aktiv Ortopedteknik is told and the backup notice is published (reason no-prognosis)', async () => {
    // given 3b without a prognosis, the 4-hour watch running
    const s = h.scenario();
    const d = await reachSesamDown(s, QUIET);
    await CamundaAssert.assertThat(d.instance).hasActiveElements('SubProcess_WatchBackupRoutine', 'Timer_BackupRoutineCheck');

    // when 4 hours pass
    await h.context().increaseTime({ hours: 4 });

    // then the backup routine starts at once, and Aktiv Ortopedteknik is told
    const told = await backupRoutineStarted(s);
    expect(told.processDefinitionId).toBe('reservrutin-ot');
    expect(told.customHeaders).toEqual({ role: 'orthopaedic-workshop', template: 'backup-routine-activated' });
    expect(told.variables).toMatchObject({ backupRoutineReason: 'no-prognosis' });
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('Timer_BackupRoutineCheck', 'EndEvent_BackupRoutineNeeded', 'Event_BackupRoutineDue');
    // and the system owner approves the backup notice, which is published with its links (R21, R22)
    const { task, job: notice } = await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishBackupNotice');
    expect(task.candidateGroups).toEqual(['system-owner']);
    expect(notice.variables).toMatchObject({ notice: { kind: 'backup-routine', state: 'in-effect', title: 'Reservrutin för akuta OT-remisser gäller' } });
    const body = (notice.variables.notice as { body: string }).body;
    expect(body).toContain('det finns ingen prognos');
    expect(body).toContain('pappersremiss per fax eller post till Aktiv Ortopedteknik');
    expect(body).toContain('https://vardgivare.skane.se/vardriktlinjer/hjalpmedel/bestallningssystemet-sesam/visma-websesam/');
    const vars = await s.variables(d.processInstanceKey);
    expect(vars).toMatchObject({ backupRoutineReason: 'no-prognosis', backupRoutineDecision: null });
    const startedAt = Date.parse(String(vars.backupRoutineStartedAt));
    expect(startedAt).toBeGreaterThanOrEqual((await reportedAt(s, d)) + 4 * HOUR);
    expect(startedAt).toBeLessThanOrEqual((await s.engineNow()).getTime());
    // and from now on the watch only takes new prognoses; the backup routine runs until Sesam is back
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('CallActivity_BackupRoutine');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Event_PrognosisReceivedLater');
    expect(await s.openUserTasks(d.processInstanceKey, 'UserTask_DecideBackupRoutine')).toEqual([]);
  });

  it('T1, T2, R17: the 4 hours count from the first report on the engine clock (reportAge), not from the assessment', async () => {
    // given a disruption whose first call came in 3 hours ago, assessed only now
    const s = h.scenario();
    const d = await reachSesamDown(s, { ...QUIET, reportAge: 'PT3H' });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');

    // when 59 minutes pass, the watch still waits
    await h.context().increaseTime({ minutes: 59 });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    expect(await s.count(d.processInstanceKey, 'driftstorning-sesam/Timer_BackupRoutineCheck')).toBe(0);
    // and when the hour is full
    await h.context().increaseTime({ minutes: 1 });

    // then the backup routine starts: 4 hours after the first report
    await backupRoutineStarted(s);
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('Timer_BackupRoutineCheck', 'EndEvent_BackupRoutineNeeded');
  });

  it('T2, R17, R19: a prognosed time that passed before the 4 hours → at 4 hours the backup routine starts at once (reason prognosis-passed)', async () => {
    // given 3b, and after one hour a prognosis of restoration at 2 hours, published as an update
    const s = h.scenario();
    const d = await reachSesamDown(s, QUIET);
    const t0 = await reportedAt(s, d);
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    await h.context().increaseTime({ hours: 1 });
    await itPrognosis(s, d, t0 + 2 * HOUR);
    await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishPrognosis');
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('EndEvent_PrognosisPublished');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');

    // when the prognosed time passes (at 2.5 hours) – the outage is not yet 4 hours old, the watch waits
    await h.context().increaseTime({ minutes: 90 });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    expectBackupRoutineNotStarted(s);
    // and when the 4 hours are reached
    await h.context().increaseTime({ minutes: 90 });

    // then the backup routine starts at once, without asking VO Hjälpmedel
    const told = await backupRoutineStarted(s);
    expect(told.variables).toMatchObject({ backupRoutineReason: 'prognosis-passed' });
    expect((await s.visited(d.processInstanceKey)).has('driftstorning-sesam/UserTask_DecideBackupRoutine')).toBe(false);
    const { job: notice } = await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishBackupNotice');
    expect((notice.variables.notice as { body: string }).body).toContain('den beräknade tiden för när Sesam skulle fungera igen har passerat');
  });

  it('T2, R17, R19: a valid prognosis at 4 hours → VO Hjälpmedel decides in "Besluta om reservrutinen"; "start-now" starts the backup routine (reason chosen)', async () => {
    // given 3b with a prognosis (restoration at 6 hours) given after one hour
    const s = h.scenario();
    const d = await reachSesamDown(s, QUIET);
    const t0 = await reportedAt(s, d);
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    await h.context().increaseTime({ hours: 1 });
    await itPrognosis(s, d, t0 + 6 * HOUR, 'Leverantören byter en trasig server.');
    await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishPrognosis');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');

    // when the 4 hours are reached
    await h.context().increaseTime({ hours: 3 });

    // then VO Hjälpmedel is mailed and gets the decision task with the decide-backup-routine form; nothing started yet
    const [asked] = await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_RequestBackupDecision' });
    expect(asked.customHeaders).toEqual({ role: 'assistive-devices-operation', template: 'backup-routine-decision-requested' });
    expect(asked.variables).toMatchObject({ prognosis: { expectedAt: new Date(t0 + 6 * HOUR).toISOString(), text: 'Leverantören byter en trasig server.' } });
    const decision = await s.userTask(d.processInstanceKey, 'UserTask_DecideBackupRoutine');
    expect(decision.candidateGroups).toEqual(['assistive-devices-operation']);
    expect(await formIdOf(s, decision.userTaskKey)).toBe('decide-backup-routine');
    expectBackupRoutineNotStarted(s);

    // when VO Hjälpmedel chooses to start it now
    await s.completeUserTask(d.processInstanceKey, 'UserTask_DecideBackupRoutine', { backupRoutineDecision: 'start-now', backupRoutineDecisionComment: 'Vi vill inte vänta.' });

    // then the backup routine starts, chosen
    const told = await backupRoutineStarted(s);
    expect(told.variables).toMatchObject({ backupRoutineReason: 'chosen' });
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('EndEvent_BackupRoutineChosen', 'Event_BackupRoutineDue');
    const { job: notice } = await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishBackupNotice');
    expect((notice.variables.notice as { body: string }).body).toContain('VO Hjälpmedel har beslutat att reservrutinen gäller redan nu');
  });

  it('T2, R19: VO Hjälpmedel chooses "await-prognosis" → the watch waits, and the backup routine starts on its own when the prognosed time passes (reason prognosis-passed)', async () => {
    // given the decision task at 4 hours with a prognosis of 6 hours
    const s = h.scenario();
    const d = await reachSesamDown(s, QUIET);
    const t0 = await reportedAt(s, d);
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    await h.context().increaseTime({ hours: 1 });
    await itPrognosis(s, d, t0 + 6 * HOUR);
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('Event_PrognosisReceived');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    await h.context().increaseTime({ hours: 3 });
    await s.userTask(d.processInstanceKey, 'UserTask_DecideBackupRoutine');

    // when VO Hjälpmedel chooses to wait for the prognosed time
    await s.completeUserTask(d.processInstanceKey, 'UserTask_DecideBackupRoutine', { backupRoutineDecision: 'await-prognosis' });

    // then the watch waits for the prognosed time (not asking again)
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('Gateway_StartBackupNow');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    await h.context().increaseTime({ minutes: 119 });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    expectBackupRoutineNotStarted(s);
    expect(s.pilot.jobs({ type: 'notify-role', elementId: 'ServiceTask_RequestBackupDecision' })).toHaveLength(1);

    // when the prognosed time passes without restoration
    await h.context().increaseTime({ minutes: 1 });

    // then the backup routine starts on its own
    const told = await backupRoutineStarted(s);
    expect(told.variables).toMatchObject({ backupRoutineReason: 'prognosis-passed' });
    expect(Date.parse(String((await s.variables(d.processInstanceKey)).backupRoutineStartedAt))).toBeGreaterThanOrEqual(t0 + 6 * HOUR);
  });

  it('T2, R19: the prognosed time passes while the decision task is open → the task is withdrawn and the backup routine starts (Timer_PrognosisPassed)', async () => {
    // given the decision task at 4 hours with a prognosis of 5 hours, left open
    const s = h.scenario();
    const d = await reachSesamDown(s, QUIET);
    const t0 = await reportedAt(s, d);
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    await h.context().increaseTime({ hours: 1 });
    await itPrognosis(s, d, t0 + 5 * HOUR);
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('Event_PrognosisReceived');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    await h.context().increaseTime({ hours: 3 });
    await s.userTask(d.processInstanceKey, 'UserTask_DecideBackupRoutine');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('UserTask_DecideBackupRoutine');

    // when the prognosed time passes and nobody has decided
    await h.context().increaseTime({ hours: 1 });

    // then the decision is withdrawn and the backup routine starts
    const told = await backupRoutineStarted(s);
    expect(told.variables).toMatchObject({ backupRoutineReason: 'prognosis-passed' });
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('Timer_PrognosisPassed', 'EndEvent_PrognosisPassed');
    expect(await s.trail(d.processInstanceKey)).toContain('driftstorning-sesam/UserTask_DecideBackupRoutine:TERMINATED');
    expect(await s.openUserTasks(d.processInstanceKey, 'UserTask_DecideBackupRoutine')).toEqual([]);
  });

  it('T2, P3: a new prognosis while waiting re-arms the watch with the new time and clears the earlier decision; VO Hjälpmedel is asked again', async () => {
    // given VO Hjälpmedel chose at 4 hours to await the prognosis of 6 hours
    const s = h.scenario();
    const d = await reachSesamDown(s, QUIET);
    const t0 = await reportedAt(s, d);
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    await h.context().increaseTime({ hours: 1 });
    await itPrognosis(s, d, t0 + 6 * HOUR);
    await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishPrognosis');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    await h.context().increaseTime({ hours: 3 });
    await s.completeUserTask(d.processInstanceKey, 'UserTask_DecideBackupRoutine', { backupRoutineDecision: 'await-prognosis' });
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('Gateway_StartBackupNow');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    expect((await s.variables(d.processInstanceKey)).backupRoutineDecision).toBe('await-prognosis');

    // when, at 5 hours, IT moves the prognosis to 9 hours
    await h.context().increaseTime({ hours: 1 });
    await itPrognosis(s, d, t0 + 9 * HOUR, 'Ny server krävs.');

    // then the earlier decision is cleared and VO Hjälpmedel decides again on the new prognosis
    await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_RequestBackupDecision' }, 2);
    const again = await s.userTask(d.processInstanceKey, 'UserTask_DecideBackupRoutine');
    const vars = await s.variables(d.processInstanceKey);
    expect(vars).toMatchObject({ backupRoutineDecision: null, prognosis: { expectedAt: new Date(t0 + 9 * HOUR).toISOString(), text: 'Ny server krävs.' } });
    expect(again.candidateGroups).toEqual(['assistive-devices-operation']);
    // and the new prognosis is published as an update
    const { job: update } = await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishPrognosis');
    expect((update.variables.notice as { body: string }).body).toContain('Ny server krävs.');

    // when the old prognosed time (6 hours) passes
    await CamundaAssert.assertThat(d.instance).hasActiveElements('UserTask_DecideBackupRoutine');
    await h.context().increaseTime({ hours: 1 });
    // then nothing starts: the watch now waits for 9 hours
    await CamundaAssert.assertThat(d.instance).hasActiveElements('UserTask_DecideBackupRoutine');
    expectBackupRoutineNotStarted(s);

    // when the new prognosed time passes
    await h.context().increaseTime({ hours: 3 });
    // then the backup routine starts
    const told = await backupRoutineStarted(s);
    expect(told.variables).toMatchObject({ backupRoutineReason: 'prognosis-passed' });
  });

  it('T2: a prognosis IT gives before the desk’s assessment reaches the 4-hour watch once 3b starts, and is published', async () => {
    // given a disruption not yet assessed
    const s = h.scenario();
    const d = await s.startDisruption(QUIET);
    await s.userTask(d.processInstanceKey, 'UserTask_AssessScope');
    const t0 = await reportedAt(s, d);

    // when IT gives a prognosis (restoration at 6 hours) and only then the desk assesses 3b
    await itPrognosis(s, d, t0 + 6 * HOUR, 'Databasen återställs.');
    await assess(s, d, 'sesam-down');

    // then the watch took it, it goes out as an update, and at 4 hours VO Hjälpmedel is asked instead of the backup routine starting
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('Event_PrognosisReceived');
    expect((await s.variables(d.processInstanceKey)).prognosis).toMatchObject({ expectedAt: new Date(t0 + 6 * HOUR).toISOString(), source: 'it' });
    await s.userTask(d.processInstanceKey, { elementId: 'UserTask_ApproveNotice', calledBy: 'CallActivity_PublishPrognosis' });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    await h.context().increaseTime({ hours: 4 });
    await s.userTask(d.processInstanceKey, 'UserTask_DecideBackupRoutine');
    expectBackupRoutineNotStarted(s);
  });

  it('T2, R3: a prognosis given in the notice approval reaches the watch (prognosis-received, source notice) and is not published a second time', async () => {
    // given 3b with the first notice waiting for approval, and forward-prognosis taken over by the test
    const s = h.scenario();
    s.pilot.control('forward-prognosis');
    const d = await reachSesamDown(s, QUIET, { firstNotice: false });
    const t0 = await reportedAt(s, d);
    const expectedAt = new Date(t0 + 6 * HOUR).toISOString();

    // when the system owner approves the first notice with a prognosis (the form's date-time field)
    await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishFirstNotice', { prognosisExpectedAt: expectedAt, prognosisText: 'Servern startas om.' });

    // then the publish worker got the prognosis in the notice, and forward-prognosis sends it to the disruption
    const [published] = s.pilot.jobs('publish-notice');
    expect(published!.variables).toMatchObject({ notice: { prognosis: { expectedAt, text: 'Servern startas om.', source: 'notice' } } });
    const forward = await s.pilot.take('forward-prognosis');
    expect(forward.variables).toMatchObject({ prognosisExpectedAt: expectedAt, prognosisText: 'Servern startas om.', disruptionId: d.disruptionId });
    await s.publish('prognosis-received', d.disruptionId, { prognosis: prognosis(new Date(expectedAt), 'notice', 'Servern startas om.') }); // what the worker does
    await forward.complete({ prognosisForwarded: true });

    // then the watch has the prognosis, and it is not sent for approval again
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('Event_PrognosisReceived', 'EndEvent_PrognosisInNotice');
    expect((await s.visited(d.processInstanceKey)).has('driftstorning-sesam/CallActivity_PublishPrognosis')).toBe(false);
    expect(await s.openUserTasks(d.processInstanceKey, 'UserTask_ApproveNotice')).toEqual([]);
    expect((await s.variables(d.processInstanceKey)).prognosis).toMatchObject({ expectedAt, source: 'notice' });

    // and at 4 hours VO Hjälpmedel is asked instead of the backup routine starting
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    await h.context().increaseTime({ hours: 4 });
    await s.userTask(d.processInstanceKey, 'UserTask_DecideBackupRoutine');
    expectBackupRoutineNotStarted(s);
  });

  it('T2, P3: a prognosis after the backup routine started is still published; the backup routine goes on', async () => {
    // given the backup routine started at 4 hours without prognosis
    const s = h.scenario();
    const d = await reachSesamDown(s, QUIET);
    const t0 = await reportedAt(s, d);
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    await h.context().increaseTime({ hours: 4 });
    await backupRoutineStarted(s);
    await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishBackupNotice');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Event_PrognosisReceivedLater');

    // when IT gives a prognosis at 5 hours
    await h.context().increaseTime({ hours: 1 });
    await itPrognosis(s, d, t0 + 7 * HOUR, 'Leverantören är på plats.');

    // then it is published as an update, and the backup routine neither restarts nor stops
    const { job: update } = await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishPrognosis');
    expect(update.variables).toMatchObject({ notice: { kind: 'disruption', state: 'identified', title: 'Driftstörning i Sesam – prognos' } });
    expect((update.variables.notice as { body: string }).body).toContain('Leverantören är på plats.');
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('Event_PrognosisReceivedLater', 'EndEvent_PrognosisPublished');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Event_PrognosisReceivedLater');
    expect(await s.count(d.processInstanceKey, 'driftstorning-sesam/CallActivity_BackupRoutine')).toBe(1);
    expect(s.pilot.jobs({ type: 'notify-role', elementId: 'ServiceTask_NotifyOrthopaedicWorkshop' })).toHaveLength(1);
    expect(await s.variables(d.processInstanceKey)).toMatchObject({ backupRoutineReason: 'no-prognosis', prognosis: { text: 'Leverantören är på plats.' } });

    // and when that prognosed time passes, nothing new starts either
    await h.context().increaseTime({ hours: 2 });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Event_PrognosisReceivedLater');
    expect(s.pilot.jobs({ type: 'notify-role', elementId: 'ServiceTask_NotifyOrthopaedicWorkshop' })).toHaveLength(1);
  });

  it('T2, R17: the 4-hour watch runs from the start of 3b, even if the system owner never acknowledges nor approves the first notice', async () => {
    // given 3b with nobody reacting: no acknowledgement (escalated after 30 minutes), first notice unapproved
    const s = h.scenario();
    const d = await s.startDisruption(QUIET);
    await assess(s, d, 'sesam-down');
    await s.userTask(d.processInstanceKey, { elementId: 'UserTask_ApproveNotice', calledBy: 'CallActivity_PublishFirstNotice' });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck', 'UserTask_AcknowledgeDisruption');

    // when 4 hours pass
    await h.context().increaseTime({ hours: 4 });

    // then the backup routine starts regardless, and the first notice still waits for approval beside the backup notice
    await backupRoutineStarted(s);
    await s.pilot.completed({ type: 'notify-role', elementId: 'ServiceTask_NotifyUnitManagerNoAck' });
    await s.userTask(d.processInstanceKey, { elementId: 'UserTask_ApproveNotice', calledBy: 'CallActivity_PublishBackupNotice' });
    await CamundaAssert.assertThat(d.instance).hasActiveElements('CallActivity_PublishFirstNotice', 'CallActivity_BackupRoutine');
    expect(await s.openUserTasks(d.processInstanceKey, 'UserTask_ApproveNotice')).toHaveLength(2);
  });
});

/** The form a user task shows (GET /v2/user-tasks/{key}/form). */
async function formIdOf(s: Scenario, userTaskKey: string): Promise<string> {
  const res = await fetch(`${s.restAddress()}/v2/user-tasks/${userTaskKey}/form`, { headers: { authorization: basicAuth() } });
  return ((await res.json()) as { formId: string }).formId;
}
