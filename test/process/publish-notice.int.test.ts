import { CamundaAssert } from '@camunda8/process-test';
import { QUIET_NO_BACKUP, reachSesamDown } from './support/paths';
import { setupRoutineProcessTest } from './support/routineProcessTest';

const h = setupRoutineProcessTest();

describe('publishing a notice (publicera-driftinformation)', () => {
  it('R3, R11: a notice whose approval the publish worker refuses (NOTICE_NOT_APPROVED) goes back to the system owner with the edited text, and is published once approved', async () => {
    // given 3b with the first notice waiting for approval, and the publish job taken over by the test
    const s = h.scenario();
    s.pilot.control('publish-notice');
    const d = await reachSesamDown(s, QUIET_NO_BACKUP, { firstNotice: false });
    const approval = { elementId: 'UserTask_ApproveNotice', calledBy: 'CallActivity_PublishFirstNotice' };

    // when someone who is not the system owner "approves" it with an edited title and the publish worker refuses (R3)
    const first = await s.completeUserTask(d.processInstanceKey, approval, { approvedBy: 'Kalle Anka', approved: true, noticeTitle: 'Sesam ligger nere' });
    const refused = await s.pilot.take('publish-notice');
    expect(refused.variables).toMatchObject({ noticeApproval: { approved: true, approvedBy: 'Kalle Anka' }, notice: { title: 'Sesam ligger nere' } });
    await refused.throwError('NOTICE_NOT_APPROVED', 'approvedBy is not a system owner');

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
