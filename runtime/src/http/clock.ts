/** The engine clock on the REST API: pin (PUT /v2/clock) and reset (POST /v2/clock/reset). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RestContext } from './RestContext';
import { MAX_EPOCH_MS, nonNegativeInt } from './schemas';
import { parseBody } from './validation';

const pinSchema = z.strictObject({ timestamp: nonNegativeInt('timestamp').max(MAX_EPOCH_MS, 'timestamp must be before the year 10000') });

export function registerClockRoutes(app: FastifyInstance, ctx: RestContext): void {
  app.put('/v2/clock', async (request, reply) => {
    const body = parseBody(pinSchema, request.body, 'clock pin request');
    ctx.broker.pinClock(body.timestamp);
    return reply.code(204).send();
  });

  app.post('/v2/clock/reset', async (request, reply) => {
    parseBody(z.strictObject({}), request.body, 'clock reset request');
    ctx.broker.resetClock();
    return reply.code(204).send();
  });
}
