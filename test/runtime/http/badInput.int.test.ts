/**
 * Issue #3, API hygiene: bad input for every endpoint — malformed JSON, wrong types, unknown keys and
 * unknown resources — is answered with a 400/404 RFC 7807 problem, the process stays up, and nothing
 * changes.
 */
import { readFileSync } from 'node:fs';
import type { RunningRuntime } from '../../../runtime/src/startRuntime';
import { fixture, raw, sdkClient, startTestRuntime, type RawResponse, type RestClient, basicAuth } from './support/localRuntime';

const MISSING_KEY = '2251799813999999';
const MALFORMED = '{"name": "x", ';

interface Keys {
  processDefinitionKey: string;
  processInstanceKey: string;
  userTaskInstanceKey: string;
  elementInstanceKey: string;
  variableKey: string;
  jobKey: string;
  userTaskKey: string;
}

interface Case {
  name: string;
  method: string;
  path: (k: Keys) => string;
  body?: string;
  contentType?: string;
  status: 400 | 404 | 415 | 501;
  /** Text the problem's detail must contain (the field or resource at fault). */
  mentions?: string;
}

const json = (v: unknown) => JSON.stringify(v);

/** For every JSON endpoint: malformed JSON, wrong types, unknown properties. */
const jsonEndpoints: Array<{ label: string; method: string; path: (k: Keys) => string; wrongTypes: unknown; wrongField: string; valid: unknown }> = [
  { label: 'create process instance', method: 'POST', path: () => '/v2/process-instances', wrongTypes: { processDefinitionId: 42, variables: 'x' }, wrongField: 'variables', valid: { processDefinitionId: 'api-service-task' } },
  { label: 'search process instances', method: 'POST', path: () => '/v2/process-instances/search', wrongTypes: { filter: { state: 5 }, page: { limit: 'ten' } }, wrongField: 'page.limit', valid: { filter: {} } },
  { label: 'cancel process instance', method: 'POST', path: (k) => `/v2/process-instances/${k.processInstanceKey}/cancellation`, wrongTypes: { operationReference: 'abc' }, wrongField: 'operationReference', valid: {} },
  { label: 'search process definitions', method: 'POST', path: () => '/v2/process-definitions/search', wrongTypes: { filter: { version: 'one' } }, wrongField: 'filter.version', valid: {} },
  { label: 'search element instances', method: 'POST', path: () => '/v2/element-instances/search', wrongTypes: { sort: [{ field: 'elementInstanceKey', order: 'sideways' }] }, wrongField: 'sort', valid: {} },
  { label: 'set variables', method: 'PUT', path: (k) => `/v2/element-instances/${k.processInstanceKey}/variables`, wrongTypes: { variables: [1, 2], local: 'yes' }, wrongField: 'local', valid: { variables: { a: 1 } } },
  { label: 'search variables', method: 'POST', path: () => '/v2/variables/search', wrongTypes: { filter: { processInstanceKey: { $in: 'x' } } }, wrongField: 'filter.processInstanceKey', valid: {} },
  { label: 'activate jobs', method: 'POST', path: () => '/v2/jobs/activation', wrongTypes: { type: 1, timeout: 'soon', maxJobsToActivate: -1 }, wrongField: 'maxJobsToActivate', valid: { type: 'api-do-work', timeout: 1000, maxJobsToActivate: 1, requestTimeout: -1 } },
  { label: 'complete job', method: 'POST', path: (k) => `/v2/jobs/${k.jobKey}/completion`, wrongTypes: { variables: 'done' }, wrongField: 'variables', valid: {} },
  { label: 'fail job', method: 'POST', path: (k) => `/v2/jobs/${k.jobKey}/failure`, wrongTypes: { retries: 'three', retryBackOff: -5 }, wrongField: 'retries', valid: {} },
  { label: 'throw job error', method: 'POST', path: (k) => `/v2/jobs/${k.jobKey}/error`, wrongTypes: { errorCode: 5 }, wrongField: 'errorCode', valid: { errorCode: 'X' } },
  { label: 'update job', method: 'PATCH', path: (k) => `/v2/jobs/${k.jobKey}`, wrongTypes: { changeset: { retries: 'many' } }, wrongField: 'changeset.retries', valid: { changeset: { retries: 5 } } },
  { label: 'publish message', method: 'POST', path: () => '/v2/messages/publication', wrongTypes: { name: 5, timeToLive: 'forever' }, wrongField: 'timeToLive', valid: { name: 'api-unused', correlationKey: 'x' } },
  { label: 'correlate message', method: 'POST', path: () => '/v2/messages/correlation', wrongTypes: { name: [], variables: 3 }, wrongField: 'name', valid: { name: 'api-unused', correlationKey: 'x' } },
  { label: 'search user tasks', method: 'POST', path: () => '/v2/user-tasks/search', wrongTypes: { filter: { candidateGroup: 7 } }, wrongField: 'filter.candidateGroup', valid: {} },
  { label: 'search user task variables', method: 'POST', path: (k) => `/v2/user-tasks/${k.userTaskKey}/variables/search`, wrongTypes: { filter: { name: false } }, wrongField: 'filter.name', valid: {} },
  { label: 'assign user task', method: 'POST', path: (k) => `/v2/user-tasks/${k.userTaskKey}/assignment`, wrongTypes: { assignee: 5, allowOverride: 'yes' }, wrongField: 'assignee', valid: { assignee: 'anna' } },
  { label: 'update user task', method: 'PATCH', path: (k) => `/v2/user-tasks/${k.userTaskKey}`, wrongTypes: { changeset: { priority: 'high', dueDate: 'tomorrow' } }, wrongField: 'changeset.priority', valid: { changeset: { priority: 10 } } },
  { label: 'complete user task', method: 'POST', path: (k) => `/v2/user-tasks/${k.userTaskKey}/completion`, wrongTypes: { variables: 5 }, wrongField: 'variables', valid: {} },
  { label: 'search incidents', method: 'POST', path: () => '/v2/incidents/search', wrongTypes: { filter: { creationTime: 'yesterday' } }, wrongField: 'filter.creationTime', valid: {} },
  { label: 'pin clock', method: 'PUT', path: () => '/v2/clock', wrongTypes: { timestamp: 'now' }, wrongField: 'timestamp', valid: { timestamp: 1 } },
  { label: 'reset clock', method: 'POST', path: () => '/v2/clock/reset', wrongTypes: [], wrongField: 'body', valid: {} },
  { label: 'delete resource', method: 'POST', path: (k) => `/v2/resources/${k.processDefinitionKey}/deletion`, wrongTypes: { operationReference: [] }, wrongField: 'operationReference', valid: {} },
  { label: 'add to clock (monitoring)', method: 'POST', path: () => '/actuator/clock/add', wrongTypes: { offsetMilli: '1h' }, wrongField: 'offsetMilli', valid: { offsetMilli: 1 } },
];

