/**
 * DMN (Camunda 8.8): decision evaluation, decision definitions (search, get, XML), decision requirements (search, get,
 * XML) and decision instances (search, get with evaluated inputs and matched rules).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Problem } from '../broker/Problem';
import type { DecisionInstanceRecord } from '../broker/types';
import { accessOf, type RestContext } from './RestContext';
import { keySchema } from './schemas';
import { SearchDefinition, withoutEmpty } from './SearchDefinition';
import { parseBody, pathKey } from './validation';

const evaluation = z.strictObject({
  decisionDefinitionId: z.string().min(1).optional(),
  decisionDefinitionKey: keySchema.optional(),
  variables: z.record(z.string(), z.unknown()).nullish(),
  tenantId: z.string().optional(),
});

type SearchItem = Omit<DecisionInstanceRecord, 'evaluatedInputs' | 'matchedRules' | 'elementId'>;

/** A decision instance as the search answers it (Camunda leaves out inputs and matched rules). */
function searchItem(d: DecisionInstanceRecord): SearchItem {
  const { evaluatedInputs: _inputs, matchedRules: _rules, elementId: _element, ...rest } = d;
  return withoutEmpty(rest);
}

export function registerDecisionRoutes(app: FastifyInstance, ctx: RestContext): void {
  const definitions = new SearchDefinition('decision definition', 'decisionDefinitionKey', {
    decisionDefinitionKey: { kind: 'key' },
    decisionDefinitionId: { kind: 'string' },
    name: { kind: 'string' },
    version: { kind: 'number' },
    decisionRequirementsId: { kind: 'string' },
    decisionRequirementsKey: { kind: 'key' },
    tenantId: { kind: 'string' },
  });
  const requirements = new SearchDefinition('decision requirements', 'decisionRequirementsKey', {
    decisionRequirementsKey: { kind: 'key' },
    decisionRequirementsId: { kind: 'string' },
    decisionRequirementsName: { kind: 'string' },
    version: { kind: 'number' },
    resourceName: { kind: 'string' },
    tenantId: { kind: 'string' },
  });
  const instances = new SearchDefinition<SearchItem>('decision instance', 'decisionEvaluationInstanceKey', {
    decisionEvaluationInstanceKey: { kind: 'key' },
    decisionEvaluationKey: { kind: 'key' },
    state: { kind: 'enum', values: ['EVALUATED', 'FAILED', 'UNSPECIFIED', 'UNKNOWN'] },
    evaluationDate: { kind: 'date' },
    evaluationFailure: { kind: 'string' },
    processDefinitionKey: { kind: 'key' },
    processInstanceKey: { kind: 'key' },
    elementInstanceKey: { kind: 'key' },
    decisionDefinitionKey: { kind: 'key' },
    decisionDefinitionId: { kind: 'string' },
    decisionDefinitionName: { kind: 'string' },
    decisionDefinitionVersion: { kind: 'number' },
    decisionDefinitionType: { kind: 'enum', values: ['DECISION_TABLE', 'LITERAL_EXPRESSION', 'UNSPECIFIED', 'UNKNOWN'] },
    tenantId: { kind: 'string' },
  });
  const readable = (request: FastifyRequest, permission: 'READ_DECISION_DEFINITION' | 'READ_DECISION_INSTANCE') =>
    accessOf(ctx, request).readable('DECISION_DEFINITION', permission);

  app.post('/v2/decision-definitions/evaluation', async (request) => {
    const body = parseBody(evaluation, request.body, 'decision evaluation');
    if (!body.decisionDefinitionId === !body.decisionDefinitionKey) {
      throw Problem.badRequest('Expected either a decisionDefinitionId or a decisionDefinitionKey, but none or both given');
    }
    const id = body.decisionDefinitionId ?? ctx.broker.decisionDefinitions().find((d) => d.decisionDefinitionKey === body.decisionDefinitionKey)?.decisionDefinitionId;
    accessOf(ctx, request).require('DECISION_DEFINITION', 'CREATE_DECISION_INSTANCE', id);
    return ctx.broker.evaluateDecision({ decisionDefinitionId: body.decisionDefinitionId, decisionDefinitionKey: body.decisionDefinitionKey, variables: body.variables ?? {} });
  });

  app.post('/v2/decision-definitions/search', async (request) => {
    const query = definitions.parse(request.body);
    const may = readable(request, 'READ_DECISION_DEFINITION');
    return definitions.apply(query, ctx.broker.decisionDefinitions().filter((d) => may(d.decisionDefinitionId)));
  });

  const definition = (request: FastifyRequest<{ Params: { key: string } }>) => {
    const key = pathKey(request.params.key, 'Decision definition');
    const d = ctx.broker.decisionDefinitions().find((x) => x.decisionDefinitionKey === key);
    if (!d) throw Problem.notFound(`Decision definition with key '${key}' not found`);
    accessOf(ctx, request).require('DECISION_DEFINITION', 'READ_DECISION_DEFINITION', d.decisionDefinitionId);
    return d;
  };
  app.get<{ Params: { key: string } }>('/v2/decision-definitions/:key', async (request) => definition(request));
  app.get<{ Params: { key: string } }>('/v2/decision-definitions/:key/xml', async (request, reply) =>
    reply.type('text/xml; charset=utf-8').send(ctx.broker.decisionRequirementsXml(definition(request).decisionRequirementsKey)),
  );

  app.post('/v2/decision-requirements/search', async (request) => {
    const query = requirements.parse(request.body);
    accessOf(ctx, request).require('DECISION_REQUIREMENTS_DEFINITION', 'READ');
    return requirements.apply(query, ctx.broker.decisionRequirements());
  });
  const drg = (request: FastifyRequest<{ Params: { key: string } }>) => {
    const key = pathKey(request.params.key, 'Decision requirements');
    accessOf(ctx, request).require('DECISION_REQUIREMENTS_DEFINITION', 'READ');
    const r = ctx.broker.decisionRequirements().find((x) => x.decisionRequirementsKey === key);
    if (!r) throw Problem.notFound(`Decision requirements with key '${key}' not found`);
    return r;
  };
  app.get<{ Params: { key: string } }>('/v2/decision-requirements/:key', async (request) => drg(request));
  app.get<{ Params: { key: string } }>('/v2/decision-requirements/:key/xml', async (request, reply) =>
    reply.type('text/xml; charset=utf-8').send(ctx.broker.decisionRequirementsXml(drg(request).decisionRequirementsKey)),
  );

  app.post('/v2/decision-instances/search', async (request) => {
    const query = instances.parse(request.body);
    const may = readable(request, 'READ_DECISION_INSTANCE');
    return instances.apply(query, ctx.broker.decisionInstances().filter((d) => may(d.decisionDefinitionId)).map(searchItem));
  });
  app.get<{ Params: { id: string } }>('/v2/decision-instances/:id', async (request) => {
    const found = ctx.broker.decisionInstances().find((d) => d.decisionEvaluationInstanceKey === request.params.id);
    if (!found) throw Problem.notFound(`Decision instance with key '${request.params.id}' not found`);
    accessOf(ctx, request).require('DECISION_DEFINITION', 'READ_DECISION_INSTANCE', found.decisionDefinitionId);
    const { elementId: _element, ...record } = found;
    return withoutEmpty(record);
  });
}
