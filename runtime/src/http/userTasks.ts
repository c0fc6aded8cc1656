/** User tasks (`zeebe:userTask`): search, get, form, variables, assign, unassign, update, complete. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Problem } from '../broker/Problem';
import type { UserTaskRecord, VariableRecord } from '../broker/types';
import { accessOf, definitionsByKey, type RestContext } from './RestContext';
import { SearchDefinition, withoutEmpty } from './SearchDefinition';
import { DEFAULT_TENANT, lenientNumber, variablesSchema } from './schemas';
import { parseBody, pathKey } from './validation';
import { truncated, variableSearchFields } from './variables';

export type UserTaskItem = UserTaskRecord & {
  customHeaders: Record<string, string>;
  externalFormReference: string | null;
  processName: string | null;
};

const USER_TASK_STATES = ['CREATING', 'CREATED', 'ASSIGNING', 'UPDATING', 'COMPLETING', 'COMPLETED', 'CANCELING', 'CANCELED', 'FAILED'] as const;

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date-time');
/** A date to set, or null / "" to clear it (Camunda's convention). */
const dateChange = z.union([isoDate, z.literal(''), z.null()]).optional();

const changesetSchema = z.strictObject({
  dueDate: dateChange,
  followUpDate: dateChange,
  candidateUsers: z.array(z.string()).nullish(),
  candidateGroups: z.array(z.string()).nullish(),
  priority: lenientNumber(z.number().int().min(0).max(100)).nullish(),
});

const updateSchema = z.strictObject({ changeset: changesetSchema.nullish(), action: z.string().nullish() });
const assignmentSchema = z.strictObject({
  assignee: z.string({ error: 'assignee must be a string' }).min(1, 'assignee must not be empty'),
  allowOverride: z.boolean().nullish(),
  action: z.string().nullish(),
});
const completionSchema = z.strictObject({ variables: variablesSchema, action: z.string().nullish() });

const variableFilter = z.array(z.strictObject({ name: z.string(), value: z.string() }));

