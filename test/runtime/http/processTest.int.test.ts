/**
 * Conformance through @camunda8/process-test 1.12 in REMOTE mode — Camunda's own test library is the
 * judge: CamundaAssert on process instances and user tasks, mockJobWorker, increaseTime (the monitoring
 * port's /actuator/clock), automatic clean-up (cancellation and resource deletion).
 */
import { CamundaAssert, UserTaskSelectors } from '@camunda8/process-test';
import { setupLocalProcessTest } from './support/processTest';
import { fixture, raw } from './support/localRuntime';

describe('process-test REMOTE conformance (issue #3, tests)', () => {
  const local = setupLocalProcessTest();
  let autoDeletedKey: string | undefined;

  test('mockJobWorker completes the job; the instance completes with the variables', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-service-task.bpmn')]);
    const worker = context.mockJobWorker('api-do-work').thenComplete({ result: 'done' });
    // when
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-service-task', variables: { outageId: 'PT-1' } });
    await worker;
    // then
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.isCompleted();
    await assertion.hasCompletedElements('StartEvent_Requested', 'ServiceTask_DoWork', 'EndEvent_Done');
    await assertion.hasVariables({ outageId: 'PT-1', result: 'done' });
    await assertion.hasNoIncidents();
  });

  test('thenThrowBpmnError is caught by the error boundary event', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-boundary-events.bpmn')]);
    context.mockJobWorker('api-reach-owner').thenThrowBpmnError('OWNER_UNREACHABLE', 'Ingen svarar');
    // when
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-boundary-events', variables: { outageId: 'PT-2' } });
    // then
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.isCompleted();
    await assertion.hasCompletedElements('Event_OwnerUnreachable', 'EndEvent_Escalated');
  });

  test('thenThrowError on a job with one retry raises an incident with the message', async () => {
    // given: the SDK fails the job with retries = job.retries - 1 (the mock's own retries argument becomes retryBackOff)
    const context = local.context();
    await context.deployResources([fixture('api-single-attempt.bpmn')]);
    context.mockJobWorker('api-try-once').thenThrowError('Sesam svarar inte');
    // when
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-single-attempt', variables: {} });
    // then
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.hasIncident();
    await assertion.hasIncidentWithMessage('Sesam svarar inte');
    await assertion.isActive();
    await assertion.hasActiveElements('ServiceTask_DoWork');
  });

  test('increaseTime fires a 4-hour timer; the message catch then waits', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-intermediate-catch.bpmn')]);
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-intermediate-catch', variables: { outageId: 'PT-3' } });
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.hasActiveElements('Event_FourHoursPassed');
    // when
    await context.increaseTime({ hours: 4 });
    // then
    await assertion.hasCompletedElements('Event_FourHoursPassed');
    await assertion.hasActiveElements('Event_SystemRestored');
    // and when the message comes
    await context.getClient().getCamundaRestClient().publishMessage({ name: 'api-restored', correlationKey: 'PT-3', variables: { restored: true }, timeToLive: 0 });
    await assertion.isCompleted();
    await assertion.hasVariables({ restored: true });
  });

  test('increaseTime a day: the non-interrupting timer event subprocess runs its mocked job', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-event-subprocess.bpmn')]);
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-event-subprocess', variables: { reportId: 'PT-4' } });
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.hasActiveElements('UserTask_HandleOutage');
    const reminder = context.mockJobWorker('api-daily-reminder').thenComplete({ reminded: true });
    // when
    await context.increaseTime({ days: 1 });
    await reminder;
    // then
    await assertion.hasCompletedElements('ServiceTask_Remind', 'EndEvent_Reminded');
    await assertion.hasActiveElements('UserTask_HandleOutage');
    await assertion.isActive();
  });

  test('user task assertions: exists, candidate groups, assign, complete', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-user-task.bpmn'), fixture('api-confirm-outage.form')]);
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-user-task', variables: { dueDate: '2026-03-03T08:00:00Z' } });
    const task = CamundaAssert.assertThatUserTask(UserTaskSelectors.byElementId('UserTask_ConfirmOutage'));
    await task.exists();
    await task.hasCandidateGroups('desk', 'system-owner');
    await task.isUnassigned();
    await task.hasVariables({ dueDate: '2026-03-03T08:00:00Z' });
    // when
    await task.assignTo('anna');
    await task.isAssignedTo('anna');
    await task.complete({ confirmed: true });
    // then
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.isCompleted();
    await assertion.hasVariables({ confirmed: true });
  });

  test('call activity: the child job is mocked, the parent completes with the output mapping', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-call-child.bpmn'), fixture('api-call-parent.bpmn')]);
    context.mockJobWorker('api-record-referral').thenComplete({ backupResult: 'på papper' });
    // when
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-call-parent', variables: { referral: 'R-PT' } });
    // then
    const assertion = CamundaAssert.assertThat(instance);
    await assertion.isCompleted();
    await assertion.hasVariables({ result: 'på papper' });
    await assertion.hasCompletedElements('CallActivity_RunBackup');
  });

  test('createProcessInstanceWithResult returns the completed variables', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-straight-through.bpmn')]);
    // when
    const result = await context.createProcessInstanceWithResult({ processDefinitionId: 'api-straight-through', variables: { a: 20, b: 1 } });
    // then
    expect(result.variables).toEqual({ a: 20, b: 1, total: 42 });
    await CamundaAssert.assertThatResult(result as unknown as Parameters<typeof CamundaAssert.assertThatResult>[0]).isCompleted();
  });

  test('a cancelled instance is terminated', async () => {
    // given
    const context = local.context();
    await context.deployResources([fixture('api-exclusive-gateway.bpmn'), fixture('api-service-task.bpmn')]);
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-service-task', variables: {} });
    await CamundaAssert.assertThat(instance).isActive();
    // when
    await context.getClient().getCamundaRestClient().cancelProcessInstance({ processInstanceKey: instance.processInstanceKey });
    // then
    await CamundaAssert.assertThat(instance).isTerminated();
  });

  test('deployments with autoDelete are deleted after the test (step 1: deploy and run)', async () => {
    // given
    const context = local.context();
    const deployment = await context.deployResources([fixture('api-parallel-gateway.bpmn')], { autoDelete: true });
    autoDeletedKey = deployment.processes[0].processDefinitionKey;
    // when
    const instance = await context.createProcessInstance({ processDefinitionId: 'api-parallel-gateway', variables: {} });
    // then
    await CamundaAssert.assertThat(instance).hasActiveElements('ServiceTask_NotifyDesk', 'ServiceTask_NotifyVendor');
  });

  test('deployments with autoDelete are deleted after the test (step 2: the definition is gone)', async () => {
    // given: the previous test's clean-up cancelled its instance and deleted its definition
    expect(autoDeletedKey).toBeDefined();
    // when
    const res = await raw(local.runtime(), 'GET', `/v2/process-definitions/${autoDeletedKey}`);
    // then
    expect(res.status).toBe(404);
  });
});
