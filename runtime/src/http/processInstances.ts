/** Process instances: create (optionally awaiting completion), search, get, cancel. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Problem } from '../broker/Problem';
import type { ProcessInstanceRecord, Variables } from '../broker/types';
import { accessOf, definitionsByKey, type RestContext } from './RestContext';
import { filterConditionSchema, matchesCondition, SearchDefinition, withoutEmpty } from './SearchDefinition';
import { elementStatistics } from './statistics';
import { ShuttingDown } from './ShuttingDown';
import { DEFAULT_TENANT, durationMs, keySchema, lenientNumber, operationReferenceSchema, tenantIdSchema, variablesSchema } from './schemas';
import { parseBody, pathKey } from './validation';

/** Camunda's default request timeout for a create-with-result call. */
export const DEFAULT_AWAIT_COMPLETION_MS = 15_000;

const createSchema = z
  .strictObject({
    processDefinitionId: z.string().min(1).nullish(),
    processDefinitionKey: keySchema.nullish(),
    processDefinitionVersion: lenientNumber(z.number().int().min(-1).max(2_147_483_647)).nullish(),
    variables: variablesSchema,
    tenantId: tenantIdSchema,
    operationReference: operationReferenceSchema,
    startInstructions: z.array(z.strictObject({ elementId: z.string().min(1) })).nullish(),
    runtimeInstructions: z
      .array(z.unknown())
      .max(0, 'runtime instructions are not supported by the local runtime')
      .nullish(),
    awaitCompletion: z.boolean().nullish(),
    fetchVariables: z.array(z.string()).nullish(),
    requestTimeout: durationMs('requestTimeout').nullish(),
    tags: z.array(z.string()).max(0, 'process instance tags are not supported by the local runtime').nullish(),
  })
  .refine((b) => (b.processDefinitionId == null) !== (b.processDefinitionKey == null), {
    message: 'give exactly one of processDefinitionId and processDefinitionKey',
  });

const cancelSchema = z.strictObject({ operationReference: operationReferenceSchema });

/** Body of the definition statistics: a process instance filter (validated by the search). */
const statisticsSchema = z.strictObject({ filter: z.record(z.string(), z.unknown(), { error: 'filter must be an object' }).nullish() });

export type ProcessInstanceItem = ProcessInstanceRecord & { processDefinitionVersionTag: string | null; tags: string[] };

