/** The engine clock on the REST API: pin (PUT /v2/clock) and reset (POST /v2/clock/reset). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Problem } from '../broker/Problem';
import { accessOf, type RestContext } from './RestContext';
import { lenientNumber, MAX_EPOCH_MS } from './schemas';
import { parseBody } from './validation';

const pinSchema = z.strictObject({
  timestamp: lenientNumber(
    z.number({ error: 'timestamp must be a number' }).int('timestamp must be a whole number').min(0, 'timestamp must not be negative').max(MAX_EPOCH_MS, 'timestamp must be before the year 10000'),
  ),
});

/**
 * Moving the clock needs clock control (RUNTIME_CLOCK_CONTROL, Camunda's `zeebe.clock.controlled`; else 403 as
 * Camunda answers an immutable clock) and SYSTEM:UPDATE (the admin role).
 */
export function requireClockControl(enabled: boolean, what: string): void {
  if (!enabled) throw Problem.forbidden(`Expected to ${what}, but it is immutable (the clock is controlled only with RUNTIME_CLOCK_CONTROL=true)`);
}

export function registerClockRoutes(app: FastifyInstance, ctx: RestContext): void {
  const mayMoveClock = (request: FastifyRequest, what: string) => {
    accessOf(ctx, request).require('SYSTEM', 'UPDATE');
    requireClockControl(ctx.clockControl, what);
  };

  app.put('/v2/clock', async (request, reply) => {
    mayMoveClock(request, 'pin the clock to the given time');
    const body = parseBody(pinSchema, request.body, 'clock pin request');
    ctx.broker.pinClock(body.timestamp);
    return reply.code(204).send();
  });

  app.post('/v2/clock/reset', async (request, reply) => {
    mayMoveClock(request, 'reset the clock');
    parseBody(z.strictObject({}), request.body, 'clock reset request');
    ctx.broker.resetClock();
    return reply.code(204).send();
  });
}
