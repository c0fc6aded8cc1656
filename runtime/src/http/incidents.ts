/** Incidents: search, get, resolve. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Problem } from '../broker/Problem';
import type { IncidentRecord } from '../broker/types';
import { accessOf, type RestContext } from './RestContext';
import { SearchDefinition, withoutEmpty } from './SearchDefinition';
import { operationReferenceSchema } from './schemas';
import { parseBody, pathKey } from './validation';

const resolutionSchema = z.strictObject({ operationReference: operationReferenceSchema });

export const incidentSearch = new SearchDefinition<IncidentRecord>('incident', 'incidentKey', {
  incidentKey: { kind: 'key' },
  processDefinitionKey: { kind: 'key' },
  processDefinitionId: { kind: 'string' },
  processInstanceKey: { kind: 'key' },
  errorType: { kind: 'string' },
  errorMessage: { kind: 'string' },
  elementId: { kind: 'string' },
  elementInstanceKey: { kind: 'key' },
  creationTime: { kind: 'date' },
  state: { kind: 'enum', values: ['ACTIVE', 'MIGRATED', 'RESOLVED', 'PENDING'] },
  jobKey: { kind: 'key' },
  tenantId: { kind: 'string' },
});

export function registerIncidentRoutes(app: FastifyInstance, ctx: RestContext): void {
  app.post('/v2/incidents/search', async (request) => {
    const query = incidentSearch.parse(request.body);
    const readable = accessOf(ctx, request).readable('PROCESS_DEFINITION', 'READ_PROCESS_INSTANCE');
    const records = ctx.broker.incidents({
      processInstanceKey: SearchDefinition.equality(query, 'processInstanceKey'),
      incidentKey: SearchDefinition.equality(query, 'incidentKey'),
    });
    return incidentSearch.apply(query, records.filter((r) => readable(r.processDefinitionId)));
  });

  app.post<{ Params: { key: string } }>('/v2/process-instances/:key/incidents/search', async (request) => {
    const key = pathKey(request.params.key, 'Process instance');
    const query = incidentSearch.parse(request.body);
    const readable = accessOf(ctx, request).readable('PROCESS_DEFINITION', 'READ_PROCESS_INSTANCE');
    return incidentSearch.apply(query, ctx.broker.incidents({ processInstanceKey: key }).filter((r) => readable(r.processDefinitionId)));
  });

  app.get<{ Params: { key: string } }>('/v2/incidents/:key', async (request) => {
    const key = pathKey(request.params.key, 'Incident');
    const record = ctx.broker.incidents({ incidentKey: key })[0];
    if (!record) throw Problem.notFound(`Incident with key '${key}' not found`);
    accessOf(ctx, request).require('PROCESS_DEFINITION', 'READ_PROCESS_INSTANCE', record.processDefinitionId);
    return withoutEmpty(record);
  });

  app.post<{ Params: { key: string } }>('/v2/incidents/:key/resolution', async (request, reply) => {
    const key = pathKey(request.params.key, 'Incident');
    parseBody(resolutionSchema, request.body, 'incident resolution request');
    const record = ctx.broker.incidents({ incidentKey: key })[0];
    if (record) accessOf(ctx, request).require('PROCESS_DEFINITION', 'UPDATE_PROCESS_INSTANCE', record.processDefinitionId);
    ctx.broker.resolveIncident(key);
    return reply.code(204).send();
  });
}
