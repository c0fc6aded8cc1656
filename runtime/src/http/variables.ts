/** Variables: search (values truncated like Camunda's) and get (full value). */
import type { FastifyInstance } from 'fastify';
import { Problem } from '../broker/Problem';
import type { VariableRecord } from '../broker/types';
import { accessOf, processIdOfInstance, type RestContext } from './RestContext';
import { SearchDefinition, withoutEmpty } from './SearchDefinition';
import { pathKey } from './validation';

/** Camunda truncates variable values in search results beyond this many characters. */
export const VARIABLE_TRUNCATION_LIMIT = 8191;

export const variableSearchFields = {
  variableKey: { kind: 'key' },
  name: { kind: 'string' },
  value: { kind: 'string' },
  scopeKey: { kind: 'key' },
  processInstanceKey: { kind: 'key' },
  tenantId: { kind: 'string' },
  isTruncated: { kind: 'boolean', sortable: false },
} as const;

export function truncated(v: VariableRecord, truncate: boolean): VariableRecord {
  if (!truncate || v.value.length <= VARIABLE_TRUNCATION_LIMIT) return v;
  return { ...v, value: v.value.slice(0, VARIABLE_TRUNCATION_LIMIT), isTruncated: true };
}

/** Variables of the process instances the caller may read (READ_PROCESS_INSTANCE of their process). */
function readableVariables(ctx: RestContext, request: import('fastify').FastifyRequest): (v: VariableRecord) => boolean {
  const readable = accessOf(ctx, request).readable('PROCESS_DEFINITION', 'READ_PROCESS_INSTANCE');
  const byInstance = new Map<string, boolean>();
  return (v) => {
    let ok = byInstance.get(v.processInstanceKey);
    if (ok === undefined) {
      const processId = processIdOfInstance(ctx, v.processInstanceKey);
      ok = processId !== undefined && readable(processId);
      byInstance.set(v.processInstanceKey, ok);
    }
    return ok;
  };
}

export function registerVariableRoutes(app: FastifyInstance, ctx: RestContext): void {
  const search = new SearchDefinition<VariableRecord>('variable', 'variableKey', variableSearchFields);

  app.post<{ Querystring: { truncateValues?: string } }>('/v2/variables/search', async (request) => {
    const query = search.parse(request.body);
    const records = ctx.broker.variables({
      processInstanceKey: SearchDefinition.equality(query, 'processInstanceKey'),
      scopeKey: SearchDefinition.equality(query, 'scopeKey'),
      variableKey: SearchDefinition.equality(query, 'variableKey'),
    });
    const readable = readableVariables(ctx, request);
    const result = search.apply(query, records.filter(readable));
    const truncate = request.query.truncateValues !== 'false';
    return { ...result, items: result.items.map((v) => truncated(v, truncate)) };
  });

  app.get<{ Params: { key: string } }>('/v2/variables/:key', async (request) => {
    const key = pathKey(request.params.key, 'Variable');
    const record = ctx.broker.variables({ variableKey: key })[0];
    if (!record) throw Problem.notFound(`Variable with key '${key}' not found`);
    const processId = processIdOfInstance(ctx, record.processInstanceKey);
    if (processId) accessOf(ctx, request).require('PROCESS_DEFINITION', 'READ_PROCESS_INSTANCE', processId);
    return withoutEmpty(record);
  });
}
