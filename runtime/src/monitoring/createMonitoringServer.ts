/**
 * The monitoring port (Camunda: 9600). Zeebe's actuator clock as @camunda8/process-test calls it:
 * GET /actuator/clock, POST /actuator/clock/add {offsetMilli}, POST /actuator/clock/pin {epochMilli},
 * DELETE /actuator/clock; plus health and readiness (open, as Camunda's). The clock answers only an authenticated
 * caller (Basic, the REST API's users: 401 otherwise); moving it needs clock control (RUNTIME_CLOCK_CONTROL, else 403
 * with Camunda's "… it is immutable") and SYSTEM:UPDATE (the admin role).
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Broker } from '../broker/types';
import { access, authenticate, type ApiAuth } from '../http/authentication';
import { requireClockControl } from '../http/clock';
import { installProblemHandling } from '../http/createRestServer';
import { parseJsonBody } from '../http/jsonBody';
import { MAX_DURATION_MS, MAX_EPOCH_MS } from '../http/schemas';
import { parseBody } from '../http/validation';

const addSchema = z.strictObject({
  offsetMilli: z
    .number({ error: 'offsetMilli must be a number of milliseconds' })
    .int('offsetMilli must be a whole number')
    .min(0, 'the local runtime moves its clock forward only; pin an earlier time with POST /actuator/clock/pin')
    .max(MAX_DURATION_MS, 'offsetMilli must be at most ten years'),
});
const pinSchema = z.strictObject({ epochMilli: z.number({ error: 'epochMilli must be a number' }).int().min(0).max(MAX_EPOCH_MS, 'epochMilli must be before the year 10000') });

export function clockResponse(broker: Broker) {
  const epochMilli = broker.now();
  return { epochMilli, instant: new Date(epochMilli).toISOString() };
}

export async function createMonitoringServer(broker: Broker, logger: Logger, isReady: () => boolean, security: { auth: ApiAuth; clockControl: boolean }): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), forceCloseConnections: 'idle' });
  installProblemHandling(app, logger);
  // fetch() without a content type sends text/plain: read it as JSON too.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  const { auth, clockControl } = security;
  const authenticated = { onRequest: (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => authenticate(auth, request, reply) };
  const mayMoveClock = (request: import('fastify').FastifyRequest, what: string) => {
    access(auth, request).require('SYSTEM', 'UPDATE');
    requireClockControl(clockControl, what);
  };

  app.get('/actuator/clock', authenticated, async () => clockResponse(broker));

  app.post('/actuator/clock/add', authenticated, async (request) => {
    mayMoveClock(request, 'add time to the clock');
    const body = parseBody(addSchema, request.body, 'clock request');
    broker.addClockOffset(body.offsetMilli);
    return clockResponse(broker);
  });

  app.post('/actuator/clock/pin', authenticated, async (request) => {
    mayMoveClock(request, 'pin the clock to the given time');
    const body = parseBody(pinSchema, request.body, 'clock request');
    broker.pinClock(body.epochMilli);
    return clockResponse(broker);
  });

  app.delete('/actuator/clock', authenticated, async (request) => {
    mayMoveClock(request, 'reset the clock');
    broker.resetClock();
    return clockResponse(broker);
  });

  const health = async (_req: unknown, reply: import('fastify').FastifyReply) =>
    isReady() ? reply.send({ status: 'UP' }) : reply.code(503).send({ status: 'DOWN' });
  app.get('/actuator/health', health);
  app.get('/actuator/health/liveness', health);
  app.get('/actuator/health/readiness', health);
  app.get('/ready', async (_req, reply) => reply.code(isReady() ? 204 : 503).send());
  app.get('/health', async (_req, reply) => reply.code(isReady() ? 204 : 503).send());
  app.get('/startup', async (_req, reply) => reply.code(isReady() ? 204 : 503).send());
  return app;
}
