/** Deployed resources (process definitions and forms) by key: get, content, deletion. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Problem } from '../broker/Problem';
import { accessOf, type RestContext } from './RestContext';
import { withoutEmpty } from './SearchDefinition';
import { DEFAULT_TENANT, operationReferenceSchema } from './schemas';
import { parseBody, pathKey } from './validation';

const deletionSchema = z.strictObject({ operationReference: operationReferenceSchema });

interface ResourceInfo {
  resourceKey: string;
  resourceId: string;
  resourceName: string;
  version: number;
  versionTag: string | null;
  tenantId: string;
  content: () => { type: string; body: string };
}

function findResource(ctx: RestContext, key: string): ResourceInfo {
  const definition = ctx.broker.processDefinitions().find((d) => d.processDefinitionKey === key);
  if (definition) {
    return {
      resourceKey: key,
      resourceId: definition.processDefinitionId,
      resourceName: definition.resourceName,
      version: definition.version,
      versionTag: definition.versionTag,
      tenantId: definition.tenantId || DEFAULT_TENANT,
      content: () => ({ type: 'text/xml; charset=utf-8', body: ctx.broker.processDefinitionXml(key) }),
    };
  }
  const form = ctx.broker.forms().find((f) => f.formKey === key);
  if (form) {
    return {
      resourceKey: key,
      resourceId: form.formId,
      resourceName: form.resourceName,
      version: form.version,
      versionTag: null,
      tenantId: form.tenantId || DEFAULT_TENANT,
      content: () => ({ type: 'application/json; charset=utf-8', body: form.schema }),
    };
  }
  throw Problem.notFound(`Resource with key '${key}' not found`);
}

export function registerResourceRoutes(app: FastifyInstance, ctx: RestContext): void {
  app.get<{ Params: { key: string } }>('/v2/resources/:key', async (request) => {
    accessOf(ctx, request).require('RESOURCE', 'READ');
    const { content: _content, ...info } = findResource(ctx, pathKey(request.params.key, 'Resource'));
    return withoutEmpty(info);
  });

  app.get<{ Params: { key: string } }>('/v2/resources/:key/content', async (request, reply) => {
    accessOf(ctx, request).require('RESOURCE', 'READ');
    const { type, body } = findResource(ctx, pathKey(request.params.key, 'Resource')).content();
    return reply.type(type).send(body);
  });

  app.post<{ Params: { key: string } }>('/v2/resources/:key/deletion', async (request, reply) => {
    const key = pathKey(request.params.key, 'Resource');
    parseBody(deletionSchema, request.body, 'resource deletion request');
    const isForm = ctx.broker.forms().some((f) => f.formKey === key);
    accessOf(ctx, request).require('RESOURCE', isForm ? 'DELETE_FORM' : 'DELETE_PROCESS');
    ctx.broker.deleteResource(key);
    return reply.code(200).send();
  });
}
