import { CamundaAssert } from '@camunda8/process-test';
import { setupRoutineProcessTest } from './support/routineProcessTest';
import { Scenario } from './support/scenario';

const h = setupRoutineProcessTest();

describe('publishing a notice (publicera-driftinformation)', () => {
  it('R3, R11: a notice whose approval is refused goes back to the system owner, and is published once approved', async () => {
    // given a disruption waiting for its first notice
    const s = new Scenario(h);
    const { processInstanceKey } = await s.startDisruption({ noticeUpdateInterval: 'PT24H', slaResponseTime: 'PT24H', slaRestoreTime: 'PT24H' });
    await s.completeUserTask(processInstanceKey, 'UserTask_AssessScope', { scope: 'sesam-down', summary: 'Sesam nere för alla.' });
    await s.completeJob('notify-role');
    await s.completeJob('check-system-owner-on-duty', { systemOwnerOnDuty: false, systemOwnerOnDutyReason: 'Utanför kontorstid', systemOwnerContact: 'Ersättare' });
    await s.completeJob('notify-role');
    await s.completeJob('create-service-desk-ticket', { serviceDeskTicketId: 'INC1' });
    await s.completeJob('contact-vendor', { vendorContactedAt: (await s.engineNow()).toISOString() });

    // when someone who is not the system owner "approves" it and the publish worker refuses (R3)
    const first = await s.completeUserTask(processInstanceKey, 'UserTask_ApproveNotice', { approvedBy: 'Kalle Anka', approved: true, noticeTitle: 'Sesam ligger nere' });
    const refused = await s.throwBpmnError('publish-notice', 'NOTICE_NOT_APPROVED', 'approvedBy is not a system owner');
    // then the approval task comes back, with the edited text kept
    const again = await s.userTask(processInstanceKey, 'UserTask_ApproveNotice');
    expect(again.userTaskKey).not.toBe(first.userTaskKey);
    expect(refused.variables).toMatchObject({ noticeApproval: { approved: true, approvedBy: 'Kalle Anka' }, notice: { title: 'Sesam ligger nere' } });
    const child = (await s.instanceTree(processInstanceKey)).find((i) => i.processDefinitionId === 'publicera-driftinformation')!;
    expect(await s.variables(child.key)).toMatchObject({ noticeTitle: 'Sesam ligger nere' });
    await CamundaAssert.assertThat({ processInstanceKey: child.key } as never).hasCompletedElements('Event_NoticeNotApproved');

    // when the system owner approves
    const { job: published } = await s.approveAndPublishNotice(processInstanceKey, 'systemansvarig');

    // then it is published and the disruption waits for restoration
    expect(published.variables).toMatchObject({ noticeApproval: { approved: true, approvedBy: 'systemansvarig' }, notice: { title: 'Sesam ligger nere' } });
    await CamundaAssert.assertThat({ processInstanceKey: child.key } as never).isCompleted();
    await s.waitFor(processInstanceKey, 'driftstorning-sesam/Event_SystemRestored', 'ACTIVE');
    expect(await s.variables(processInstanceKey)).toMatchObject({ publishedNotice: { url: 'http://localhost/driftinformation/1' } });
  });
});