export function registerProcessInstanceRoutes(app: FastifyInstance, ctx: RestContext): void {
  const toItem = (defs: ReturnType<typeof definitionsByKey>) => (r: ProcessInstanceRecord): ProcessInstanceItem => ({
    ...r,
    // required in 8.8; without a name Camunda shows the process id (as Operate stores it)
    processDefinitionName: r.processDefinitionName ?? r.processDefinitionId,
    processDefinitionVersionTag: defs.get(r.processDefinitionKey)?.versionTag ?? null,
    tags: [],
  });

  const search = new SearchDefinition<ProcessInstanceItem>(
    'process instance',
    'processInstanceKey',
    {
      processInstanceKey: { kind: 'key' },
      processDefinitionId: { kind: 'string' },
      processDefinitionName: { kind: 'string' },
      processDefinitionVersion: { kind: 'number' },
      processDefinitionVersionTag: { kind: 'string' },
      processDefinitionKey: { kind: 'key' },
      parentProcessInstanceKey: { kind: 'key' },
      parentElementInstanceKey: { kind: 'key' },
      state: { kind: 'enum', values: ['ACTIVE', 'COMPLETED', 'TERMINATED'] },
      startDate: { kind: 'date' },
      endDate: { kind: 'date' },
      tenantId: { kind: 'string' },
      hasIncident: { kind: 'boolean' },
    },
    {
      variables: {
        schema: z.array(z.strictObject({ name: z.string(), value: filterConditionSchema('string') })),
        matches: (item, wanted) => {
          const vars = ctx.broker.variables({ processInstanceKey: item.processInstanceKey, scopeKey: item.processInstanceKey });
          return (wanted as Array<{ name: string; value: unknown }>).every((w) =>
            vars.some((v) => v.name === w.name && matchesCondition('string', v.value, w.value)),
          );
        },
      },
      // An instance matches when one of its element instances matches all element filters given.
      elementId: { schema: filterConditionSchema('string'), matches: () => true },
      elementInstanceState: { schema: filterConditionSchema('enum', ['ACTIVE', 'COMPLETED', 'TERMINATED']), matches: () => true },
      hasElementInstanceIncident: { schema: z.boolean(), matches: () => true },
      errorMessage: {
        schema: filterConditionSchema('string'),
        matches: (item, wanted) =>
          ctx.broker.incidents({ processInstanceKey: item.processInstanceKey }).some((i) => i.state === 'ACTIVE' && matchesCondition('string', i.errorMessage, wanted)),
      },
    },
    { allowOr: true, unsupported: ['batchOperationId', 'hasRetriesLeft', 'incidentErrorHashCode', 'tags'] },
  );

  /** The element filters of a process instance search (elementId, elementInstanceState, hasElementInstanceIncident). */
  const elementFilter = (filter: Record<string, unknown>) => {
    const { elementId, elementInstanceState, hasElementInstanceIncident } = filter;
    if (elementId === undefined && elementInstanceState === undefined && hasElementInstanceIncident === undefined) return undefined;
    return (item: ProcessInstanceItem) =>
      ctx.broker
        .elementInstances({ processInstanceKey: item.processInstanceKey })
        .some(
          (e) =>
            (elementId === undefined || matchesCondition('string', e.elementId, elementId)) &&
            (elementInstanceState === undefined || matchesCondition('enum', e.state, elementInstanceState)) &&
            (hasElementInstanceIncident === undefined || e.hasIncident === hasElementInstanceIncident),
        );
  };

  app.post('/v2/process-instances', async (request, reply) => {
    const body = parseBody(createSchema, request.body, 'process instance creation request');
    const processId = body.processDefinitionId ?? ctx.broker.processDefinitions().find((d) => d.processDefinitionKey === body.processDefinitionKey)?.processDefinitionId;
    if (processId) accessOf(ctx, request).require('PROCESS_DEFINITION', 'CREATE_PROCESS_INSTANCE', processId);
    const created = ctx.broker.createProcessInstance({
      processDefinitionId: body.processDefinitionId ?? undefined,
      processDefinitionKey: body.processDefinitionKey ?? undefined,
      processDefinitionVersion: body.processDefinitionVersion ?? undefined,
      variables: body.variables,
      startInstructions: body.startInstructions ?? undefined,
    });
    let variables: Variables = {};
    if (body.awaitCompletion) {
      const timeout = body.requestTimeout || DEFAULT_AWAIT_COMPLETION_MS;
      variables = await Promise.race([
        ctx.broker.awaitCompletion(created.processInstanceKey, timeout, body.fetchVariables ?? undefined),
        ctx.closing.then(() => {
          throw new ShuttingDown();
        }),
      ]);
    }
    return reply.code(200).send({
      processDefinitionId: created.processDefinitionId,
      processDefinitionVersion: created.processDefinitionVersion,
      tenantId: created.tenantId || DEFAULT_TENANT,
      variables,
      processDefinitionKey: created.processDefinitionKey,
      processInstanceKey: created.processInstanceKey,
      tags: [],
    });
  });

  const run = (query: ReturnType<typeof search.parse>, readable: (processId: string) => boolean) => {
    const key = SearchDefinition.equality(query, 'processInstanceKey');
    const state = SearchDefinition.equality(query, 'state') as ProcessInstanceRecord['state'] | undefined;
    let items = ctx.broker
      .processInstances({ processInstanceKey: key, state })
      .filter((r) => readable(r.processDefinitionId))
      .map(toItem(definitionsByKey(ctx)));
    const byElement = elementFilter(query.filter);
    if (byElement) items = items.filter(byElement);
    return search.apply(query, items);
  };

  app.post('/v2/process-instances/search', async (request) => run(search.parse(request.body), accessOf(ctx, request).readable('PROCESS_DEFINITION', 'READ_PROCESS_INSTANCE')));

  /** A process instance the caller may read (404 unknown, 403 not permitted). */
  const readableInstance = (request: import('fastify').FastifyRequest<{ Params: { key: string } }>) => {
    const key = pathKey(request.params.key, 'Process instance');
    const record = ctx.broker.processInstances({ processInstanceKey: key })[0];
    if (!record) throw Problem.notFound(`Process instance with key '${key}' not found`);
    accessOf(ctx, request).require('PROCESS_DEFINITION', 'READ_PROCESS_INSTANCE', record.processDefinitionId);
    return record;
  };

  // Element statistics of a definition's instances (Operate's diagram overlay), filtered like a search.
  app.post<{ Params: { key: string } }>('/v2/process-definitions/:key/statistics/element-instances', async (request) => {
    const key = pathKey(request.params.key, 'Process definition');
    const definition = ctx.broker.processDefinitions().find((d) => d.processDefinitionKey === key);
    if (!definition) throw Problem.notFound(`Process definition with key '${key}' not found`);
    accessOf(ctx, request).require('PROCESS_DEFINITION', 'READ_PROCESS_INSTANCE', definition.processDefinitionId);
    const body = parseBody(statisticsSchema, request.body, 'statistics request');
    const query = search.parse({ filter: { ...(body.filter ?? {}), processDefinitionKey: key } });
    query.page = { from: 0, limit: Number.MAX_SAFE_INTEGER };
    const instances = run(query, () => true).items;
    return { items: elementStatistics(instances.flatMap((i) => ctx.broker.elementInstances({ processInstanceKey: i.processInstanceKey }))) };
  });

  app.get<{ Params: { key: string } }>('/v2/process-instances/:key/statistics/element-instances', async (request) => {
    const key = readableInstance(request).processInstanceKey;
    return { items: elementStatistics(ctx.broker.elementInstances({ processInstanceKey: key })) };
  });

  /** The chain of calling instances, from the root down to this instance. */
  app.get<{ Params: { key: string } }>('/v2/process-instances/:key/call-hierarchy', async (request) => {
    const defs = definitionsByKey(ctx);
    const chain: Array<{ processInstanceKey: string; processDefinitionKey: string; processDefinitionName: string }> = [];
    let current: ProcessInstanceRecord | undefined = readableInstance(request);
    while (current && chain.length < 100) {
      chain.unshift({
        processInstanceKey: current.processInstanceKey,
        processDefinitionKey: current.processDefinitionKey,
        processDefinitionName: current.processDefinitionName ?? defs.get(current.processDefinitionKey)?.processDefinitionId ?? current.processDefinitionId,
      });
      current = current.parentProcessInstanceKey ? ctx.broker.processInstances({ processInstanceKey: current.parentProcessInstanceKey })[0] : undefined;
    }
    return chain;
  });

  app.get<{ Params: { key: string } }>('/v2/process-instances/:key', async (request) => withoutEmpty(toItem(definitionsByKey(ctx))(readableInstance(request))));

  app.post<{ Params: { key: string } }>('/v2/process-instances/:key/cancellation', async (request, reply) => {
    const key = pathKey(request.params.key, 'Process instance');
    parseBody(cancelSchema, request.body, 'cancellation request');
    const record = ctx.broker.processInstances({ processInstanceKey: key })[0];
    if (record) accessOf(ctx, request).require('PROCESS_DEFINITION', 'CANCEL_PROCESS_INSTANCE', record.processDefinitionId);
    ctx.broker.cancelProcessInstance(key);
    return reply.code(204).send();
  });
}