const cases: Case[] = [
  ...jsonEndpoints.flatMap((e): Case[] => [
    { name: `${e.label}: malformed JSON → 400`, method: e.method, path: e.path, body: MALFORMED, status: 400, mentions: 'not valid JSON' },
    { name: `${e.label}: wrong types → 400 naming the field`, method: e.method, path: e.path, body: json(e.wrongTypes), status: 400, mentions: e.wrongField },
    {
      name: `${e.label}: unknown property → 400 naming it`,
      method: e.method,
      path: e.path,
      body: json({ ...(e.valid as object), unexpectedProperty: true }),
      status: 400,
      mentions: 'unexpectedProperty',
    },
  ]),
  { name: 'create process instance: integer beyond 2^53 in variables → 400', method: 'POST', path: () => '/v2/process-instances', body: '{"processDefinitionId":"api-service-task","variables":{"n":12345678901234567890}}', status: 400, mentions: '12345678901234567890' },
  { name: 'create process instance: unknown process id → 404', method: 'POST', path: () => '/v2/process-instances', body: json({ processDefinitionId: 'no-such-process' }), status: 404, mentions: 'no-such-process' },
  { name: 'create process instance: unknown definition key → 404', method: 'POST', path: () => '/v2/process-instances', body: json({ processDefinitionKey: MISSING_KEY }), status: 404, mentions: MISSING_KEY },
  { name: 'create process instance: both id and key → 400', method: 'POST', path: () => '/v2/process-instances', body: json({ processDefinitionId: 'api-service-task', processDefinitionKey: MISSING_KEY }), status: 400 },
  { name: 'create process instance: other tenant → 400', method: 'POST', path: () => '/v2/process-instances', body: json({ processDefinitionId: 'api-service-task', tenantId: 'region-x' }), status: 400, mentions: 'tenant' },
  { name: 'create process instance: text/plain body → 415', method: 'POST', path: () => '/v2/process-instances', body: 'processDefinitionId=x', contentType: 'text/plain', status: 415 },
  { name: 'cancel process instance: unknown key → 404', method: 'POST', path: () => `/v2/process-instances/${MISSING_KEY}/cancellation`, body: '{}', status: 404, mentions: MISSING_KEY },
  { name: "cancel process instance: key 'undefined' (process-test flush) → 404", method: 'POST', path: () => '/v2/process-instances/undefined/cancellation', body: '{}', status: 404, mentions: 'undefined' },
  { name: 'get process instance: unknown key → 404', method: 'GET', path: () => `/v2/process-instances/${MISSING_KEY}`, status: 404 },
  { name: 'get process definition: unknown key → 404', method: 'GET', path: () => `/v2/process-definitions/${MISSING_KEY}`, status: 404 },
  { name: 'get process definition XML: unknown key → 404', method: 'GET', path: () => `/v2/process-definitions/${MISSING_KEY}/xml`, status: 404 },
  { name: 'get element instance: unknown key → 404', method: 'GET', path: () => `/v2/element-instances/${MISSING_KEY}`, status: 404 },
  { name: 'set variables: unknown element instance → 404', method: 'PUT', path: () => `/v2/element-instances/${MISSING_KEY}/variables`, body: json({ variables: { a: 1 } }), status: 404 },
  { name: 'get variable: unknown key → 404', method: 'GET', path: () => `/v2/variables/${MISSING_KEY}`, status: 404 },
  { name: 'activate jobs: other tenant → 400', method: 'POST', path: () => '/v2/jobs/activation', body: json({ type: 'api-do-work', timeout: 1000, maxJobsToActivate: 1, tenantIds: ['region-x'] }), status: 400, mentions: 'tenant' },
  { name: 'complete job: unknown key → 404', method: 'POST', path: () => `/v2/jobs/${MISSING_KEY}/completion`, body: '{}', status: 404 },
  { name: 'fail job: unknown key → 404', method: 'POST', path: () => `/v2/jobs/${MISSING_KEY}/failure`, body: '{}', status: 404 },
  { name: 'throw job error: unknown key → 404', method: 'POST', path: () => `/v2/jobs/${MISSING_KEY}/error`, body: json({ errorCode: 'X' }), status: 404 },
  { name: 'update job: unknown key → 404', method: 'PATCH', path: () => `/v2/jobs/${MISSING_KEY}`, body: json({ changeset: { retries: 1 } }), status: 404 },
  { name: 'update job: empty changeset → 400', method: 'PATCH', path: (k) => `/v2/jobs/${k.jobKey}`, body: json({ changeset: {} }), status: 400 },
  { name: 'correlate message: nothing waits for it → 404', method: 'POST', path: () => '/v2/messages/correlation', body: json({ name: 'api-nobody-listens', correlationKey: 'x' }), status: 404 },
  { name: 'get user task: unknown key → 404', method: 'GET', path: () => `/v2/user-tasks/${MISSING_KEY}`, status: 404 },
  { name: 'get user task form: unknown key → 404', method: 'GET', path: () => `/v2/user-tasks/${MISSING_KEY}/form`, status: 404 },
  { name: 'search user task variables: unknown key → 404', method: 'POST', path: () => `/v2/user-tasks/${MISSING_KEY}/variables/search`, body: '{}', status: 404 },
  { name: 'assign user task: unknown key → 404', method: 'POST', path: () => `/v2/user-tasks/${MISSING_KEY}/assignment`, body: json({ assignee: 'anna' }), status: 404 },
  { name: 'unassign user task: unknown key → 404', method: 'DELETE', path: () => `/v2/user-tasks/${MISSING_KEY}/assignee`, status: 404 },
  { name: 'update user task: unknown key → 404', method: 'PATCH', path: () => `/v2/user-tasks/${MISSING_KEY}`, body: json({ changeset: { priority: 1 } }), status: 404 },
  { name: 'complete user task: unknown key → 404', method: 'POST', path: () => `/v2/user-tasks/${MISSING_KEY}/completion`, body: '{}', status: 404 },
  { name: 'get incident: unknown key → 404', method: 'GET', path: () => `/v2/incidents/${MISSING_KEY}`, status: 404 },
  { name: 'resolve incident: unknown key → 404', method: 'POST', path: () => `/v2/incidents/${MISSING_KEY}/resolution`, status: 404 },
  { name: 'delete resource: unknown key → 404', method: 'POST', path: () => `/v2/resources/${MISSING_KEY}/deletion`, body: '{}', status: 404 },
  { name: 'deploy: JSON instead of multipart → 400', method: 'POST', path: () => '/v2/deployments', body: json({ resources: ['x.bpmn'] }), status: 400, mentions: 'multipart' },
  { name: 'unknown endpoint → 404', method: 'GET', path: () => '/v2/no-such-thing', status: 404 },
  { name: 'broadcast signal: empty signalName → 400', method: 'POST', path: () => '/v2/signals/broadcast', body: json({ signalName: '' }), status: 400, mentions: 'signalName' },
];

