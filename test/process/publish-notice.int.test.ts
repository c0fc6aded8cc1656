import { CamundaAssert } from '@camunda8/process-test';
import { QUIET_NO_BACKUP, reachSesamDown } from './support/paths';
import { setupRoutineProcessTest } from './support/routineProcessTest';

const h = setupRoutineProcessTest();

describe('publishing a notice (publicera-driftinformation)', () => {
  it('R3: the approval task completes only when its completing listener (verify-notice-approver) accepts; denied, the task stays open as it was and nothing is published', async () => {
    // given 3b with the first notice waiting for approval, and the approval task's listener taken over by the test
    const s = h.scenario();
    s.pilot.control('verify-notice-approver');
    const d = await reachSesamDown(s, QUIET_NO_BACKUP, { firstNotice: false });
    const task = await s.userTask(d.processInstanceKey, { elementId: 'UserTask_ApproveNotice', calledBy: 'CallActivity_PublishFirstNotice' });
    await s.rest.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'desk' });

    // when the desk completes it and the listener denies the completion
    const completion = s.rest.completeUserTask({ userTaskKey: task.userTaskKey, variables: { approvedBy: 'systemansvarig', approved: true } }).then(
      () => 'completed',
      (err: { statusCode?: number }) => err.statusCode,
    );
    const listener = await s.pilot.take('verify-notice-approver');
    await listener.deny('desk tillhör inte gruppen systemansvariga');

    // then the completion is refused (409) and the task is still open with its assignee; no publish job exists
    expect(listener).toMatchObject({ elementId: 'UserTask_ApproveNotice', userTask: { action: 'complete', assignee: 'desk', candidateGroups: ['system-owner'] } });
    expect(await completion).toBe(409);
    expect(await s.rest.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CREATED', assignee: 'desk' });
    expect(s.pilot.jobs('publish-notice')).toEqual([]);

    // when the system owner takes it over and completes it, and the listener accepts
    await s.rest.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'systemansvarig' });
    const approved = s.rest.completeUserTask({ userTaskKey: task.userTaskKey, variables: { approvedBy: 'systemansvarig', approved: true } });
    await (await s.pilot.take('verify-notice-approver')).complete();
    await approved;

    // then the notice goes to publishing
    await s.pilot.completed('publish-notice');
    await CamundaAssert.assertThatProcess({ type: 'key', value: task.processInstanceKey }).isCompleted();
  });

  it('R3, R11: a notice whose publication is refused (NOTICE_NOT_APPROVED: "approved" not ticked) goes back to the system owner with the edited text, and is published once approved', async () => {
    // given 3b with the first notice waiting for approval, and the publish job taken over by the test
    const s = h.scenario();
    s.pilot.control('publish-notice');
    const d = await reachSesamDown(s, QUIET_NO_BACKUP, { firstNotice: false });
    const approval = { elementId: 'UserTask_ApproveNotice', calledBy: 'CallActivity_PublishFirstNotice' };

    // when the system owner edits the title but leaves "approved" unticked, and the publish worker refuses (R3)
    const first = await s.completeUserTask(d.processInstanceKey, approval, { approvedBy: 'Kalle Anka', approved: false, noticeTitle: 'Sesam ligger nere' });
    const refused = await s.pilot.take('publish-notice');
    expect(refused.variables).toMatchObject({ noticeApproval: { approved: false, approvedBy: 'Kalle Anka' }, notice: { title: 'Sesam ligger nere' } });
    await refused.throwError('NOTICE_NOT_APPROVED', 'Driftinformationen är inte godkänd av systemansvarig');

    // then the approval task comes back, with the edited text kept, and nothing was published
    const again = await s.userTask(d.processInstanceKey, approval);
    expect(again.userTaskKey).not.toBe(first.userTaskKey);
    expect(await s.variables(again.processInstanceKey)).toMatchObject({ noticeTitle: 'Sesam ligger nere' });
    await CamundaAssert.assertThatProcess({ type: 'key', value: again.processInstanceKey }).hasCompletedElements('Event_NoticeNotApproved');
    await CamundaAssert.assertThat(d.instance).hasNoIncidents();

    // when the system owner approves it and it is published
    await s.completeUserTask(d.processInstanceKey, approval, { approvedBy: 'systemansvarig', approved: true });
    const publish = await s.pilot.take('publish-notice');
    await publish.complete();

    // then the notice is public, and the reminders for updates start (P3)
    expect(publish.variables).toMatchObject({ noticeApproval: { approved: true, approvedBy: 'systemansvarig' }, notice: { title: 'Sesam ligger nere', state: 'investigating' } });
    await CamundaAssert.assertThatProcess({ type: 'key', value: again.processInstanceKey }).isCompleted();
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_NoticeUpdateDue');
    expect(await s.variables(d.processInstanceKey)).toMatchObject({ publishedNotice: { noticeId: `N-${d.disruptionId}`, updateNumber: 1 } });
    expect(s.pilot.jobs('publish-notice').map((j) => j.outcome)).toEqual(['error', 'completed']);
  });
});
