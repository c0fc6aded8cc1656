/**
 * Issue #9 item 5: wire compatibility with Camunda's official TypeScript client. Every endpoint the runtime serves is
 * driven through `@camunda8/orchestration-cluster-api` 8.8.x with its validation strict on both sides
 * (`CAMUNDA_SDK_VALIDATION=req:strict,res:strict`): the client's requests (int64 values as strings, bigint cursors…)
 * are accepted, and every answer parses with the client's zod schemas of the 8.8 OpenAPI (required fields present,
 * optional fields left out when empty, standard-base64 cursors). The @camunda8/sdk suites beside this one cover the
 * behaviour; this one covers the wire.
 *
 * Three answers are Camunda's own and do not parse with this client (its schema, not the runtime, is at odds with
 * Camunda 8.8): a form's `schema` is a JSON string (Camunda's FormEntity holds a string; the client's schema says
 * object), "no start form" is a 204 without body (the client reads it as null, its schema allows only void), and a
 * successful decision evaluation's `failedDecisionDefinitionId` is "" (the client's schema wants an id).
 * Those three are asserted exactly, so that a client which fixes them turns the test red. And strict *request*
 * validation sends what the client's zod parsed, not what it was given: `page: { limit, after }` parses as offset
 * pagination first and loses its cursor. The cursor pages are therefore requested with request validation `warn`
 * (the value sent as given) and responses still strict.
 */
import { readFileSync } from 'node:fs';
import { createCamundaClient, type CamundaClient } from '@camunda8/orchestration-cluster-api';
import type { RunningRuntime } from '../../../runtime/src/startRuntime';
import { DEMO_USER, eventually, fixture, startTestRuntime } from './support/localRuntime';

/** Read-side calls answer from the engine's own state: nothing to wait for (the client's eventual-consistency polling off). */
const NOW = { consistency: { waitUpToMs: 0 } } as const;
const FIXTURES = [
  'api-service-task.bpmn',
  'api-user-task.bpmn',
  'api-confirm-outage.form',
  'api-call-parent.bpmn',
  'api-call-child.bpmn',
  'api-intermediate-catch.bpmn',
  'api-task-listeners.bpmn',
  'api-straight-through.bpmn',
];

/** The official client, as a user would configure it against a self-managed Camunda 8.8 (Basic). */
function officialClient(runtime: RunningRuntime, validation: string): CamundaClient {
  return createCamundaClient({
    config: {
      CAMUNDA_REST_ADDRESS: runtime.restAddress,
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: DEMO_USER.username,
      CAMUNDA_BASIC_AUTH_PASSWORD: DEMO_USER.password,
      CAMUNDA_SDK_VALIDATION: validation,
      CAMUNDA_SDK_LOG_LEVEL: 'silent',
    } as never,
  });
}

/** The error of a call that must fail. */
async function failure(call: Promise<unknown>): Promise<{ status?: number; title?: string; detail?: string; message?: string; issues?: string[]; side?: string }> {
  try {
    await call;
  } catch (err) {
    return err as never;
  }
  throw new Error('the call succeeded');
}

// the client's branded key types, from the strings the runtime answers with
const key = (k: unknown) => String(k) as never;