function expectProblem(res: RawResponse, status: number, urlPath: string, mentions?: string) {
  expect(res.status).toBe(status);
  expect(res.contentType).toMatch(/^application\/problem\+json/);
  const problem = res.body as Record<string, unknown>;
  expect(problem).toEqual({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    instance: urlPath,
  });
  expect(problem.detail).not.toMatch(/\n\s+at /); // never a stack trace
  if (mentions) expect(problem.detail).toContain(mentions);
}

function multipart(parts: Array<{ name: string; filename?: string; content: string | Buffer }>): { body: Buffer; contentType: string } {
  const boundary = '----api-test-boundary';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.filename ? 'Content-Type: application/octet-stream\r\n' : ''}\r\n`));
    chunks.push(Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function postMultipart(runtime: RunningRuntime, parts: Parameters<typeof multipart>[0]): Promise<RawResponse> {
  const { body, contentType } = multipart(parts);
  const res = await fetch(`${runtime.restAddress}/v2/deployments`, { method: 'POST', headers: { 'content-type': contentType, authorization: basicAuth() }, body: new Uint8Array(body) });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), body: JSON.parse(text), text };
}

describe('REST API: bad input is refused with problem JSON and changes nothing (issue #3, API hygiene)', () => {
  let runtime: RunningRuntime;
  let client: RestClient;
  let keys: Keys;
  let before: unknown;

  /** Everything observable through the API, to prove that nothing changed. */
  async function snapshot() {
    const all = { page: { from: 0, limit: 1000 } };
    return {
      definitions: await client.searchProcessDefinitions(all as never),
      instances: await client.searchProcessInstances(all as never),
      elements: await client.searchElementInstances(all as never),
      variables: await client.searchVariables(all as never),
      userTasks: await client.searchUserTasks(all as never),
      incidents: await client.searchIncidents(all as never),
      clock: (await raw(runtime, 'GET', '/actuator/clock')).body,
    };
  }

  beforeAll(async () => {
    runtime = await startTestRuntime();
    client = sdkClient(runtime);
    await client.pinInternalClock(Date.parse('2026-03-02T08:00:00Z'));
    const deployment = await client.deployResourcesFromFiles([fixture('api-service-task.bpmn'), fixture('api-user-task.bpmn'), fixture('api-confirm-outage.form')]);
    const serviceInstance = await client.createProcessInstance({ processDefinitionId: 'api-service-task', variables: { outageId: 'S-1' } });
    const userTaskInstance = await client.createProcessInstance({ processDefinitionId: 'api-user-task', variables: { dueDate: '2026-03-03T08:00:00Z' } });
    const jobs = await client.activateJobs({ type: 'api-do-work', worker: 'bad-input-test', timeout: 600_000, maxJobsToActivate: 1 });
    const tasks = await client.searchUserTasks({ filter: { processInstanceKey: userTaskInstance.processInstanceKey } });
    const variables = await client.searchVariables({ filter: { processInstanceKey: serviceInstance.processInstanceKey } });
    keys = {
      processDefinitionKey: deployment.processes.find((p) => p.processDefinitionId === 'api-service-task')!.processDefinitionKey,
      processInstanceKey: serviceInstance.processInstanceKey,
      userTaskInstanceKey: userTaskInstance.processInstanceKey,
      elementInstanceKey: jobs[0].elementInstanceKey,
      variableKey: variables.items[0].variableKey,
      jobKey: jobs[0].jobKey,
      userTaskKey: tasks.items[0].userTaskKey,
    };
    before = await snapshot();
  });

  afterAll(async () => {
    await runtime?.close();
  });

  test.each(cases)('$name', async (c) => {
    // given: a runtime with a deployed process, an activated job and an open user task
    const urlPath = c.path(keys);
    // when
    const res = await raw(runtime, c.method, urlPath, c.body, c.contentType);
    // then
    expectProblem(res, c.status, urlPath, c.mentions);
  });

  test('deploy: no resources part → 400', async () => {
    // given: a multipart request with only a tenant
    // when
    const res = await postMultipart(runtime, [{ name: 'tenantId', content: '<default>' }]);
    // then
    expectProblem(res, 400, '/v2/deployments', 'resources');
  });

  test('deploy: unknown part name → 400 naming it', async () => {
    // given / when
    const res = await postMultipart(runtime, [{ name: 'files', filename: 'x.bpmn', content: readFileSync(fixture('api-service-task.bpmn')) }]);
    // then
    expectProblem(res, 400, '/v2/deployments', 'files');
  });

  test('deploy: other tenant → 400', async () => {
    // given / when
    const res = await postMultipart(runtime, [
      { name: 'resources', filename: 'api-service-task.bpmn', content: readFileSync(fixture('api-service-task.bpmn')) },
      { name: 'tenantId', content: 'region-x' },
    ]);
    // then
    expectProblem(res, 400, '/v2/deployments', 'tenant');
  });

  test('deploy: a malformed multipart body (cut off, no closing boundary, boundary missing) → 400, not 500', async () => {
    // given three broken multipart bodies
    const whole = multipart([{ name: 'resources', filename: 'api-service-task.bpmn', content: readFileSync(fixture('api-service-task.bpmn')) }]);
    const send = (body: Buffer, contentType: string) =>
      fetch(`${runtime.restAddress}/v2/deployments`, { method: 'POST', headers: { 'content-type': contentType, authorization: basicAuth() }, body: new Uint8Array(body) }).then(async (res) => ({
        status: res.status,
        contentType: res.headers.get('content-type'),
        body: JSON.parse(await res.text()) as unknown,
        text: '',
      }));
    // when
    const cutOff = await send(whole.body.subarray(0, whole.body.length - 40), whole.contentType);
    const garbage = await send(Buffer.from('this is not a multipart body at all'), whole.contentType);
    const noBoundary = await send(whole.body, 'multipart/form-data');
    // then each is a client's mistake, answered as problem JSON
    for (const res of [cutOff, garbage, noBoundary]) expectProblem(res, 400, '/v2/deployments');
  });

  test('deploy: broken XML → 400 and nothing stored', async () => {
    // given / when
    const res = await postMultipart(runtime, [{ name: 'resources', filename: 'broken.bpmn', content: '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="broken"' }]);
    // then
    expectProblem(res, 400, '/v2/deployments');
  });

  test('deploy: unsupported element (conditional catch, which Camunda 8.8 does not run) → 400 naming the element, nothing stored', async () => {
    // given: a valid model and one with a conditional event in the same deployment
    // when
    const res = await postMultipart(runtime, [
      { name: 'resources', filename: 'api-exclusive-gateway.bpmn', content: readFileSync(fixture('api-exclusive-gateway.bpmn')) },
      { name: 'resources', filename: 'api-unsupported-conditional.bpmn', content: readFileSync(fixture('api-unsupported-conditional.bpmn')) },
    ]);
    // then: refused as a whole
    expectProblem(res, 400, '/v2/deployments', 'Event_ConditionMet');
  });

  test('monitoring: negative clock offset → 400', async () => {
    // given / when
    const res = await raw(runtime, 'POST', '/actuator/clock/add', json({ offsetMilli: -1000 }));
    // then
    expectProblem(res, 400, '/actuator/clock/add', 'offsetMilli');
  });

  test('after all the bad input the runtime is up and nothing changed', async () => {
    // given: every bad request above was sent
    // when
    const topology = await client.getTopology();
    const after = await snapshot();
    // then
    expect(topology).toMatchObject({ gatewayVersion: '8.8.0', clusterSize: 1 });
    expect(after).toEqual(before);
    // and the activated job and the user task still work
    await client.completeJob({ jobKey: keys.jobKey, variables: { done: true } });
    await client.completeUserTask({ userTaskKey: keys.userTaskKey, variables: { confirmed: true } });
    const instances = await client.searchProcessInstances({ filter: { state: 'COMPLETED' } } as never);
    expect(instances.items.map((i) => i.processInstanceKey).sort()).toEqual([keys.processInstanceKey, keys.userTaskInstanceKey].sort());
  });
});
