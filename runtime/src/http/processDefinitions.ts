/** Process definitions: search, get, XML, start form. */
import type { FastifyInstance } from 'fastify';
import { Problem } from '../broker/Problem';
import type { ProcessDefinitionRecord } from '../broker/types';
import { accessOf, type RestContext } from './RestContext';
import { SearchDefinition, withoutEmpty } from './SearchDefinition';
import { pathKey } from './validation';

export type ProcessDefinitionItem = ProcessDefinitionRecord & { hasStartForm: boolean };

export function processDefinitionItem(d: ProcessDefinitionRecord): ProcessDefinitionItem {
  return withoutEmpty({
    processDefinitionKey: d.processDefinitionKey,
    processDefinitionId: d.processDefinitionId,
    name: d.name,
    version: d.version,
    versionTag: d.versionTag,
    resourceName: d.resourceName,
    tenantId: d.tenantId,
    hasStartForm: false,
  });
}

export function findDefinition(ctx: RestContext, key: string): ProcessDefinitionRecord {
  const d = ctx.broker.processDefinitions().find((p) => p.processDefinitionKey === key);
  if (!d) throw Problem.notFound(`Process definition with key '${key}' not found`);
  return d;
}

/** A definition with whether it is the latest version of its process id (search only). */
type Candidate = ProcessDefinitionItem & { isLatestVersion: boolean };

export function registerProcessDefinitionRoutes(app: FastifyInstance, ctx: RestContext): void {
  const search = new SearchDefinition<Candidate>(
    'process definition',
    'processDefinitionKey',
    {
      processDefinitionKey: { kind: 'key' },
      processDefinitionId: { kind: 'string' },
      name: { kind: 'string' },
      version: { kind: 'number' },
      versionTag: { kind: 'string' },
      resourceName: { kind: 'string' },
      tenantId: { kind: 'string' },
      hasStartForm: { kind: 'boolean' },
      isLatestVersion: { kind: 'boolean', sortable: false },
    },
  );

  app.post('/v2/process-definitions/search', async (request) => {
    const query = search.parse(request.body);
    const readable = accessOf(ctx, request).readable('PROCESS_DEFINITION', 'READ_PROCESS_DEFINITION');
    const all = ctx.broker.processDefinitions().filter((d) => readable(d.processDefinitionId));
    const latest = new Map<string, number>();
    for (const d of all) latest.set(d.processDefinitionId, Math.max(latest.get(d.processDefinitionId) ?? 0, d.version));
    const candidates = all.map((d) => ({ ...processDefinitionItem(d), isLatestVersion: latest.get(d.processDefinitionId) === d.version }));
    const result = search.apply(query, candidates);
    return { items: result.items.map(({ isLatestVersion: _latest, ...item }) => item), page: result.page };
  });

  /** A definition the caller may read (403 otherwise). */
  const readableDefinition = (request: import('fastify').FastifyRequest<{ Params: { key: string } }>) => {
    const d = findDefinition(ctx, pathKey(request.params.key, 'Process definition'));
    accessOf(ctx, request).require('PROCESS_DEFINITION', 'READ_PROCESS_DEFINITION', d.processDefinitionId);
    return d;
  };

  app.get<{ Params: { key: string } }>('/v2/process-definitions/:key', async (request) => processDefinitionItem(readableDefinition(request)));

  app.get<{ Params: { key: string } }>('/v2/process-definitions/:key/xml', async (request, reply) => {
    const xml = ctx.broker.processDefinitionXml(readableDefinition(request).processDefinitionKey);
    return reply.type('text/xml; charset=utf-8').send(xml);
  });

  app.get<{ Params: { key: string } }>('/v2/process-definitions/:key/form', async (request, reply) => {
    readableDefinition(request);
    return reply.code(204).send(); // start forms are not supported: no form is linked
  });
}
