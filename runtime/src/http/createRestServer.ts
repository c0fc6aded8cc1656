/**
 * The REST API v2 server (fastify): JSON and multipart bodies, one module per API resource, and one
 * error handler that answers every failure as RFC 7807 problem JSON (never a stack trace, never a 503
 * for a client's mistake).
 */
import multipart from '@fastify/multipart';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Problem } from '../broker/Problem';
import { registerClockRoutes } from './clock';
import { registerDecisionRoutes } from './decisions';
import { registerDeploymentRoutes, MAX_RESOURCE_BYTES } from './deployments';
import { registerElementInstanceRoutes } from './elementInstances';
import { registerIncidentRoutes } from './incidents';
import { registerJobRoutes } from './jobs';
import { parseJsonBody } from './jsonBody';
import { registerMessageRoutes } from './messages';
import { PROBLEM_CONTENT_TYPE, problemBody } from './ProblemResponse';
import { registerProcessDefinitionRoutes } from './processDefinitions';
import { registerProcessInstanceRoutes } from './processInstances';
import { registerResourceRoutes } from './resources';
import { registerSearchRoutes } from './searches';
import { requireAuthentication } from './authentication';
import type { RestContext } from './RestContext';
import { ShuttingDown } from './ShuttingDown';
import { registerTopologyRoutes } from './topology';
import { registerUnsupportedRoutes } from './unsupported';
import { registerUserTaskRoutes } from './userTasks';
import { registerVariableRoutes } from './variables';

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Install the JSON body parser and the problem-JSON error and not-found handlers. */
export function installProblemHandling(app: FastifyInstance, logger: Logger): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: MAX_BODY_BYTES }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  app.setErrorHandler((error: FastifyError | Problem | ShuttingDown, request, reply) => {
    const send = (status: number, title: string, detail: string) =>
      reply.code(status).type(PROBLEM_CONTENT_TYPE).send(problemBody(status, title, detail, request.url));
    if (error instanceof Problem) {
      if (error.status >= 500) logger.error({ err: error, url: request.url }, 'broker failure');
      return send(error.status, error.title, error.detail);
    }
    if (error instanceof ShuttingDown) return send(503, 'UNAVAILABLE', error.message);
    const fe = error as FastifyError;
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type '${request.headers['content-type'] ?? ''}' is not supported; send application/json`);
    }
    if (fe.statusCode === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(413, 'PAYLOAD_TOO_LARGE', `The request is too large (at most ${MAX_BODY_BYTES} bytes per body or resource)`);
    }
    if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(fe.statusCode, 'INVALID_ARGUMENT', fe.message);
    }
    logger.error({ err: error, method: request.method, url: request.url }, 'unexpected failure while handling a request');
    return send(500, 'INTERNAL_ERROR', 'The local runtime failed to handle this request; see its log for details');
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type(PROBLEM_CONTENT_TYPE)
      .send(problemBody(404, 'NOT_FOUND', `No endpoint ${request.method} ${request.url.split('?')[0]} in the local runtime`, request.url)),
  );
}

export async function createRestServer(ctx: RestContext, restPort: () => number): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: MAX_BODY_BYTES,
    forceCloseConnections: 'idle',
  });
  installProblemHandling(app, ctx.logger);
  // a protected API (Camunda 8.8 self-managed): every request authenticates first (401 otherwise)
  requireAuthentication(app, ctx.auth);
  app.removeContentTypeParser('text/plain'); // Camunda answers 415 to anything but JSON and multipart
  await app.register(multipart, { limits: { fileSize: MAX_RESOURCE_BYTES }, throwFileSizeLimit: true });
  app.addHook('onResponse', async (request, reply) => {
    if (ctx.logger.isLevelEnabled('debug')) {
      ctx.logger.debug({ method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    }
  });

  registerTopologyRoutes(app, restPort);
  registerDeploymentRoutes(app, ctx);
  registerProcessDefinitionRoutes(app, ctx);
  registerDecisionRoutes(app, ctx);
  registerProcessInstanceRoutes(app, ctx);
  registerElementInstanceRoutes(app, ctx);
  registerVariableRoutes(app, ctx);
  registerJobRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  registerMessageRoutes(app, ctx);
  registerUserTaskRoutes(app, ctx);
  registerIncidentRoutes(app, ctx);
  registerClockRoutes(app, ctx);
  registerResourceRoutes(app, ctx);
  registerUnsupportedRoutes(app);
  return app;
}
