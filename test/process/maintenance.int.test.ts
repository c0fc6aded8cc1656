import { CamundaAssert } from '@camunda8/process-test';
import { stockholmText } from '../../lib/time/stockholmTime';
import { HOUR } from './support/paths';
import { setupRoutineProcessTest } from './support/routineProcessTest';
import type { Disruption, Scenario } from './support/scenario';

const h = setupRoutineProcessTest();

/** The system owner registers planned maintenance from `startsIn` to `endsIn` from now (engine clock). */
async function planMaintenance(s: Scenario, startsIn: number, endsIn: number): Promise<Disruption & { maintenanceStart: string; maintenanceEnd: string }> {
  const now = (await s.engineNow()).getTime();
  const maintenanceStart = new Date(now + startsIn).toISOString();
  const maintenanceEnd = new Date(now + endsIn).toISOString();
  const disruptionId = `M-TEST-${now}`;
  const created = await h.context().createProcessInstance({
    processDefinitionId: 'planerat-underhall',
    variables: { disruptionId, reportedAt: new Date(now).toISOString(), drill: false, maintenanceStart, maintenanceEnd },
  });
  const processInstanceKey = String(created.processInstanceKey);
  return { processInstanceKey, disruptionId, instance: { processInstanceKey, processDefinitionKey: String(created.processDefinitionKey) }, maintenanceStart, maintenanceEnd };
}

describe('planned maintenance (planerat-underhall)', () => {
  it('P11, R3: maintenance is announced with the system owner’s approval, and notices go out at its start and end', async () => {
    // given maintenance planned from 2 to 4 hours from now
    const s = h.scenario();
    const m = await planMaintenance(s, 2 * HOUR, 4 * HOUR);

    // when the system owner approves the announcement
    const { task, job: announced } = await s.approveAndPublish(m.processInstanceKey);
    await CamundaAssert.assertThat(m.instance).hasActiveElements('Timer_MaintenanceStarts');
    // and the start comes
    await h.context().increaseTime({ hours: 2 });
    const [started] = await s.pilot.completed({ type: 'publish-notice', elementId: 'ServiceTask_PublishMaintenanceStarted' });
    await CamundaAssert.assertThat(m.instance).hasActiveElements('Timer_MaintenanceEnds');
    // and the end
    await h.context().increaseTime({ hours: 2 });
    const [completed] = await s.pilot.completed({ type: 'publish-notice', elementId: 'ServiceTask_PublishMaintenanceCompleted' });

    // then three notices, all under the one approval, and the instance is done
    expect(task.candidateGroups).toEqual(['system-owner']);
    expect(announced.variables).toMatchObject({ notice: { kind: 'maintenance', state: 'scheduled', title: 'Planerat underhåll av Sesam' } });
    expect(started!.variables).toMatchObject({ notice: { kind: 'maintenance', state: 'in-progress' }, noticeApproval: { approved: true, approvedBy: 'systemansvarig' } });
    expect(completed!.variables).toMatchObject({ notice: { kind: 'maintenance', state: 'completed' }, noticeApproval: { approved: true, approvedBy: 'systemansvarig' } });
    await CamundaAssert.assertThat(m.instance).isCompleted();
    expect(s.pilot.jobs('forward-prognosis')).toEqual([]);
  });

  it('R3, P11: if publishing at the start refuses the earlier approval, the system owner approves the notice again (no incident)', async () => {
    // given maintenance announced and approved, starting in one hour; the start notice's publication taken over by the test
    const s = h.scenario();
    s.pilot.control({ type: 'publish-notice', elementId: 'ServiceTask_PublishMaintenanceStarted' });
    const m = await planMaintenance(s, HOUR, 2 * HOUR);
    await s.approveAndPublish(m.processInstanceKey);
    await CamundaAssert.assertThat(m.instance).hasActiveElements('Timer_MaintenanceStarts');

    // when the start comes and the publish worker refuses the approval (e.g. the approver left the system-owner group)
    await h.context().increaseTime({ hours: 1 });
    const refused = await s.pilot.take({ type: 'publish-notice', elementId: 'ServiceTask_PublishMaintenanceStarted' });
    await refused.throwError('NOTICE_NOT_APPROVED', 'approver is no longer a system owner');
    const { task, job } = await s.approveAndPublish(m.processInstanceKey, 'CallActivity_RepublishMaintenanceStarted', { approvedBy: 'systemansvarig2' });

    // then the notice was approved again and published, and the maintenance goes on to its end
    expect(task.candidateGroups).toEqual(['system-owner']);
    expect(job.variables).toMatchObject({ notice: { kind: 'maintenance', state: 'in-progress' }, noticeApproval: { approvedBy: 'systemansvarig2' } });
    await CamundaAssert.assertThat(m.instance).hasCompletedElements('Event_StartedNoticeNotApproved', 'CallActivity_RepublishMaintenanceStarted');
    await CamundaAssert.assertThat(m.instance).hasActiveElements('Timer_MaintenanceEnds');
    await CamundaAssert.assertThat(m.instance).hasNoIncidents();
  });
});

describe('planned maintenance: times for people and a month ahead (planerat-underhall)', () => {
  it('T6, P11: the maintenance notices show their times in Swedish time (Europe/Stockholm), never as ISO 8601', async () => {
    // given maintenance planned from 2 to 4 hours from now
    const s = h.scenario();
    const m = await planMaintenance(s, 2 * HOUR, 4 * HOUR);

    // when the announcement is approved and the maintenance starts
    const { job: announced } = await s.approveAndPublish(m.processInstanceKey);
    await CamundaAssert.assertThat(m.instance).hasActiveElements('Timer_MaintenanceStarts');
    await h.context().increaseTime({ hours: 2 });
    const [started] = await s.pilot.completed({ type: 'publish-notice', elementId: 'ServiceTask_PublishMaintenanceStarted' });

    // then the public texts give the start and end as Swedish clock times, not as machine timestamps
    const clock = (iso: string) => /kl\. \d{2}\.\d{2}$/.exec(stockholmText(iso))![0]; // "kl. 14.30"
    const bodies = [announced, started!].map((j) => (j.variables.notice as { body: string }).body);
    for (const body of bodies) expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(bodies[0]).toContain(clock(m.maintenanceStart));
    expect(bodies[0]).toContain(clock(m.maintenanceEnd));
    expect(bodies[1]).toContain(clock(m.maintenanceEnd));
  });

  it('P11, P12: maintenance announced a month ahead leaves the local runtime idle – it never asks Node for a timer beyond 2^31−1 ms (Node fires those after 1 ms)', async () => {
    // given maintenance planned 30 days ahead
    const s = h.scenario();
    const m = await planMaintenance(s, 30 * 24 * HOUR, 30 * 24 * HOUR + 2 * HOUR);
    const setTimeoutCalls = jest.spyOn(global, 'setTimeout');
    try {
      // when it is announced and the engine waits for its start
      await s.approveAndPublish(m.processInstanceKey);
      await CamundaAssert.assertThat(m.instance).hasActiveElements('Timer_MaintenanceStarts');

      // then no wake-up timer beyond Node's limit was set (each would fire after 1 ms: a busy loop for 30 days)
      const overflowing = setTimeoutCalls.mock.calls.filter(([, ms]) => Number(ms) > 2_147_483_647);
      expect(overflowing.map(([, ms]) => ms)).toEqual([]);
    } finally {
      setTimeoutCalls.mockRestore();
    }
  });
});
