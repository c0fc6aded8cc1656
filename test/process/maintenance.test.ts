import { CamundaAssert } from '@camunda8/process-test';
import { setupRoutineProcessTest } from './support/routineProcessTest';
import { Scenario } from './support/scenario';

const h = setupRoutineProcessTest();

describe('planned maintenance (planerat-underhall)', () => {
  it('P11, R3: maintenance is announced with the system owner’s approval, and notices go out at its start and end', async () => {
    // given maintenance planned from 2 to 4 hours from now (engine time)
    const s = new Scenario(h);
    const now = (await s.engineNow()).getTime();
    const maintenanceStart = new Date(now + 2 * 3600_000).toISOString();
    const maintenanceEnd = new Date(now + 4 * 3600_000).toISOString();
    const created = await h.context().createProcessInstance({
      processDefinitionId: 'planerat-underhall',
      variables: { disruptionId: `M-TEST-${now}`, reportedAt: new Date(now).toISOString(), drill: false, maintenanceStart, maintenanceEnd },
    });
    const processInstanceKey = String(created.processInstanceKey);
    const instance = { processInstanceKey } as never;

    // when the system owner approves the announcement
    const { job: announced } = await s.approveAndPublishNotice(processInstanceKey);
    await CamundaAssert.assertThat(instance).hasActiveElements('Timer_MaintenanceStarts');
    // and the start comes
    await h.context().increaseTime({ hours: 2 });
    const started = await s.completeJob('publish-notice', { publishedNotice: { noticeId: 'N-M', updateNumber: 2, url: 'http://localhost/driftinformation/m' } });
    await CamundaAssert.assertThat(instance).hasActiveElements('Timer_MaintenanceEnds');
    // and the end
    await h.context().increaseTime({ hours: 2 });
    const completed = await s.completeJob('publish-notice', { publishedNotice: { noticeId: 'N-M', updateNumber: 3, url: 'http://localhost/driftinformation/m' } });

    // then three notices, all under the one approval, and the instance is done
    expect(announced.variables).toMatchObject({ notice: { kind: 'maintenance', state: 'scheduled', title: 'Planerat underhåll av Sesam' } });
    expect((announced.variables.notice as { body: string }).body).toContain(maintenanceStart);
    expect(started.variables).toMatchObject({ notice: { kind: 'maintenance', state: 'in-progress' }, noticeApproval: { approved: true, approvedBy: 'systemansvarig' } });
    expect(completed.variables).toMatchObject({ notice: { kind: 'maintenance', state: 'completed' }, noticeApproval: { approved: true, approvedBy: 'systemansvarig' } });
    await CamundaAssert.assertThat(instance).isCompleted();
  });
});

describe('planned maintenance when the approval no longer holds (planerat-underhall)', () => {
  it('R3, P11: if publishing at the start refuses the earlier approval, the system owner approves the notice again (no incident)', async () => {
    // given maintenance announced and approved, starting in one hour
    const s = new Scenario(h);
    const now = (await s.engineNow()).getTime();
    const created = await h.context().createProcessInstance({
      processDefinitionId: 'planerat-underhall',
      variables: {
        disruptionId: `M-TEST-R-${now}`,
        reportedAt: new Date(now).toISOString(),
        drill: false,
        maintenanceStart: new Date(now + 3600_000).toISOString(),
        maintenanceEnd: new Date(now + 2 * 3600_000).toISOString(),
      },
    });
    const processInstanceKey = String(created.processInstanceKey);
    const instance = { processInstanceKey } as never;
    await s.approveAndPublishNotice(processInstanceKey);
    await CamundaAssert.assertThat(instance).hasActiveElements('Timer_MaintenanceStarts');

    // when the start comes and the publish worker refuses the approval (e.g. the approver left the system-owner group)
    await h.context().increaseTime({ hours: 1 });
    await s.throwBpmnError('publish-notice', 'NOTICE_NOT_APPROVED', 'approver is no longer a system owner');
    const { task, job } = await s.approveAndPublishNotice(processInstanceKey, 'systemansvarig2');

    // then the notice was approved again and published, and the maintenance goes on to its end
    expect(task.candidateGroups).toEqual(['system-owner']);
    expect(job.variables).toMatchObject({ notice: { kind: 'maintenance', state: 'in-progress' }, noticeApproval: { approvedBy: 'systemansvarig2' } });
    await CamundaAssert.assertThat(instance).hasCompletedElements('Event_StartedNoticeNotApproved', 'CallActivity_RepublishMaintenanceStarted');
    await CamundaAssert.assertThat(instance).hasActiveElements('Timer_MaintenanceEnds');
    await CamundaAssert.assertThat(instance).hasNoIncidents();
  });
});
