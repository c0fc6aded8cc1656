/**
 * Conformance through @camunda8/sdk (CamundaRestClient), issue #3 items 1, 2, 4 and 11: deployments,
 * process definitions, process instances (create, awaitCompletion, cancel, search), call activities,
 * variables and io mappings, topology.
 */
import { readFileSync } from 'node:fs';
import type { RunningRuntime } from '../../../runtime/src/startRuntime';
import { fixture, raw, sdkClient, startTestRuntime, type RestClient } from './support/localRuntime';
import { activate, deploy, elements, instance, processVariables, trail } from './support/sdkHelpers';

describe('SDK conformance: deployments and process instances (issue #3 items 1, 2, 4, 11)', () => {
  let runtime: RunningRuntime;
  let client: RestClient;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    client = sdkClient(runtime);
  });
  afterAll(async () => {
    await runtime?.close();
  });

  test('topology has Camunda 8.8 shape (one broker, one partition)', async () => {
    // given / when
    const topology = await client.getTopology();
    // then
    expect(topology).toEqual({
      brokers: [{ nodeId: 0, host: expect.any(String), port: expect.any(Number), partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }], version: '8.8.0' }],
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: '8.8.0',
      lastCompletedChangeId: expect.any(String),
    });
  });

  test('deploy BPMN and form: versions per id, keys as strings; identical redeploy keeps the version', async () => {
    // given
    const first = await deploy(client, 'api-user-task.bpmn', 'api-confirm-outage.form');
    // when: the same resources again, then a changed model
    const same = await deploy(client, 'api-user-task.bpmn');
    const changedXml = readFileSync(fixture('api-user-task.bpmn'), 'utf8').replace('name="API user task"', 'name="API user task v2"');
    const changed = await client.deployResources([{ name: 'api-user-task.bpmn', content: changedXml }]);
    // then
    expect(first.deploymentKey).toMatch(/^\d+$/);
    expect(first.tenantId).toBe('<default>');
    expect(first.processes).toEqual([
      { processDefinitionId: 'api-user-task', processDefinitionVersion: 1, processDefinitionKey: expect.stringMatching(/^\d+$/), resourceName: 'api-user-task.bpmn', tenantId: '<default>' },
    ]);
    expect(first.forms).toEqual([{ formId: 'api-confirm-outage', version: 1, formKey: expect.stringMatching(/^\d+$/), resourceName: 'api-confirm-outage.form', tenantId: '<default>' }]);
    expect(same.processes[0]).toMatchObject({ processDefinitionVersion: 1, processDefinitionKey: first.processes[0].processDefinitionKey });
    expect(changed.processes[0]).toMatchObject({ processDefinitionId: 'api-user-task', processDefinitionVersion: 2 });
    expect(changed.processes[0].processDefinitionKey).not.toBe(first.processes[0].processDefinitionKey);
  });

  test('process definitions: search with filter, sort and page; get; XML', async () => {
    // given: two versions of api-user-task (previous test) and another process
    const other = await deploy(client, 'api-exclusive-gateway.bpmn');
    // when
    const versions = await client.searchProcessDefinitions({ filter: { processDefinitionId: 'api-user-task' }, sort: [{ field: 'version', order: 'DESC' }] } as never);
    const latestOnly = await client.searchProcessDefinitions({ filter: { isLatestVersion: true } } as never);
    const firstPage = await client.searchProcessDefinitions({ filter: {}, sort: [{ field: 'processDefinitionKey', order: 'ASC' }], page: { from: 0, limit: 1 } } as never);
    const nextPage = await client.searchProcessDefinitions({ filter: {}, sort: [{ field: 'processDefinitionKey', order: 'ASC' }], page: { limit: 1, after: firstPage.page.endCursor } } as never);
    const definition = await client.getProcessDefinition(other.processes[0].processDefinitionKey);
    const xml = await client.getProcessDefinitionXML(other.processes[0].processDefinitionKey);
    // then
    expect(versions.items.map((d) => d.version)).toEqual([2, 1]);
    expect(versions.page.totalItems).toBe(2);
    expect(latestOnly.items.map((d) => `${d.processDefinitionId}@${d.version}`).sort()).toEqual(['api-exclusive-gateway@1', 'api-user-task@2']);
    expect(firstPage.items).toHaveLength(1);
    expect(firstPage.page.totalItems).toBe(3);
    expect(nextPage.items).toHaveLength(1);
    expect(nextPage.items[0].processDefinitionKey).not.toBe(firstPage.items[0].processDefinitionKey);
    expect(definition).toEqual({
      processDefinitionKey: other.processes[0].processDefinitionKey,
      processDefinitionId: 'api-exclusive-gateway',
      name: 'API exclusive gateway',
      version: 1,
      versionTag: undefined,
      resourceName: 'api-exclusive-gateway.bpmn',
      tenantId: '<default>',
      hasStartForm: false,
    });
    expect(xml).toBe(readFileSync(fixture('api-exclusive-gateway.bpmn'), 'utf8'));
  });

  test('create by id starts the latest version; by key and by version start that one', async () => {
    // given
    const defs = await client.searchProcessDefinitions({ filter: { processDefinitionId: 'api-user-task' }, sort: [{ field: 'version', order: 'ASC' }] } as never);
    const [v1, v2] = defs.items;
    // when
    const byId = await client.createProcessInstance({ processDefinitionId: 'api-user-task', variables: { dueDate: '2026-03-03T08:00:00Z' } });
    const byKey = await client.createProcessInstance({ processDefinitionKey: v1.processDefinitionKey, variables: { dueDate: '2026-03-03T08:00:00Z' } } as never);
    const byVersion = await client.createProcessInstance({ processDefinitionId: 'api-user-task', processDefinitionVersion: 1, variables: { dueDate: '2026-03-03T08:00:00Z' } } as never);
    // then
    expect(byId).toMatchObject({ processDefinitionKey: v2.processDefinitionKey, processDefinitionVersion: 2, processDefinitionId: 'api-user-task', tenantId: '<default>' });
    expect(byId.processInstanceKey).toMatch(/^\d+$/);
    expect(byKey).toMatchObject({ processDefinitionKey: v1.processDefinitionKey, processDefinitionVersion: 1 });
    expect(byVersion).toMatchObject({ processDefinitionKey: v1.processDefinitionKey, processDefinitionVersion: 1 });
  });

  test('awaitCompletion returns the variables of the completed instance; io mappings of a subprocess apply', async () => {
    // given
    await deploy(client, 'api-straight-through.bpmn');
    // when
    const result = await client.createProcessInstanceWithResult({ processDefinitionId: 'api-straight-through', variables: { a: 2, b: 3 } });
    const onlyTotal = await client.createProcessInstanceWithResult({ processDefinitionId: 'api-straight-through', variables: { a: 1, b: 1 }, fetchVariables: ['total'] } as never);
    // then: input a+b → sum is local to the subprocess; output sum*2 → total reaches the process
    expect(result.variables).toEqual({ a: 2, b: 3, total: 10 });
    expect(onlyTotal.variables).toEqual({ total: 4 });
    expect((await instance(client, result.processInstanceKey)).state).toBe('COMPLETED');
  });

  test('awaitCompletion that outlives requestTimeout answers 504 DEADLINE_EXCEEDED', async () => {
    // given: a process that waits for a job nobody works on
    await deploy(client, 'api-service-task.bpmn');
    // when
    const res = await raw(runtime, 'POST', '/v2/process-instances', JSON.stringify({ processDefinitionId: 'api-service-task', awaitCompletion: true, requestTimeout: 200 }));
    // then
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({ title: 'DEADLINE_EXCEEDED', status: 504 });
  });

  test('cancel an active instance → TERMINATED; cancelling it again → 404', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-service-task', variables: {} });
    // when
    await client.cancelProcessInstance({ processInstanceKey: created.processInstanceKey });
    const again = await raw(runtime, 'POST', `/v2/process-instances/${created.processInstanceKey}/cancellation`, '{}');
    // then
    expect(await instance(client, created.processInstanceKey)).toMatchObject({ state: 'TERMINATED', endDate: expect.any(String) });
    expect(again.status).toBe(404);
  });

  test('process instance search: filter, advanced filter, sort, page and cursors', async () => {
    // given: three fresh instances of api-service-task
    const keys: string[] = [];
    for (let i = 0; i < 3; i++) keys.push((await client.createProcessInstance({ processDefinitionId: 'api-service-task', variables: { i } })).processInstanceKey);
    // when
    const active = await client.searchProcessInstances({ filter: { processDefinitionId: 'api-service-task', state: 'ACTIVE' }, sort: [{ field: 'processInstanceKey', order: 'DESC' }] } as never);
    const inList = await client.searchProcessInstances({ filter: { processInstanceKey: { $in: [keys[0], keys[2]] } } } as never);
    const like = await client.searchProcessInstances({ filter: { processDefinitionId: { $like: 'api-service-*' }, state: 'ACTIVE' } } as never);
    const page1 = await client.searchProcessInstances({ filter: { processInstanceKey: { $in: keys } }, page: { limit: 2 } } as never);
    const page2 = await client.searchProcessInstances({ filter: { processInstanceKey: { $in: keys } }, page: { limit: 2, after: page1.page.endCursor } } as never);
    const back = await client.searchProcessInstances({ filter: { processInstanceKey: { $in: keys } }, page: { limit: 2, before: page2.page.startCursor } } as never);
    // then
    expect(active.items.slice(0, 3).map((i) => i.processInstanceKey)).toEqual([...keys].reverse());
    expect(active.items[0]).toEqual({
      processInstanceKey: keys[2],
      processDefinitionKey: expect.stringMatching(/^\d+$/),
      processDefinitionId: 'api-service-task',
      processDefinitionName: 'API service task',
      processDefinitionVersion: 1,
      processDefinitionVersionTag: undefined,
      state: 'ACTIVE',
      hasIncident: false,
      startDate: expect.any(String),
      endDate: undefined,
      parentProcessInstanceKey: undefined,
      parentElementInstanceKey: undefined,
      tenantId: '<default>',
      tags: [],
    });
    expect(inList.items.map((i) => i.processInstanceKey)).toEqual([keys[0], keys[2]]);
    expect(like.page.totalItems).toBe(active.page.totalItems);
    expect(page1.items.map((i) => i.processInstanceKey)).toEqual(keys.slice(0, 2));
    expect(page1.page.totalItems).toBe(3);
    expect(page2.items.map((i) => i.processInstanceKey)).toEqual([keys[2]]);
    expect(back.items.map((i) => i.processInstanceKey)).toEqual(keys.slice(0, 2));
  });

  test('process instance search: element filters, incident message, $or, variables; unsupported filters refused by name', async () => {
    // given: one instance waiting at its service task, one with an incident there
    await deploy(client, 'api-single-attempt.bpmn');
    const waiting = await client.createProcessInstance({ processDefinitionId: 'api-single-attempt', variables: { region: 'Skåne' } });
    const failing = await client.createProcessInstance({ processDefinitionId: 'api-single-attempt', variables: { region: 'Halland' } });
    const [job] = (await activate(client, 'api-try-once')).filter((j) => j.processInstanceKey === failing.processInstanceKey);
    await client.failJob({ jobKey: job.jobKey, retries: 0, retryBackOff: 0, errorMessage: 'Visma svarar inte' });
    const search = (filter: object) => client.searchProcessInstances({ filter: { processDefinitionId: 'api-single-attempt', ...filter } } as never).then((r) => r.items.map((i) => i.processInstanceKey).sort());
    // when
    const atTask = await search({ elementId: 'ServiceTask_DoWork', elementInstanceState: 'ACTIVE' });
    const withIncidentThere = await search({ elementId: 'ServiceTask_DoWork', hasElementInstanceIncident: true });
    const byMessage = await search({ errorMessage: { $like: '*svarar inte' } });
    const either = await search({ $or: [{ processInstanceKey: waiting.processInstanceKey }, { hasIncident: true, processDefinitionId: 'api-single-attempt' }] });
    const byVariable = await search({ variables: [{ name: 'region', value: '"Skåne"' }] });
    const unsupported = await raw(runtime, 'POST', '/v2/process-instances/search', JSON.stringify({ filter: { hasRetriesLeft: true } }));
    // then
    expect(atTask).toEqual([waiting.processInstanceKey, failing.processInstanceKey].sort());
    expect(withIncidentThere).toEqual([failing.processInstanceKey]);
    expect(byMessage).toEqual([failing.processInstanceKey]);
    expect(either).toEqual([waiting.processInstanceKey, failing.processInstanceKey].sort());
    expect(byVariable).toEqual([waiting.processInstanceKey]);
    expect(unsupported.status).toBe(400);
    expect((unsupported.body as { detail: string }).detail).toContain("the filter 'hasRetriesLeft' is not supported by the local runtime");
  });

  test('element instance search: direct children of a scope (elementInstanceScopeKey)', async () => {
    // given: a subprocess instance with inner elements
    const result = await client.createProcessInstanceWithResult({ processDefinitionId: 'api-straight-through', variables: { a: 1, b: 2 } });
    const all = await elements(client, result.processInstanceKey);
    const sub = all.find((e) => e.elementId === 'SubProcess_Compute')!;
    // when
    const top = await client.searchElementInstances({ filter: { elementInstanceScopeKey: result.processInstanceKey } } as never);
    const inner = await client.searchElementInstances({ filter: { elementInstanceScopeKey: sub.elementInstanceKey } } as never);
    // then
    expect(top.items.map((e) => e.elementId)).toEqual(['StartEvent_Started', 'SubProcess_Compute', 'EndEvent_Computed']);
    expect(inner.items.map((e) => e.elementId)).toEqual(['StartEvent_ComputeStarted', 'EndEvent_ComputeDone']);
  });

  test('call activity: child instance with parent keys, input mapping in, output mapping out', async () => {
    // given
    await deploy(client, 'api-call-child.bpmn', 'api-call-parent.bpmn');
    const parent = await client.createProcessInstance({ processDefinitionId: 'api-call-parent', variables: { referral: 'R-1', secret: 'stays in parent' } });
    // when: the child's job is done
    const [job] = await activate(client, 'api-record-referral');
    await client.completeJob({ jobKey: job.jobKey, variables: { backupResult: 'recorded on paper' } });
    // then
    const children = await client.searchProcessInstances({ filter: { parentProcessInstanceKey: parent.processInstanceKey } } as never);
    expect(children.items).toHaveLength(1);
    const child = children.items[0];
    const callActivity = (await elements(client, parent.processInstanceKey)).find((e) => e.elementId === 'CallActivity_RunBackup')!;
    expect(child).toMatchObject({ processDefinitionId: 'api-call-child', state: 'COMPLETED', parentProcessInstanceKey: parent.processInstanceKey, parentElementInstanceKey: callActivity.elementInstanceKey });
    expect(job.processInstanceKey).toBe(child.processInstanceKey);
    expect(job.variables).toEqual({ childReferral: 'R-1' });
    expect(await processVariables(client, parent.processInstanceKey)).toEqual({ referral: 'R-1', secret: 'stays in parent', result: 'recorded on paper' });
    expect(await trail(client, parent.processInstanceKey)).toEqual(['StartEvent_Started:COMPLETED', 'CallActivity_RunBackup:COMPLETED', 'EndEvent_Done:COMPLETED']);
    expect((await instance(client, parent.processInstanceKey)).state).toBe('COMPLETED');
  });

  test('call hierarchy and element statistics (Operate views) of a called child', async () => {
    // given: a parent waiting in its call activity, the child waiting at its job
    const parent = await client.createProcessInstance({ processDefinitionId: 'api-call-parent', variables: { referral: 'R-3' } });
    const child = (await client.searchProcessInstances({ filter: { parentProcessInstanceKey: parent.processInstanceKey } } as never)).items[0];
    // when
    const hierarchy = await raw(runtime, 'GET', `/v2/process-instances/${child.processInstanceKey}/call-hierarchy`);
    const instanceStats = await raw(runtime, 'GET', `/v2/process-instances/${parent.processInstanceKey}/statistics/element-instances`);
    const definitionStats = await raw(runtime, 'POST', `/v2/process-definitions/${child.processDefinitionKey}/statistics/element-instances`, JSON.stringify({ filter: { state: 'ACTIVE' } }));
    // then
    expect(hierarchy.body).toEqual([
      { processInstanceKey: parent.processInstanceKey, processDefinitionKey: parent.processDefinitionKey, processDefinitionName: 'API call activity parent' },
      { processInstanceKey: child.processInstanceKey, processDefinitionKey: child.processDefinitionKey, processDefinitionName: 'API call activity child' },
    ]);
    expect(instanceStats.body).toEqual({
      items: [
        { elementId: 'StartEvent_Started', active: 0, canceled: 0, incidents: 0, completed: 1 },
        { elementId: 'CallActivity_RunBackup', active: 1, canceled: 0, incidents: 0, completed: 0 },
      ],
    });
    expect((definitionStats.body as { items: Array<{ elementId: string; active: number }> }).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ elementId: 'ServiceTask_RecordReferral', active: 1 })]),
    );
    await client.cancelProcessInstance({ processInstanceKey: parent.processInstanceKey });
  });

  test('cancelling a parent terminates its called child', async () => {
    // given
    const parent = await client.createProcessInstance({ processDefinitionId: 'api-call-parent', variables: { referral: 'R-2' } });
    const children = await client.searchProcessInstances({ filter: { parentProcessInstanceKey: parent.processInstanceKey } } as never);
    // when
    await client.cancelProcessInstance({ processInstanceKey: parent.processInstanceKey });
    // then
    expect((await instance(client, children.items[0].processInstanceKey)).state).toBe('TERMINATED');
    expect((await instance(client, parent.processInstanceKey)).state).toBe('TERMINATED');
  });

  test('variables: search returns JSON-encoded values with string keys; get by key; set on a scope', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-service-task', variables: { text: 'Sesam nere', n: 42, obj: { a: [1, 'två'] }, nothing: null } });
    // when
    await client.updateElementInstanceVariables({ elementInstanceKey: created.processInstanceKey, variables: { n: 43, added: true } } as never);
    const found = await client.searchVariables({ filter: { processInstanceKey: created.processInstanceKey, name: 'obj' } } as never);
    const one = await client.getVariable({ variableKey: found.items[0].variableKey });
    // then
    expect(found.items[0]).toEqual({
      variableKey: expect.stringMatching(/^\d+$/),
      name: 'obj',
      value: '{"a":[1,"två"]}',
      scopeKey: created.processInstanceKey,
      processInstanceKey: created.processInstanceKey,
      tenantId: '<default>',
      isTruncated: false,
    });
    expect(one.value).toEqual({ a: [1, 'två'] });
    expect(await processVariables(client, created.processInstanceKey)).toEqual({ text: 'Sesam nere', n: 43, obj: { a: [1, 'två'] }, nothing: null, added: true });
  });

  test('long variable values are truncated in search results only', async () => {
    // given
    const long = 'x'.repeat(10_000);
    const created = await client.createProcessInstance({ processDefinitionId: 'api-service-task', variables: { long } });
    // when
    const found = await client.searchVariables({ filter: { processInstanceKey: created.processInstanceKey, name: 'long' } } as never);
    const full = await client.getVariable({ variableKey: found.items[0].variableKey });
    // then
    expect(found.items[0]).toMatchObject({ isTruncated: true });
    expect(found.items[0].value.length).toBeLessThan(long.length);
    expect(full.value).toBe(long);
  });

  test('resource deletion removes a definition; its key is then unknown', async () => {
    // given
    const deployed = await deploy(client, 'api-parallel-gateway.bpmn');
    const key = deployed.processes[0].processDefinitionKey;
    // when
    await client.deleteResource({ resourceKey: key });
    // then
    const res = await raw(runtime, 'GET', `/v2/process-definitions/${key}`);
    expect(res.status).toBe(404);
    const create = await raw(runtime, 'POST', '/v2/process-instances', JSON.stringify({ processDefinitionId: 'api-parallel-gateway' }));
    expect(create.status).toBe(404);
  });
});
