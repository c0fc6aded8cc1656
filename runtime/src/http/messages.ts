/** Messages: publication (buffered for their time to live) and correlation (404 when nothing matches); signal broadcast. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { accessOf, type RestContext } from './RestContext';
import { DEFAULT_TENANT, durationMs, tenantIdSchema, variablesSchema } from './schemas';
import { parseBody } from './validation';

const name = z.string({ error: 'name must be a string' }).min(1, 'name must not be empty');
/** Camunda (Jackson) turns a number into the string it needs; so do we. */
const correlationKey = z.union([z.string(), z.number().transform(String)], { error: 'correlationKey must be a string' }).nullish();

const publicationSchema = z.strictObject({
  name,
  correlationKey,
  timeToLive: durationMs('timeToLive').nullish(),
  messageId: z.string().nullish(),
  variables: variablesSchema,
  tenantId: tenantIdSchema,
});

const correlationSchema = z.strictObject({
  name,
  correlationKey,
  variables: variablesSchema,
  tenantId: tenantIdSchema,
});

const broadcastSchema = z.strictObject({
  signalName: z.string({ error: 'signalName must be a string' }).min(1, 'signalName must not be empty'),
  variables: variablesSchema,
  tenantId: tenantIdSchema,
});

export function registerMessageRoutes(app: FastifyInstance, ctx: RestContext): void {
  app.post('/v2/signals/broadcast', async (request) => {
    const body = parseBody(broadcastSchema, request.body, 'signal broadcast request');
    const { signalKey } = ctx.broker.broadcastSignal({ signalName: body.signalName, variables: body.variables });
    return { signalKey, tenantId: DEFAULT_TENANT };
  });

  app.post('/v2/messages/publication', async (request) => {
    accessOf(ctx, request).require('MESSAGE', 'CREATE');
    const body = parseBody(publicationSchema, request.body, 'message publication request');
    const { messageKey } = ctx.broker.publishMessage({
      name: body.name,
      correlationKey: body.correlationKey ?? '',
      timeToLive: body.timeToLive ?? 0,
      messageId: body.messageId || undefined,
      variables: body.variables,
    });
    return { messageKey, tenantId: DEFAULT_TENANT };
  });

  app.post('/v2/messages/correlation', async (request) => {
    accessOf(ctx, request).require('MESSAGE', 'CREATE');
    const body = parseBody(correlationSchema, request.body, 'message correlation request');
    const { messageKey, processInstanceKey } = ctx.broker.correlateMessage({
      name: body.name,
      correlationKey: body.correlationKey ?? '',
      variables: body.variables,
    });
    return { messageKey, tenantId: DEFAULT_TENANT, processInstanceKey };
  });
}
