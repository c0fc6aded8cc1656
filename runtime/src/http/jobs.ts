/** Jobs: activation (long polling), completion, failure, BPMN error, update of retries/timeout. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { accessOf, type RestContext } from './RestContext';
import { durationMs, lenientNumber, MAX_DURATION_MS, nonNegativeInt, operationReferenceSchema, tenantIdsSchema, variablesSchema } from './schemas';
import { parseBody, pathKey } from './validation';

const activationSchema = z.strictObject({
  type: z.string({ error: 'type must be a string' }).min(1, 'type must not be empty'),
  worker: z.string().nullish(),
  timeout: durationMs('timeout', true),
  maxJobsToActivate: lenientNumber(z.number({ error: 'maxJobsToActivate must be a number' }).int().positive('maxJobsToActivate must be positive').max(10_000, 'maxJobsToActivate must be at most 10000')),
  fetchVariable: z.array(z.string()).nullish(),
  requestTimeout: lenientNumber(z.number({ error: 'requestTimeout must be a number' }).int().max(MAX_DURATION_MS, 'requestTimeout must be at most ten years')).nullish(),
  tenantIds: tenantIdsSchema,
});

/** Camunda 8.8's JobResultCorrections: null or absent keeps a value; other attributes are ignored (as Camunda does). */
const correctionsSchema = z.object({
  assignee: z.string().nullish(),
  dueDate: z.union([z.literal(''), z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date-time')]).nullish(),
  followUpDate: z.union([z.literal(''), z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date-time')]).nullish(),
  candidateUsers: z.array(z.string()).nullish(),
  candidateGroups: z.array(z.string()).nullish(),
  priority: lenientNumber(z.number().int().min(0, 'priority must be between 0 and 100').max(100, 'priority must be between 0 and 100')).nullish(),
});

/** A job result: the user task result of a task listener (`type` userTask; older clients send none). */
const resultSchema = z
  .object({
    type: z.enum(['userTask', 'adHocSubProcess']).nullish(),
    denied: z.boolean().nullish(),
    deniedReason: z.string().nullish(),
    corrections: correctionsSchema.nullish(),
  })
  .refine((r) => r.type !== 'adHocSubProcess', 'ad-hoc subprocess job results are not supported by the local runtime (no ad-hoc subprocesses)')
  .nullish();

const completionSchema = z.strictObject({
  variables: variablesSchema,
  result: resultSchema,
});

const failureSchema = z.strictObject({
  retries: nonNegativeInt('retries').nullish(),
  errorMessage: z.string().nullish(),
  retryBackOff: durationMs('retryBackOff').nullish(),
  variables: variablesSchema,
});

const errorSchema = z.strictObject({
  errorCode: z.string({ error: 'errorCode must be a string' }).min(1, 'errorCode must not be empty'),
  errorMessage: z.string().nullish(),
  variables: variablesSchema,
});

const updateSchema = z.strictObject({
  changeset: z
    .strictObject({ retries: nonNegativeInt('retries').nullish(), timeout: durationMs('timeout').nullish() })
    .refine((c) => c.retries != null || c.timeout != null, 'changeset needs retries or timeout'),
  operationReference: operationReferenceSchema,
});

export function registerJobRoutes(app: FastifyInstance, ctx: RestContext): void {
  // Job commands need UPDATE_PROCESS_INSTANCE on every process ('*'): the runtime does not narrow activation per process.
  const mayWorkJobs = (request: import('fastify').FastifyRequest) => accessOf(ctx, request).require('PROCESS_DEFINITION', 'UPDATE_PROCESS_INSTANCE');

  app.post('/v2/jobs/activation', async (request, reply) => {
    mayWorkJobs(request);
    const body = parseBody(activationSchema, request.body, 'job activation request');
    const socket = request.raw.socket;
    const jobs = await ctx.poller.activate(
      {
        type: body.type,
        worker: body.worker ?? '',
        timeout: body.timeout,
        maxJobsToActivate: body.maxJobsToActivate,
        fetchVariable: body.fetchVariable ?? undefined,
        tenantIds: body.tenantIds ?? undefined,
      },
      body.requestTimeout ?? undefined,
      () => socket.destroyed,
      (cb) => reply.raw.once('close', () => !reply.raw.writableFinished && cb()),
    );
    if (jobs.length > 0 && socket.destroyed) {
      // The client went away while its jobs were activated: yield them back at once (as Zeebe's gateway
      // does) instead of letting them wait for their timeout.
      for (const job of jobs) {
        try {
          ctx.broker.updateJob(job.jobKey, { timeout: 0 });
        } catch (err) {
          ctx.logger.warn({ err, jobKey: job.jobKey }, 'could not yield a job that its client did not receive');
        }
      }
      ctx.logger.debug({ jobs: jobs.length, type: body.type }, 'client left before its jobs were sent; jobs yielded');
      return reply.code(204).send();
    }
    return { jobs };
  });

  app.post<{ Params: { key: string } }>('/v2/jobs/:key/completion', async (request, reply) => {
    mayWorkJobs(request);
    const key = pathKey(request.params.key, 'Job');
    const body = parseBody(completionSchema, request.body, 'job completion request');
    const r = body.result;
    const result = r
      ? {
          denied: r.denied ?? false,
          deniedReason: r.deniedReason ?? undefined,
          corrections: r.corrections
            ? {
                assignee: r.corrections.assignee,
                dueDate: r.corrections.dueDate,
                followUpDate: r.corrections.followUpDate,
                candidateUsers: r.corrections.candidateUsers,
                candidateGroups: r.corrections.candidateGroups,
                priority: r.corrections.priority,
              }
            : undefined,
        }
      : undefined;
    ctx.broker.completeJob(key, body.variables, result);
    return reply.code(204).send();
  });

  app.post<{ Params: { key: string } }>('/v2/jobs/:key/failure', async (request, reply) => {
    mayWorkJobs(request);
    const key = pathKey(request.params.key, 'Job');
    const body = parseBody(failureSchema, request.body, 'job failure request');
    ctx.broker.failJob(key, {
      retries: body.retries ?? 0,
      errorMessage: body.errorMessage ?? undefined,
      retryBackOff: body.retryBackOff ?? 0,
      variables: body.variables,
    });
    return reply.code(204).send();
  });

  app.post<{ Params: { key: string } }>('/v2/jobs/:key/error', async (request, reply) => {
    mayWorkJobs(request);
    const key = pathKey(request.params.key, 'Job');
    const body = parseBody(errorSchema, request.body, 'job error request');
    ctx.broker.throwJobError(key, {
      errorCode: body.errorCode,
      errorMessage: body.errorMessage ?? undefined,
      variables: body.variables,
    });
    return reply.code(204).send();
  });

  app.patch<{ Params: { key: string } }>('/v2/jobs/:key', async (request, reply) => {
    mayWorkJobs(request);
    const key = pathKey(request.params.key, 'Job');
    const body = parseBody(updateSchema, request.body, 'job update request');
    const changeset: { retries?: number; timeout?: number } = {};
    if (body.changeset.retries != null) changeset.retries = body.changeset.retries;
    if (body.changeset.timeout != null) changeset.timeout = body.changeset.timeout;
    ctx.broker.updateJob(key, changeset);
    return reply.code(204).send();
  });
}