describe('official client @camunda8/orchestration-cluster-api 8.8 in strict validation (issue #9 item 5)', () => {
  let runtime: RunningRuntime;
  let camunda: CamundaClient;
  /** Strict responses; requests sent as given (strict request validation drops page cursors, see above). */
  let paging: CamundaClient;
  let definitionKeys: Record<string, string>;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    camunda = officialClient(runtime, 'req:strict,res:strict');
    paging = officialClient(runtime, 'req:warn,res:strict');
    const deployment = await camunda.createDeployment({ resources: FIXTURES.map((name) => new File([readFileSync(fixture(name))], name)) });
    definitionKeys = Object.fromEntries(deployment.processes.map((p) => [p.processDefinitionId, String(p.processDefinitionKey)]));
  });
  afterAll(async () => {
    await runtime?.close();
  });

  const startService = async () => {
    const created = await camunda.createProcessInstance({ processDefinitionId: 'api-service-task' as never, variables: { ticket: 'T-1' } });
    return String(created.processInstanceKey);
  };
  const activate = async (type: string) => {
    const { jobs } = await camunda.activateJobs({ type, worker: 'official-client', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 5_000 });
    expect(jobs).toHaveLength(1);
    return jobs[0];
  };

  test('cluster: topology, license, status', async () => {
    // given / when
    const topology = await camunda.getTopology();
    const license = await camunda.getLicense();
    const status = await camunda.getStatus();
    // then
    expect(topology).toMatchObject({ clusterSize: 1, partitionsCount: 1, gatewayVersion: '8.8.0' });
    expect(license).toMatchObject({ validLicense: false, licenseType: 'unknown' });
    expect(status).toBeFalsy();
  });

  test('deployment and resources: deploy (processes and forms in the 8.8 shape), get, content, delete', async () => {
    // given
    const xml = readFileSync(fixture('api-straight-through.bpmn'), 'utf8').replace(/api-straight-through/g, 'official-client-delete-me');
    // when
    const deployment = await camunda.createDeployment({ resources: [new File([xml], 'official-client-delete-me.bpmn')] });
    const resourceKey = key(deployment.processes[0].processDefinitionKey);
    const resource = await camunda.getResource({ resourceKey });
    const content = await camunda.getResourceContent({ resourceKey });
    await camunda.deleteResource({ resourceKey });
    // then
    expect(deployment.deployments[0].processDefinition).toMatchObject({ processDefinitionId: 'official-client-delete-me', processDefinitionVersion: 1, tenantId: '<default>' });
    expect(resource).toEqual({ resourceKey: String(resourceKey), resourceId: 'official-client-delete-me', resourceName: 'official-client-delete-me.bpmn', version: 1, tenantId: '<default>' });
    expect(String(content)).toContain('official-client-delete-me');
    expect((await failure(camunda.getResource({ resourceKey }))).status).toBe(404);
  });

  test('process definitions: search paged by opaque cursors, get, XML, element statistics', async () => {
    // given
    const sort = [{ field: 'processDefinitionKey' as const, order: 'ASC' as const }];
    // when
    const first = await camunda.searchProcessDefinitions({ filter: {}, sort, page: { limit: 2 } }, NOW);
    const next = await paging.searchProcessDefinitions({ filter: {}, sort, page: { limit: 2, after: first.page.endCursor } }, NOW);
    const back = await paging.searchProcessDefinitions({ filter: {}, sort, page: { limit: 2, before: next.page.startCursor } }, NOW);
    const definition = await camunda.getProcessDefinition({ processDefinitionKey: key(definitionKeys['api-service-task']) }, NOW);
    const xml = await camunda.getProcessDefinitionXml({ processDefinitionKey: key(definitionKeys['api-service-task']) }, NOW);
    const statistics = await camunda.getProcessDefinitionStatistics({ processDefinitionKey: key(definitionKeys['api-service-task']), filter: {} }, NOW);
    // then
    expect(first.page.endCursor).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(next.items?.map((d) => d.processDefinitionKey)).not.toEqual(first.items?.map((d) => d.processDefinitionKey));
    expect(back.items?.map((d) => d.processDefinitionKey)).toEqual(first.items?.map((d) => d.processDefinitionKey));
    expect(definition).toEqual({
      processDefinitionKey: definitionKeys['api-service-task'],
      processDefinitionId: 'api-service-task',
      name: 'API service task',
      version: 1,
      resourceName: 'api-service-task.bpmn',
      tenantId: '<default>',
      hasStartForm: false,
    });
    expect(String(xml)).toContain('api-do-work');
    expect(Array.isArray(statistics.items)).toBe(true);
  });

  test('process instances: create (int64 requestTimeout as the client sends it), await completion, search, get, hierarchy, statistics, cancel', async () => {
    // given
    const parent = await camunda.createProcessInstance({ processDefinitionId: 'api-call-parent' as never, variables: {} });
    const parentKey = key(parent.processInstanceKey);
    // when
    const completed = await camunda.createProcessInstance({ processDefinitionId: 'api-straight-through' as never, variables: { a: 2, b: 3 }, awaitCompletion: true, requestTimeout: 10_000 });
    const children = await eventually(async () => {
      const found = await camunda.searchProcessInstances({ filter: { parentProcessInstanceKey: parentKey } }, NOW);
      return found.items.length > 0 ? found : undefined;
    }, 'the called child');
    const child = children.items[0];
    const got = await camunda.getProcessInstance({ processInstanceKey: parentKey }, NOW);
    const hierarchy = await camunda.getProcessInstanceCallHierarchy({ processInstanceKey: key(child.processInstanceKey) }, NOW);
    const statistics = await camunda.getProcessInstanceStatistics({ processInstanceKey: parentKey }, NOW);
    const incidents = await camunda.searchProcessInstanceIncidents({ processInstanceKey: parentKey }, NOW);
    await camunda.cancelProcessInstance({ processInstanceKey: parentKey });
    // then
    expect(completed.variables).toMatchObject({ a: 2, b: 3 });
    expect(child).toMatchObject({ processDefinitionId: 'api-call-child', parentProcessInstanceKey: String(parentKey), state: 'ACTIVE' });
    expect(got).toMatchObject({ processInstanceKey: String(parentKey), processDefinitionName: 'API call activity parent', state: 'ACTIVE', hasIncident: false });
    expect(got).not.toHaveProperty('endDate');
    expect(hierarchy.map((h) => h.processInstanceKey)).toEqual([String(parentKey), String(child.processInstanceKey)]);
    expect(statistics.items?.length).toBeGreaterThan(0);
    expect(incidents.items).toEqual([]);
    expect(incidents.page).toEqual({ totalItems: 0n, hasMoreTotalItems: false });
    expect(await camunda.getProcessInstance({ processInstanceKey: parentKey }, NOW)).toMatchObject({ state: 'TERMINATED', endDate: expect.any(String) });
  });

  test('element instances and variables: search, get, set variables on a scope', async () => {
    // given
    const processInstanceKey = key(await startService());
    // when
    await camunda.createElementInstanceVariables({ elementInstanceKey: processInstanceKey, variables: { priority: 'high' } });
    const elements = await camunda.searchElementInstances({ filter: { processInstanceKey } }, NOW);
    const task = elements.items?.find((e) => e.elementId === 'ServiceTask_DoWork');
    const element = await camunda.getElementInstance({ elementInstanceKey: key(task?.elementInstanceKey) }, NOW);
    const variables = await camunda.searchVariables({ filter: { processInstanceKey } }, NOW);
    const priority = variables.items?.find((v) => v.name === 'priority');
    const variable = await camunda.getVariable({ variableKey: key(priority?.variableKey) }, NOW);
    // then
    expect(element).toMatchObject({ elementId: 'ServiceTask_DoWork', type: 'SERVICE_TASK', state: 'ACTIVE', hasIncident: false });
    expect(element).not.toHaveProperty('endDate');
    expect(variable).toMatchObject({ name: 'priority', value: '"high"', processInstanceKey: String(processInstanceKey) });
  });

  test('jobs and incidents: activate (int64 timeout and requestTimeout as strings), update, fail into an incident, resolve, throw an error, complete', async () => {
    // given: a job type of its own (other tests leave api-do-work jobs behind)
    const xml = readFileSync(fixture('api-service-task.bpmn'), 'utf8').replace(/api-do-work/g, 'official-client-work').replace(/api-service-task/g, 'official-client-jobs');
    await camunda.createDeployment({ resources: [new File([xml], 'official-client-jobs.bpmn')] });
    const start = async () => String((await camunda.createProcessInstance({ processDefinitionId: 'official-client-jobs' as never, variables: { ticket: 'T-1' } })).processInstanceKey);
    const processInstanceKey = await start();
    const job = await activate('official-client-work');
    // when
    await camunda.updateJob({ jobKey: job.jobKey, changeset: { retries: 1, timeout: 30_000 } });
    await camunda.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: 'the desk system is down', retryBackOff: 0 });
    const [incident] = (await camunda.searchIncidents({ filter: { processInstanceKey: key(processInstanceKey) } }, NOW)).items ?? [];
    const got = await camunda.getIncident({ incidentKey: key(incident.incidentKey) }, NOW);
    await camunda.updateJob({ jobKey: job.jobKey, changeset: { retries: 1 } });
    await camunda.resolveIncident({ incidentKey: key(incident.incidentKey) });
    const again = await activate('official-client-work');
    await camunda.throwJobError({ jobKey: again.jobKey, errorCode: 'NOT_CAUGHT', errorMessage: 'nobody catches this' });
    const other = await start();
    const third = await activate('official-client-work');
    await camunda.completeJob({ jobKey: third.jobKey, variables: { done: true } });
    // then
    expect(job).toMatchObject({ type: 'official-client-work', processInstanceKey, kind: 'BPMN_ELEMENT', listenerEventType: 'UNSPECIFIED', customHeaders: { channel: 'desk' }, variables: { ticket: 'T-1' } });
    expect(got).toMatchObject({ errorType: 'JOB_NO_RETRIES', errorMessage: 'the desk system is down', state: 'ACTIVE', jobKey: String(job.jobKey) });
    expect((await camunda.searchIncidents({ filter: { processInstanceKey: key(processInstanceKey), errorType: 'UNHANDLED_ERROR_EVENT' } }, NOW)).items).toHaveLength(1);
    expect(await camunda.getProcessInstance({ processInstanceKey: key(other) }, NOW)).toMatchObject({ state: 'COMPLETED' });
  });

  test('messages: publish with a time to live (int64 as a string), correlate to a waiting catch event; the clock pinned and reset', async () => {
    // given
    const now = Date.parse('2026-05-04T08:00:00Z');
    await camunda.pinClock({ timestamp: now });
    const waiting = await camunda.createProcessInstance({ processDefinitionId: 'api-intermediate-catch' as never, variables: { outageId: 'official-1' } });
    // when
    await camunda.pinClock({ timestamp: now + 4 * 3_600_000 });
    const published = await camunda.publishMessage({ name: 'api-restored', correlationKey: 'nobody-waits', timeToLive: 60_000, variables: {} });
    const correlated = await camunda.correlateMessage({ name: 'api-restored', correlationKey: 'official-1', variables: { restored: true } });
    await camunda.resetClock();
    // then
    expect(published).toMatchObject({ tenantId: '<default>', messageKey: expect.stringMatching(/^\d+$/) });
    expect(correlated).toMatchObject({ processInstanceKey: String(waiting.processInstanceKey) });
    expect(await camunda.getProcessInstance({ processInstanceKey: key(waiting.processInstanceKey) }, NOW)).toMatchObject({ state: 'COMPLETED' });
  });

  test('user tasks: search paged by cursors, get, variables, assign, update, unassign, complete', async () => {
    // given
    const created = await camunda.createProcessInstance({ processDefinitionId: 'api-user-task' as never, variables: { dueDate: '2026-06-01T12:00:00Z' } });
    await camunda.createProcessInstance({ processDefinitionId: 'api-user-task' as never, variables: { dueDate: '2026-06-01T12:00:00Z' } });
    // when
    const first = await camunda.searchUserTasks({ filter: { processDefinitionId: 'api-user-task' as never, state: 'CREATED' }, page: { limit: 1 } }, NOW);
    const next = await paging.searchUserTasks({ filter: { processDefinitionId: 'api-user-task' as never, state: 'CREATED' }, page: { limit: 1, after: first.page.endCursor } }, NOW);
    const [task] = (await camunda.searchUserTasks({ filter: { processInstanceKey: key(created.processInstanceKey) } }, NOW)).items;
    const userTaskKey = key(task.userTaskKey);
    const variables = await camunda.searchUserTaskVariables({ userTaskKey }, NOW);
    await camunda.assignUserTask({ userTaskKey, assignee: 'anna', allowOverride: true });
    await camunda.updateUserTask({ userTaskKey, changeset: { priority: 80, candidateGroups: ['desk'] } });
    const assigned = await camunda.getUserTask({ userTaskKey }, NOW);
    await camunda.unassignUserTask({ userTaskKey });
    const unassigned = await camunda.getUserTask({ userTaskKey }, NOW);
    await camunda.completeUserTask({ userTaskKey, variables: { confirmed: true } });
    // then
    expect(first.page.startCursor).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(first.page.totalItems).toBeGreaterThanOrEqual(2n);
    expect(next.items[0].userTaskKey).not.toBe(first.items[0].userTaskKey);
    expect(variables.items?.map((v) => v.name)).toContain('dueDate');
    expect(assigned).toMatchObject({ assignee: 'anna', priority: 80, candidateGroups: ['desk'], state: 'CREATED' });
    expect(unassigned).not.toHaveProperty('assignee');
    expect(await camunda.getUserTask({ userTaskKey }, NOW)).toMatchObject({ state: 'COMPLETED', completionDate: expect.any(String) });
  });

  test('task listeners: a TASK_LISTENER job with its userTask, completed with a result (corrections, then a denial as 409) through the client', async () => {
    // given
    const created = await camunda.createProcessInstance({ processDefinitionId: 'api-task-listeners' as never, variables: { outageId: 'official-tl', completingListener: 'official-tl-second' } });
    const creating = await activate('tl-creating');
    await camunda.completeJob({ jobKey: creating.jobKey, result: { type: 'userTask', corrections: { priority: 60 } } });
    const [task] = (await camunda.searchUserTasks({ filter: { processInstanceKey: key(created.processInstanceKey) } }, NOW)).items;
    // when
    const completion = failure(camunda.completeUserTask({ userTaskKey: key(task.userTaskKey), variables: { decision: 'publish' } }));
    const completing = await activate('tl-completing');
    await camunda.completeJob({ jobKey: completing.jobKey, result: { type: 'userTask', denied: true, deniedReason: 'the system owner decides' } });
    // then
    expect(creating).toMatchObject({ kind: 'TASK_LISTENER', listenerEventType: 'CREATING', elementId: 'UserTask_Review' });
    expect(completing).toMatchObject({ kind: 'TASK_LISTENER', listenerEventType: 'COMPLETING', userTask: expect.objectContaining({ action: 'complete', userTaskKey: String(task.userTaskKey) }) });
    expect(await completion).toMatchObject({ status: 409, title: 'INVALID_STATE' });
    expect(await camunda.getUserTask({ userTaskKey: key(task.userTaskKey) }, NOW)).toMatchObject({ state: 'CREATED', priority: 60 });
  });

  test('forms: Camunda\'s answers that this client\'s schemas reject – the form schema as a JSON string, no start form as a bare 204', async () => {
    // given
    const lenient = officialClient(runtime, 'req:strict,res:none');
    const created = await camunda.createProcessInstance({ processDefinitionId: 'api-user-task' as never, variables: {} });
    const [task] = (await camunda.searchUserTasks({ filter: { processInstanceKey: key(created.processInstanceKey) } }, NOW)).items;
    const userTaskKey = key(task.userTaskKey);
    const processDefinitionKey = key(definitionKeys['api-service-task']);
    // when
    const strictForm = await failure(camunda.getUserTaskForm({ userTaskKey }, NOW));
    const strictStart = await failure(camunda.getStartProcessForm({ processDefinitionKey }, NOW));
    const form = await lenient.getUserTaskForm({ userTaskKey }, NOW);
    const start = await lenient.getStartProcessForm({ processDefinitionKey }, NOW);
    // then
    expect(strictForm).toMatchObject({ message: 'Invalid getUserTaskForm response: validation failed', issues: ['(root): union mismatch'] });
    expect(strictStart).toMatchObject({ message: 'Invalid getStartProcessForm response: validation failed', issues: ['(root): union mismatch'] });
    expect(form).toMatchObject({ formId: 'api-confirm-outage', version: 1, tenantId: '<default>', formKey: expect.stringMatching(/^\d+$/) });
    expect(JSON.parse((form as { schema: unknown }).schema as string)).toEqual(JSON.parse(readFileSync(fixture('api-confirm-outage.form'), 'utf8')));
    expect(start).toBeNull();
  });

  test('decisions, jobs, message subscriptions and signals (issue #14): deployment, evaluation, searches and gets parse in the 8.8 shapes', async () => {
    // given
    const deployment = await camunda.createDeployment({ resources: ['api-hit-policies.dmn', 'api-business-rule.bpmn', 'api-boundary-events.bpmn'].map((name) => new File([readFileSync(fixture(name))], name)) });
    const pi = await camunda.createProcessInstance({ processDefinitionId: 'api-business-rule' as never, variables: { amount: 500, feeDecision: 'fee_sum' } });
    const waiting = await camunda.createProcessInstance({ processDefinitionId: 'api-boundary-events' as never, variables: { outageId: 'OC-14' } });
    await startService();
    // when
    const strictEvaluation = await failure(camunda.evaluateDecision({ decisionDefinitionId: 'fee_total' as never, variables: { amount: 60 } }));
    const evaluation = await officialClient(runtime, 'req:strict,res:none').evaluateDecision({ decisionDefinitionId: 'fee_total' as never, variables: { amount: 60 } });
    const definitions = await camunda.searchDecisionDefinitions({ filter: { decisionDefinitionId: 'route' as never } }, NOW);
    const definition = await camunda.getDecisionDefinition({ decisionDefinitionKey: key(definitions.items![0].decisionDefinitionKey) }, NOW);
    const xml = await camunda.getDecisionDefinitionXml({ decisionDefinitionKey: key(definitions.items![0].decisionDefinitionKey) }, NOW);
    const requirements = await camunda.searchDecisionRequirements({}, NOW);
    const drg = await camunda.getDecisionRequirements({ decisionRequirementsKey: key(requirements.items![0].decisionRequirementsKey) }, NOW);
    const instances = await camunda.searchDecisionInstances({ filter: { processInstanceKey: key(pi.processInstanceKey) } }, NOW);
    const instance = await camunda.getDecisionInstance({ decisionEvaluationInstanceKey: key(instances.items![0].decisionEvaluationInstanceKey) }, NOW);
    const jobs = await camunda.searchJobs({ filter: { type: 'api-do-work' } }, NOW);
    const subscriptions = await camunda.searchMessageSubscriptions({ filter: { processInstanceKey: key(waiting.processInstanceKey) } }, NOW);
    const signal = await camunda.broadcastSignal({ signalName: 'nobody-waits' });
    // then
    expect(deployment.decisions.map((d) => d.decisionDefinitionId)).toContain('fee_sum');
    expect(deployment.decisionRequirements).toEqual([expect.objectContaining({ decisionRequirementsId: 'api_hit_policies', version: 1 })]);
    // Camunda answers a successful evaluation with failedDecisionDefinitionId "" (its record's empty default), which this client's schema refuses
    expect(strictEvaluation).toMatchObject({
      message: 'Invalid evaluateDecision response: validation failed',
      issues: ['failedDecisionDefinitionId: Too small: expected string to have >=1 characters', 'failedDecisionDefinitionId: Invalid string: must match pattern /^[A-Za-z0-9_@.+-]+$/'],
    });
    expect(evaluation).toMatchObject({ decisionDefinitionId: 'fee_total', output: '44', failureMessage: '', failedDecisionDefinitionId: '' });
    expect(evaluation.evaluatedDecisions.map((d) => d.decisionDefinitionId)).toEqual(['fee_sum', 'fee_total']);
    expect(definition).toMatchObject({ decisionDefinitionId: 'route', name: 'Route', decisionRequirementsId: 'api_hit_policies' });
    expect(xml).toContain('<decision id="route"');
    expect(drg).toMatchObject({ decisionRequirementsId: 'api_hit_policies', resourceName: 'api-hit-policies.dmn' });
    expect(instances.items!.map((i) => [i.decisionDefinitionId, i.state])).toEqual([
      ['route', 'EVALUATED'],
      ['fee_sum', 'EVALUATED'],
    ]);
    expect(instance).toMatchObject({ decisionDefinitionId: 'route', matchedRules: [{ ruleId: 'route_r1', ruleIndex: 1 }], evaluatedInputs: [{ inputId: 'route_amount', inputValue: '500' }] });
    expect(jobs.items.length).toBeGreaterThanOrEqual(1);
    expect(jobs.items[0]).toMatchObject({ type: 'api-do-work', state: 'CREATED', kind: 'BPMN_ELEMENT', listenerEventType: 'UNSPECIFIED', hasFailedWithRetriesLeft: false });
    expect(subscriptions.items).toEqual([
      expect.objectContaining({ elementId: 'Event_OutageCancelled', messageSubscriptionState: 'CREATED', correlationKey: 'OC-14', processInstanceKey: String(waiting.processInstanceKey) }),
    ]);
    expect(signal.signalKey).toMatch(/^\d+$/);
  });

  test('refused endpoints answer problem JSON the client understands (501 NOT_SUPPORTED)', async () => {
    // given
    const processInstanceKey = key(await startService());
    // when
    const refused = await failure(camunda.getProcessInstanceSequenceFlows({ processInstanceKey }, NOW));
    // then
    expect(refused).toMatchObject({ status: 501, title: 'NOT_SUPPORTED' });
  });
});
