import { CamundaAssert } from '@camunda8/process-test';
import { setupRoutineProcessTest } from './support/routineProcessTest';

const h = setupRoutineProcessTest();
const MINUTE = 60_000;

describe('a disruption starts (driftstorning-sesam)', () => {
  it('T1: reportedAt is the first report on the engine clock – engine now minus reportAge – even when the engine clock is far from the wall clock', async () => {
    // given the engine clock moved 5 hours ahead of the wall clock (as after a drill's clock move)
    const s = h.scenario();
    await h.context().increaseTime({ hours: 5 });
    const before = await s.engineNow();

    // when the intake starts a disruption whose first call came in 10 minutes ago
    const d = await s.startDisruption({ reportAge: 'PT10M' });
    const after = await s.engineNow();

    // then reportedAt is 10 minutes before the engine's now, not the wall clock's
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('Event_DefaultsApplied', 'ServiceTask_RegisterDisruption');
    const { reportedAt } = await s.variables(d.processInstanceKey);
    const at = Date.parse(String(reportedAt));
    expect(at).toBeGreaterThanOrEqual(before.getTime() - 10 * MINUTE);
    expect(at).toBeLessThanOrEqual(after.getTime() - 10 * MINUTE);
    expect(at).toBeGreaterThan(Date.now() + 4 * 60 * MINUTE);
    // and register-disruption got it for the Swedish display texts (T6)
    expect(s.pilot.job('register-disruption').variables).toMatchObject({ reportedAt, backupRoutineAfter: 'PT4H' });
  });

  it('T1: an explicit reportedAt at the start (tests, Modeler) wins over reportAge', async () => {
    // given a first report at a known instant
    const s = h.scenario();
    const reportedAt = new Date((await s.engineNow()).getTime() - 90 * MINUTE).toISOString();

    // when the disruption is started with both reportedAt and reportAge
    const d = await s.startDisruption({ reportedAt, reportAge: 'PT10M' });

    // then reportedAt is the one given
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('Event_DefaultsApplied');
    expect((await s.variables(d.processInstanceKey)).reportedAt).toBe(reportedAt);
  });

  it('T1, P9: without reportAge, reportedAt, drill and timer settings the routine takes the engine’s now and its defaults', async () => {
    // given a disruption started without any of them (e.g. from Modeler or Operate)
    const s = h.scenario();
    const before = await s.engineNow();
    const d = await s.startDisruption({ reportAge: undefined, drill: undefined, reportCount: undefined });

    // when the defaults have been applied
    await s.userTask(d.processInstanceKey, 'UserTask_AssessScope');

    // then drill is false, reportedAt is the engine's now, and the timer settings are the routine's
    const vars = await s.variables(d.processInstanceKey);
    expect(Date.parse(String(vars.reportedAt))).toBeGreaterThanOrEqual(before.getTime());
    expect(vars).toMatchObject({
      drill: false,
      system: 'sesam',
      reportCount: 1,
      backupRoutineAfter: 'PT4H',
      acknowledgementTimeout: 'PT30M',
      slaResponseTime: 'PT1H',
      slaRestoreTime: 'PT8H',
      noticeUpdateInterval: 'PT1H',
      prognosis: null,
      backupRoutineStartedAt: null,
    });
  });

  it('T5, R16, R6: register-disruption runs first; then the first caller’s receipt runs beside the assessment, without a second report', async () => {
    // given the registration and the receipt held by the test
    const s = h.scenario();
    s.pilot.control('register-disruption').control({ type: 'notify-role', elementId: 'ServiceTask_ConfirmFirstReport' });

    // when a disruption starts
    const d = await s.startDisruption();
    const register = await s.pilot.take('register-disruption');

    // then nothing else has started yet: no other job, no assessment
    expect(s.pilot.jobs().map((j) => j.type)).toEqual(['register-disruption']);
    expect(await s.openUserTasks(d.processInstanceKey)).toEqual([]);

    // when the disruption is registered
    await register.complete();

    // then the first caller's receipt is sent while the desk's assessment is open – no second report needed
    const receipt = await s.pilot.take({ type: 'notify-role', elementId: 'ServiceTask_ConfirmFirstReport' });
    const assessment = await s.userTask(d.processInstanceKey, 'UserTask_AssessScope');
    expect(receipt.customHeaders).toEqual({ role: 'prescribers', template: 'report-received' });
    expect(receipt.variables).toMatchObject({ disruptionId: d.disruptionId, reportCount: 1, report: { hasEmail: true } });
    expect(assessment.candidateGroups).toEqual(['desk']);
    await receipt.complete();
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('EndEvent_FirstReportConfirmed');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('SubProcess_Outage', 'UserTask_AssessScope', 'Event_SystemRestored');
    expect((await s.visited(d.processInstanceKey)).has('driftstorning-sesam/SubProcess_ReportReceived')).toBe(false);
  });

  it('P10: each disruption records the version of the routine that governed it', async () => {
    // given a running disruption
    const s = h.scenario();
    const d = await s.startDisruption();
    // when looking the instance up as Operate does
    const found = await s.rest.searchProcessInstances({ filter: { processInstanceKey: d.processInstanceKey } } as never);
    // then it names the process version and the routine's version tag
    expect(found.items[0]).toMatchObject({ processDefinitionId: 'driftstorning-sesam', processDefinitionVersion: 1, processDefinitionVersionTag: '2026.2' });
  });
});
