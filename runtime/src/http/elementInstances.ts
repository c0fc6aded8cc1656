/** Element instances: search, get, set variables on a scope. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Problem } from '../broker/Problem';
import type { ElementInstanceRecord } from '../broker/types';
import { accessOf, type RestContext } from './RestContext';
import { SearchDefinition, withoutEmpty } from './SearchDefinition';
import { keySchema, operationReferenceSchema } from './schemas';
import { parseBody, pathKey } from './validation';

const setVariablesSchema = z.strictObject({
  variables: z.record(z.string(), z.unknown(), { error: 'expected a JSON object of variables' }),
  local: z.boolean().nullish(),
  operationReference: operationReferenceSchema,
});

/** Camunda 8.8's element instance shape (the broker's `flowScopeKey` is internal). */
export function elementInstanceItem(r: ElementInstanceRecord) {
  return withoutEmpty({
    elementInstanceKey: r.elementInstanceKey,
    elementId: r.elementId,
    elementName: r.elementName,
    type: r.type,
    state: r.state,
    processInstanceKey: r.processInstanceKey,
    processDefinitionKey: r.processDefinitionKey,
    processDefinitionId: r.processDefinitionId,
    startDate: r.startDate,
    endDate: r.endDate,
    hasIncident: r.hasIncident,
    incidentKey: r.incidentKey,
    tenantId: r.tenantId,
  });
}

export function registerElementInstanceRoutes(app: FastifyInstance, ctx: RestContext): void {
  const search = new SearchDefinition<ElementInstanceRecord>('element instance', 'elementInstanceKey', {
    elementInstanceKey: { kind: 'key' },
    processInstanceKey: { kind: 'key' },
    processDefinitionKey: { kind: 'key' },
    processDefinitionId: { kind: 'string' },
    elementId: { kind: 'string' },
    elementName: { kind: 'string' },
    type: { kind: 'string' },
    state: { kind: 'enum', values: ['ACTIVE', 'COMPLETED', 'TERMINATED'] },
    startDate: { kind: 'date' },
    endDate: { kind: 'date' },
    hasIncident: { kind: 'boolean' },
    incidentKey: { kind: 'key' },
    tenantId: { kind: 'string' },
  }, {
    // direct children of a scope (a subprocess's element instance, or the process instance)
    elementInstanceScopeKey: { schema: keySchema, matches: (item, scopeKey) => item.flowScopeKey === scopeKey },
  });

  app.post('/v2/element-instances/search', async (request) => {
    const query = search.parse(request.body);
    const records = ctx.broker.elementInstances({
      processInstanceKey: SearchDefinition.equality(query, 'processInstanceKey'),
      elementInstanceKey: SearchDefinition.equality(query, 'elementInstanceKey'),
    });
    const readable = accessOf(ctx, request).readable('PROCESS_DEFINITION', 'READ_PROCESS_INSTANCE');
    const result = search.apply(query, records.filter((r) => readable(r.processDefinitionId)));
    return { items: result.items.map(elementInstanceItem), page: result.page };
  });

  app.get<{ Params: { key: string } }>('/v2/element-instances/:key', async (request) => {
    const key = pathKey(request.params.key, 'Element instance');
    const record = ctx.broker.elementInstances({ elementInstanceKey: key })[0];
    if (!record) throw Problem.notFound(`Element instance with key '${key}' not found`);
    accessOf(ctx, request).require('PROCESS_DEFINITION', 'READ_PROCESS_INSTANCE', record.processDefinitionId);
    return elementInstanceItem(record);
  });

  app.put<{ Params: { key: string } }>('/v2/element-instances/:key/variables', async (request, reply) => {
    const key = pathKey(request.params.key, 'Element instance');
    const body = parseBody(setVariablesSchema, request.body, 'variables request');
    const scope = ctx.broker.elementInstances({ elementInstanceKey: key })[0] ?? ctx.broker.processInstances({ processInstanceKey: key })[0];
    if (scope) accessOf(ctx, request).require('PROCESS_DEFINITION', 'UPDATE_PROCESS_INSTANCE', scope.processDefinitionId);
    ctx.broker.setVariables(key, body.variables, body.local ?? false);
    return reply.code(204).send();
  });
}
