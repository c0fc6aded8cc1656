/**
 * Conformance through @camunda8/sdk, issue #3 item 8: user tasks (`zeebe:userTask`) with candidate
 * groups and users, due date, priority, linked form; search, get, form, variables, assign, unassign,
 * update, complete.
 */
import { readFileSync } from 'node:fs';
import type { RunningRuntime } from '../../../runtime/src/startRuntime';
import { fixture, raw, sdkClient, startTestRuntime, type RestClient } from './support/localRuntime';
import { instance, openUserTasks, processVariables } from './support/sdkHelpers';

describe('SDK conformance: user tasks (issue #3 item 8)', () => {
  let runtime: RunningRuntime;
  let client: RestClient;
  let formKey: string;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    client = sdkClient(runtime);
    await client.pinInternalClock(Date.parse('2026-03-02T08:00:00Z'));
    // deployed as UTF-8 text (deployResourcesFromFiles double-encodes non-ASCII characters)
    const deployment = await client.deployResources(
      ['api-user-task.bpmn', 'api-confirm-outage.form'].map((name) => ({ name, content: readFileSync(fixture(name), 'utf8') })),
    );
    formKey = deployment.forms[0].formKey;
  });
  afterAll(async () => {
    await runtime?.close();
  });

  const start = async (vars: Record<string, unknown> = {}) => {
    const created = await client.createProcessInstance({ processDefinitionId: 'api-user-task', variables: { dueDate: '2026-03-02T12:00:00Z', ...vars } });
    const [task] = await openUserTasks(client, created.processInstanceKey);
    return { created, task };
  };

  test('a user task has Camunda 8.8 shape: candidates, due date, priority, form key', async () => {
    // given / when
    const { created, task } = await start();
    const got = await client.getUserTask(task.userTaskKey);
    // then
    expect(got).toEqual({
      userTaskKey: expect.stringMatching(/^\d+$/),
      name: 'Confirm outage',
      elementId: 'UserTask_ConfirmOutage',
      state: 'CREATED',
      assignee: undefined,
      candidateGroups: ['desk', 'system-owner'],
      candidateUsers: ['anna'],
      formKey,
      processInstanceKey: created.processInstanceKey,
      processDefinitionKey: created.processDefinitionKey,
      processDefinitionId: 'api-user-task',
      processDefinitionVersion: 1,
      processName: 'API user task',
      elementInstanceKey: expect.stringMatching(/^\d+$/),
      creationDate: '2026-03-02T08:00:00.000Z',
      completionDate: undefined,
      dueDate: '2026-03-02T12:00:00.000Z',
      followUpDate: undefined,
      priority: 70,
      tenantId: '<default>',
      customHeaders: {},
      externalFormReference: undefined,
    });
  });

  test('the task form: schema as a string, linked by form key', async () => {
    // given
    const { task } = await start();
    // when
    const res = await raw(runtime, 'GET', `/v2/user-tasks/${task.userTaskKey}/form`);
    // then
    expect(res.status).toBe(200);
    const form = res.body as { formKey: string; formId: string; bpmnId: string; tenantId: string; schema: string; version: number };
    expect(form).toMatchObject({ formKey, formId: 'api-confirm-outage', bpmnId: 'api-confirm-outage', tenantId: '<default>', version: 1 });
    expect(JSON.parse(form.schema)).toEqual(JSON.parse(readFileSync(fixture('api-confirm-outage.form'), 'utf8')));
  });

  test('search: by candidate group, assignee, state and element; sorted by creation date', async () => {
    // given
    const { task: a } = await start({ case: 'a' });
    const { task: b } = await start({ case: 'b' });
    await client.assignUserTask({ userTaskKey: b.userTaskKey, assignee: 'bengt' });
    // when
    const desk = await client.searchUserTasks({ filter: { candidateGroup: 'desk', state: 'CREATED' }, sort: [{ field: 'creationDate', order: 'desc' }] } as never);
    const bengts = await client.searchUserTasks({ filter: { assignee: 'bengt' } });
    const unassigned = await client.searchUserTasks({ filter: { assignee: { $exists: false }, elementId: 'UserTask_ConfirmOutage', state: 'CREATED' } } as never);
    const byVariable = await client.searchUserTasks({ filter: { processInstanceVariables: [{ name: 'case', value: '"b"' }] } } as never);
    // then
    expect(desk.items.map((t) => t.userTaskKey)).toEqual(expect.arrayContaining([a.userTaskKey, b.userTaskKey]));
    expect(bengts.items.map((t) => t.userTaskKey)).toEqual([b.userTaskKey]);
    expect(unassigned.items.map((t) => t.userTaskKey)).toContain(a.userTaskKey);
    expect(unassigned.items.map((t) => t.userTaskKey)).not.toContain(b.userTaskKey);
    expect(byVariable.items.map((t) => t.userTaskKey)).toEqual([b.userTaskKey]);
  });

  test('assign, reassign without override → 409, unassign', async () => {
    // given
    const { task } = await start();
    // when
    await client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'anna' });
    const conflict = await raw(runtime, 'POST', `/v2/user-tasks/${task.userTaskKey}/assignment`, JSON.stringify({ assignee: 'bengt', allowOverride: false }));
    const assigned = await client.getUserTask(task.userTaskKey);
    await client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'bengt', allowOverride: true });
    const reassigned = await client.getUserTask(task.userTaskKey);
    await client.unassignUserTask({ userTaskKey: task.userTaskKey });
    const unassigned = await client.getUserTask(task.userTaskKey);
    // then
    expect(conflict.status).toBe(409);
    expect(assigned.assignee).toBe('anna');
    expect(reassigned.assignee).toBe('bengt');
    expect(unassigned.assignee ?? null).toBeNull();
  });

  test('update: due date, follow-up date, candidates and priority (SDK path and Camunda 8.8 path)', async () => {
    // given
    const { task } = await start();
    // when
    await client.updateUserTask({ userTaskKey: task.userTaskKey, changeset: { followUpDate: '2026-03-02T10:00:00Z', candidateGroups: ['unit-manager'] } } as never);
    const viaPatch = await raw(runtime, 'PATCH', `/v2/user-tasks/${task.userTaskKey}`, JSON.stringify({ changeset: { priority: 90, dueDate: null, candidateUsers: ['cecilia'] } }));
    // then
    expect(viaPatch.status).toBe(204);
    const updated = await client.getUserTask(task.userTaskKey);
    expect(updated).toMatchObject({
      followUpDate: '2026-03-02T10:00:00.000Z',
      candidateGroups: ['unit-manager'],
      candidateUsers: ['cecilia'],
      priority: 90,
    });
    expect(updated).not.toHaveProperty('dueDate');
  });

  test('task variables: local and process variables visible to the task', async () => {
    // given
    const { task } = await start({ reporter: 'vårdcentral' });
    // when
    const vars = await client.searchUserTaskVariables({ userTaskKey: task.userTaskKey } as never);
    const named = await client.searchUserTaskVariables({ userTaskKey: task.userTaskKey, filter: { name: 'reporter' } } as never);
    // then
    expect(Object.fromEntries(vars.items.map((v) => [v.name, JSON.parse(v.value)]))).toEqual({ dueDate: '2026-03-02T12:00:00Z', reporter: 'vårdcentral' });
    expect(named.items.map((v) => v.name)).toEqual(['reporter']);
  });

  test('complete with variables: the task is COMPLETED, the variables reach the process, the instance completes', async () => {
    // given
    const { created, task } = await start();
    // when
    await client.completeUserTask({ userTaskKey: task.userTaskKey, variables: { confirmed: true, note: 'Sesam nere i hela regionen' } });
    const again = await raw(runtime, 'POST', `/v2/user-tasks/${task.userTaskKey}/completion`, '{}');
    // then
    expect(await client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'COMPLETED', completionDate: expect.any(String) });
    expect(again.status).toBe(409);
    expect(await processVariables(client, created.processInstanceKey)).toMatchObject({ confirmed: true, note: 'Sesam nere i hela regionen' });
    expect((await instance(client, created.processInstanceKey)).state).toBe('COMPLETED');
  });

  test('cancelling the instance cancels its open task', async () => {
    // given
    const { created, task } = await start();
    // when
    await client.cancelProcessInstance({ processInstanceKey: created.processInstanceKey });
    // then
    expect(await client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CANCELED' });
  });
});
