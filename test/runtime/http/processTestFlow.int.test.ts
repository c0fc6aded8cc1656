/**
 * Conformance through @camunda8/process-test 1.12 in REMOTE mode, part 2: gateways, multi-instance,
 * message and timer start events, FEEL and cycle timers, error and terminate end events, send and
 * business rule tasks, boundary events on a user task — judged by CamundaAssert, driven by
 * mockJobWorker and increaseTime.
 */
import { CamundaAssert, UserTaskSelectors } from '@camunda8/process-test';
import { fixture, raw } from './support/localRuntime';
import { setupLocalProcessTest } from './support/processTest';

type Instance = Parameters<typeof CamundaAssert.assertThat>[0];
const asInstance = (processInstanceKey: string) => ({ processInstanceKey }) as unknown as Instance;

describe('process-test REMOTE conformance, flow and events (issue #3 items 3, 6, 7)', () => {
  const local = setupLocalProcessTest();
  const rest = () => local.client().getCamundaRestClient();
  const runtimeNow = async () => ((await raw(local.runtime(), 'GET', '/actuator/clock')).body as { epochMilli: number }).epochMilli;

  test('exclusive gateway: the FEEL condition picks the path', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-exclusive-gateway.bpmn')]);
    // when
    const result = await context.createProcessInstanceWithResult({ processDefinitionId: 'api-exclusive-gateway', variables: { hours: 5 } });
    // then
    const assertion = CamundaAssert.assertThatResult(result as unknown as Parameters<typeof CamundaAssert.assertThatResult>[0]);
    await assertion.isCompleted();
    await assertion.hasCompletedElements('Gateway_HowLong', 'EndEvent_Long');
  });

  test('parallel gateway: two mocked jobs, the join completes the instance', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-parallel-gateway.bpmn')]);
    const desk = context.mockJobWorker('api-notify-desk').thenComplete({ deskNotified: true });
    const vendor = context.mockJobWorker('api-notify-vendor').thenComplete({ vendorNotified: true });
    // when
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-parallel-gateway', variables: {} });
    await Promise.all([desk, vendor]);
    // then
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.isCompleted();
    await assertion.hasCompletedElements('Gateway_Split', 'Gateway_Join', 'EndEvent_Notified');
    await assertion.hasVariables({ deskNotified: true, vendorNotified: true });
  });

  test('event-based gateway: increaseTime lets the 4-hour timer win', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-event-based-gateway.bpmn')]);
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-event-based-gateway', variables: { outageId: 'PTF-1' } });
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.hasActiveElements('Gateway_WhatHappensFirst');
    // when
    await context.increaseTime({ hours: 4 });
    // then
    await assertion.isCompleted();
    await assertion.hasCompletedElements('Event_FourHoursPassed', 'EndEvent_BackupStarted');
  });

  test('event-based gateway: the message wins when it comes first', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-event-based-gateway.bpmn')]);
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-event-based-gateway', variables: { outageId: 'PTF-2' } });
    await CamundaAssert.assertThat(instance).hasActiveElements('Gateway_WhatHappensFirst');
    // when
    await rest().publishMessage({ name: 'api-system-restored', correlationKey: 'PTF-2', variables: { restored: true }, timeToLive: 0 });
    // then
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.isCompleted();
    await assertion.hasCompletedElements('Event_SystemRestored', 'EndEvent_Restored');
    await assertion.hasVariables({ restored: true });
  });

  test('multi-instance: three parallel mocked jobs, then three sequential ones', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-multi-instance.bpmn')]);
    const parallel = [1, 2, 3].map(() => context.mockJobWorker('api-notify-unit').thenComplete({ receipt: 'ok' }));
    // when
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-multi-instance', variables: { units: ['Lund', 'Malmö', 'Ystad'] } });
    await Promise.all(parallel);
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.hasActiveElements('ServiceTask_CallUnit');
    for (let i = 0; i < 3; i++) await context.mockJobWorker('api-call-unit').thenComplete({});
    // then
    await assertion.isCompleted();
    await assertion.hasCompletedElements('ServiceTask_NotifyUnit', 'ServiceTask_CallUnit', 'EndEvent_AllNotified');
    await assertion.hasVariableNames('receipts');
  });

  test('message start event: a correlated message starts an instance with its variables', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-message-start.bpmn')]);
    // when
    const { processInstanceKey } = await rest().correlateMessage({ name: 'api-outage-reported', correlationKey: 'PTF-REP', variables: { reporter: 'vårdcentral' } });
    // then
    const assertion = CamundaAssert.assertThat(asInstance(processInstanceKey));
    await assertion.isActive();
    await assertion.hasCompletedElements('StartEvent_OutageReported');
    await assertion.hasActiveElements('UserTask_Triage');
    await assertion.hasVariables({ reporter: 'vårdcentral' });
    await rest().cancelProcessInstance({ processInstanceKey });
  });

  test('timer start event: increaseTime an hour starts an instance', async () => {
    // given: deployed now, first start due in one hour
    const context = local.context();
    await context.deployResources([fixture('api-timer-start.bpmn')]);
    const started = async () => (await rest().searchProcessInstances({ filter: { processDefinitionId: 'api-timer-start' } } as never)).items;
    expect(await started()).toEqual([]);
    // when
    await context.increaseTime({ hours: 1 });
    // then
    const [first] = await started();
    await CamundaAssert.assertThat(asInstance(first.processInstanceKey)).hasActiveElements('UserTask_CheckStatus');
    await CamundaAssert.assertThatUserTask(UserTaskSelectors.byElementId('UserTask_CheckStatus')).exists();
    await rest().cancelProcessInstance({ processInstanceKey: first.processInstanceKey });
  });

  test('FEEL timers: a duration and a date from variables fire on increaseTime', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-feel-timer.bpmn')]);
    const deadline = new Date((await runtimeNow()) + 5 * 3_600_000).toISOString();
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-feel-timer', variables: { waitHours: 2, deadline } });
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.hasActiveElements('Event_WaitPeriodOver');
    // when: two hours
    await context.increaseTime({ hours: 2 });
    // then
    await assertion.hasActiveElements('Event_DeadlineReached');
    // when: three more hours reach the deadline
    await context.increaseTime({ hours: 3 });
    // then
    await assertion.isCompleted();
  });

  test('timeCycle R3/PT1H: each hour a mocked status job beside the open user task', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-timer-cycle.bpmn')]);
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-timer-cycle', variables: {} });
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.hasActiveElements('UserTask_CloseOutage');
    // when: three hours pass, one at a time
    for (let hour = 0; hour < 3; hour++) {
      const status = context.mockJobWorker('api-publish-status').thenComplete({});
      await context.increaseTime({ hours: 1 });
      await status;
    }
    // then
    await assertion.hasCompletedElements('ServiceTask_PublishStatus', 'EndEvent_StatusPublished');
    await assertion.hasActiveElements('UserTask_CloseOutage');
    await CamundaAssert.assertThatUserTask(UserTaskSelectors.byElementId('UserTask_CloseOutage')).complete();
    await assertion.isCompleted();
  });

  test('error end event: caught by the subprocess boundary', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-error-end.bpmn')]);
    // when
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-error-end', variables: {} });
    // then
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.isCompleted();
    await assertion.hasCompletedElements('Event_VendorUnknown', 'EndEvent_AskedDesk');
  });

  test('terminate end event: completes the instance while a user task was open', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-error-end.bpmn')]);
    // when
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-error-end', variables: { vendor: 'Visma' } });
    // then
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.isCompleted();
    await assertion.hasCompletedElements('SubProcess_Check', 'EndEvent_Terminated');
  });

  test('send and business rule tasks as mocked jobs; boundary message keeps, boundary timer cancels the user task', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-task-variants.bpmn')]);
    const send = context.mockJobWorker('api-send-notice').thenComplete({ receipt: { id: 'N-1' } });
    const classify = context.mockJobWorker('api-classify').thenComplete({ category: 'acute' });
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-task-variants', variables: { caseId: 'PTF-TV' } });
    await Promise.all([send, classify]);
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.hasVariables({ noticeId: 'N-1', category: 'acute' });
    const task = CamundaAssert.assertThatUserTask(UserTaskSelectors.byElementId('UserTask_ReviewCase'));
    await task.exists();
    await task.hasCandidateGroups('unit-manager');
    // when: a comment arrives
    await rest().publishMessage({ name: 'api-review-comment', correlationKey: 'PTF-TV', variables: {}, timeToLive: 0 });
    // then: noted, the task stays
    await assertion.hasCompletedElements('Event_CommentReceived', 'EndEvent_CommentNoted');
    await assertion.hasActiveElements('UserTask_ReviewCase');
    // when: two hours pass
    await context.increaseTime({ hours: 2 });
    // then: escalated, the instance completes
    await assertion.hasCompletedElements('Event_ReviewOverdue', 'EndEvent_Escalated');
    await assertion.isCompleted();
  });

  test('boundary events on a service task: non-interrupting timer spawns a mocked reminder, interrupting message cancels', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-boundary-events.bpmn')]);
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-boundary-events', variables: { outageId: 'PTF-BE' } });
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.hasActiveElements('ServiceTask_ReachOwner');
    const reminder = context.mockJobWorker('api-send-reminder').thenComplete({});
    // when: 30 minutes pass
    await context.increaseTime({ minutes: 30 });
    await reminder;
    // then
    await assertion.hasCompletedElements('Event_ReminderDue', 'ServiceTask_SendReminder', 'EndEvent_Reminded');
    await assertion.hasActiveElements('ServiceTask_ReachOwner');
    // when: the outage is cancelled
    await rest().publishMessage({ name: 'api-outage-cancelled', correlationKey: 'PTF-BE', variables: {}, timeToLive: 0 });
    // then
    await assertion.hasCompletedElements('Event_OutageCancelled', 'EndEvent_Cancelled');
    await assertion.isCompleted();
  });

  test('interrupting message event subprocess ends the instance', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-event-subprocess.bpmn')]);
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-event-subprocess', variables: { reportId: 'PTF-W' } });
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.hasActiveElements('UserTask_HandleOutage');
    // when
    await rest().correlateMessage({ name: 'api-report-withdrawn', correlationKey: 'PTF-W', variables: {} });
    // then
    await assertion.hasCompletedElements('StartEvent_ReportWithdrawn', 'EndEvent_Withdrawn');
    await assertion.isCompleted();
  });

  test('an unsupported model is refused at deployment, naming the element', async () => {
    // given
    const context = local.context();
    // when
    const deployment = context.deployResources([fixture('api-unsupported-conditional.bpmn')]);
    // then
    await expect(deployment).rejects.toThrow(/400[\s\S]*Event_ConditionMet/);
  });
});