export function registerUserTaskRoutes(app: FastifyInstance, ctx: RestContext): void {
  const find = (key: string): UserTaskRecord => {
    const task = ctx.broker.userTasks({ userTaskKey: key })[0];
    if (!task) throw Problem.notFound(`User task with key '${key}' not found`);
    return task;
  };
  /** The task, when the caller may read it (READ_USER_TASK) – or change it (UPDATE_USER_TASK) – in its process. */
  const permitted = (request: import('fastify').FastifyRequest, key: string, permission: 'READ_USER_TASK' | 'UPDATE_USER_TASK'): UserTaskRecord => {
    const task = find(key);
    accessOf(ctx, request).require('PROCESS_DEFINITION', permission, task.processDefinitionId);
    return task;
  };
  const toItem = (defs: ReturnType<typeof definitionsByKey>) => (t: UserTaskRecord): UserTaskItem => ({
    ...t,
    customHeaders: {},
    externalFormReference: null,
    processName: defs.get(t.processDefinitionKey)?.name ?? null,
  });

  /** Variables visible in the task's scope: its own, its parent scopes', the process instance's; the nearest wins. */
  const visibleVariables = (task: UserTaskRecord): VariableRecord[] => {
    const all = ctx.broker.variables({ processInstanceKey: task.processInstanceKey });
    const elements = ctx.broker.elementInstances({ processInstanceKey: task.processInstanceKey });
    const scopes: string[] = [task.elementInstanceKey];
    let current = elements.find((e) => e.elementInstanceKey === task.elementInstanceKey);
    while (current?.flowScopeKey && !scopes.includes(current.flowScopeKey)) {
      const parentKey: string = current.flowScopeKey;
      scopes.push(parentKey);
      current = elements.find((e) => e.elementInstanceKey === parentKey);
    }
    if (!scopes.includes(task.processInstanceKey)) scopes.push(task.processInstanceKey);
    const byName = new Map<string, VariableRecord>();
    for (const scope of [...scopes].reverse()) {
      for (const v of all) if (v.scopeKey === scope) byName.set(v.name, v);
    }
    return [...byName.values()];
  };

  const matchesVariables = (pick: (t: UserTaskItem) => VariableRecord[]) => (item: UserTaskItem, wanted: unknown) => {
    const vars = pick(item);
    return (wanted as Array<{ name: string; value: string }>).every((w) => vars.some((v) => v.name === w.name && v.value === w.value));
  };

  const search = new SearchDefinition<UserTaskItem>(
    'user task',
    'userTaskKey',
    {
      userTaskKey: { kind: 'key', sortable: false },
      state: { kind: 'enum', values: USER_TASK_STATES, sortable: false },
      assignee: { kind: 'string', sortable: false },
      priority: { kind: 'number' },
      elementId: { kind: 'string', sortable: false },
      name: { kind: 'string' },
      candidateGroup: { kind: 'stringList', get: (t) => t.candidateGroups },
      candidateUser: { kind: 'stringList', get: (t) => t.candidateUsers },
      processDefinitionKey: { kind: 'key', sortable: false },
      processInstanceKey: { kind: 'key', sortable: false },
      tenantId: { kind: 'string', sortable: false },
      processDefinitionId: { kind: 'string', sortable: false },
      elementInstanceKey: { kind: 'key', sortable: false },
      creationDate: { kind: 'date' },
      completionDate: { kind: 'date' },
      followUpDate: { kind: 'date' },
      dueDate: { kind: 'date' },
    },
    {
      processInstanceVariables: {
        schema: variableFilter,
        matches: matchesVariables((t) => ctx.broker.variables({ processInstanceKey: t.processInstanceKey, scopeKey: t.processInstanceKey })),
      },
      localVariables: {
        schema: variableFilter,
        matches: matchesVariables((t) => ctx.broker.variables({ processInstanceKey: t.processInstanceKey, scopeKey: t.elementInstanceKey })),
      },
    },
  );
  const variableSearch = new SearchDefinition<VariableRecord>('user task variable', 'variableKey', variableSearchFields);

  app.post('/v2/user-tasks/search', async (request) => {
    const query = search.parse(request.body);
    const readable = accessOf(ctx, request).readable('PROCESS_DEFINITION', 'READ_USER_TASK');
    const records = ctx.broker
      .userTasks({
        userTaskKey: SearchDefinition.equality(query, 'userTaskKey'),
        processInstanceKey: SearchDefinition.equality(query, 'processInstanceKey'),
        state: SearchDefinition.equality(query, 'state') as UserTaskRecord['state'] | undefined,
      })
      .filter((t) => readable(t.processDefinitionId));
    return search.apply(query, records.map(toItem(definitionsByKey(ctx))));
  });

  app.get<{ Params: { key: string } }>('/v2/user-tasks/:key', async (request) => {
    return withoutEmpty(toItem(definitionsByKey(ctx))(permitted(request, pathKey(request.params.key, 'User task'), 'READ_USER_TASK')));
  });

  app.get<{ Params: { key: string } }>('/v2/user-tasks/:key/form', async (request) => {
    const form = ctx.broker.userTaskForm(permitted(request, pathKey(request.params.key, 'User task'), 'READ_USER_TASK').userTaskKey);
    return {
      formKey: form.formKey,
      formId: form.formId,
      bpmnId: form.formId,
      tenantId: form.tenantId || DEFAULT_TENANT,
      schema: form.schema,
      version: form.version,
    };
  });

  app.post<{ Params: { key: string }; Querystring: { truncateValues?: string } }>('/v2/user-tasks/:key/variables/search', async (request) => {
    const task = permitted(request, pathKey(request.params.key, 'User task'), 'READ_USER_TASK');
    const query = variableSearch.parse(request.body);
    const result = variableSearch.apply(query, visibleVariables(task));
    const truncate = request.query.truncateValues !== 'false';
    return { ...result, items: result.items.map((v) => truncated(v, truncate)) };
  });

  app.post<{ Params: { key: string } }>('/v2/user-tasks/:key/assignment', async (request, reply) => {
    const key = pathKey(request.params.key, 'User task');
    const body = parseBody(assignmentSchema, request.body, 'user task assignment request');
    permitted(request, key, 'UPDATE_USER_TASK');
    await ctx.broker.assignUserTask(key, body.assignee, body.allowOverride ?? true, body.action ?? undefined);
    return reply.code(204).send();
  });

  app.delete<{ Params: { key: string } }>('/v2/user-tasks/:key/assignee', async (request, reply) => {
    await ctx.broker.unassignUserTask(permitted(request, pathKey(request.params.key, 'User task'), 'UPDATE_USER_TASK').userTaskKey);
    return reply.code(204).send();
  });

  const update = (key: string, changeset: z.output<typeof changesetSchema> | null | undefined, action?: string) => {
    const c = changeset ?? {};
    const clearable = (v: string | null) => (v === '' || v === null ? null : new Date(v).toISOString());
    const change: Parameters<typeof ctx.broker.updateUserTask>[1] = {};
    if (c.dueDate !== undefined) change.dueDate = clearable(c.dueDate);
    if (c.followUpDate !== undefined) change.followUpDate = clearable(c.followUpDate);
    if (c.candidateGroups != null) change.candidateGroups = c.candidateGroups;
    if (c.candidateUsers != null) change.candidateUsers = c.candidateUsers;
    if (c.priority != null) change.priority = c.priority;
    return ctx.broker.updateUserTask(key, change, action);
  };

  app.patch<{ Params: { key: string } }>('/v2/user-tasks/:key', async (request, reply) => {
    const key = pathKey(request.params.key, 'User task');
    const body = parseBody(updateSchema, request.body, 'user task update request');
    permitted(request, key, 'UPDATE_USER_TASK');
    await update(key, body.changeset, body.action ?? undefined);
    return reply.code(204).send();
  });

  // @camunda8/sdk 8.8 sends the changeset itself to PATCH /user-tasks/{key}/update.
  app.patch<{ Params: { key: string } }>('/v2/user-tasks/:key/update', async (request, reply) => {
    const key = pathKey(request.params.key, 'User task');
    const raw = request.body as Record<string, unknown> | undefined;
    const changeset =
      raw && typeof raw === 'object' && 'changeset' in raw
        ? parseBody(updateSchema, raw, 'user task update request').changeset
        : parseBody(changesetSchema, raw, 'user task update request');
    permitted(request, key, 'UPDATE_USER_TASK');
    await update(key, changeset);
    return reply.code(204).send();
  });

  app.post<{ Params: { key: string } }>('/v2/user-tasks/:key/completion', async (request, reply) => {
    const key = pathKey(request.params.key, 'User task');
    const body = parseBody(completionSchema, request.body, 'user task completion request');
    permitted(request, key, 'UPDATE_USER_TASK');
    await ctx.broker.completeUserTask(key, body.variables, body.action ?? undefined);
    return reply.code(204).send();
  });
}
