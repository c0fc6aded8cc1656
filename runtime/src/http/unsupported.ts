/**
 * Camunda 8 REST API v2 endpoints the local runtime does not serve (signals, decisions, documents,
 * migration, modification, identity). They answer 501 with a clear problem instead of pretending.
 */
import type { FastifyInstance } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemBody } from './ProblemResponse';

const UNSUPPORTED: Array<{ path: string; what: string }> = [
  { path: '/v2/signals/broadcast', what: 'Signals (signal events) are' },
  { path: '/v2/decision-definitions/*', what: 'Decisions (DMN) are' },
  { path: '/v2/decision-instances/*', what: 'Decisions (DMN) are' },
  { path: '/v2/decision-requirements/*', what: 'Decisions (DMN) are' },
  { path: '/v2/documents', what: 'Documents are' },
  { path: '/v2/documents/*', what: 'Documents are' },
  { path: '/v2/process-instances/:key/migration', what: 'Process instance migration is' },
  { path: '/v2/process-instances/:key/modification', what: 'Process instance modification is' },
  { path: '/v2/batch-operations/*', what: 'Batch operations are' },
  { path: '/v2/users/*', what: 'Identity (users) is' },
  { path: '/v2/users', what: 'Identity (users) is' },
  { path: '/v2/groups/*', what: 'Identity (groups) is' },
  { path: '/v2/roles/*', what: 'Identity (roles) is' },
  { path: '/v2/tenants/*', what: 'Multi-tenancy is' },
  { path: '/v2/authorizations/*', what: 'Authorizations are' },
];

export function registerUnsupportedRoutes(app: FastifyInstance): void {
  for (const { path, what } of UNSUPPORTED) {
    app.all(path, async (request, reply) =>
      reply
        .code(501)
        .type(PROBLEM_CONTENT_TYPE)
        .send(problemBody(501, 'NOT_SUPPORTED', `${what} not supported by the local runtime (a stand-in for Camunda 8)`, request.url)),
    );
  }
}
