/**
 * Camunda 8 REST API v2 endpoints the local runtime does not serve (signals, decisions, documents,
 * migration, modification, identity). They answer 501 with a clear problem instead of pretending.
 */
import type { FastifyInstance } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemBody } from './ProblemResponse';

const UNSUPPORTED: Array<{ path: string; what: string }> = [
  { path: '/v2/documents', what: 'Documents are' },
  { path: '/v2/documents/*', what: 'Documents are' },
  { path: '/v2/process-instances/:key/migration', what: 'Process instance migration is' },
  { path: '/v2/process-instances/:key/modification', what: 'Process instance modification is' },
  { path: '/v2/process-instances/:key/sequence-flows', what: 'Taken sequence flows are' },
  { path: '/v2/process-instances/cancellation', what: 'Batch operations are' },
  { path: '/v2/process-instances/incident-resolution', what: 'Batch operations are' },
  { path: '/v2/process-instances/migration', what: 'Batch operations are' },
  { path: '/v2/process-instances/modification', what: 'Batch operations are' },
  { path: '/v2/batch-operations/*', what: 'Batch operations are' },
  { path: '/v2/batch-operation-items/*', what: 'Batch operations are' },
  { path: '/v2/correlated-message-subscriptions/*', what: 'Message subscription search is' },
  { path: '/v2/element-instances/ad-hoc-activities/*', what: 'Ad-hoc subprocesses are' },
  { path: '/v2/system/*', what: 'Usage metrics are' },
  { path: '/v2/authentication/*', what: 'Authentication is' },
  { path: '/v2/setup/*', what: 'Identity (users) is' },
  { path: '/v2/users', what: 'Identity (users) is' },
  { path: '/v2/users/*', what: 'Identity (users) is' },
  { path: '/v2/groups', what: 'Identity (groups) is' },
  { path: '/v2/groups/*', what: 'Identity (groups) is' },
  { path: '/v2/roles', what: 'Identity (roles) is' },
  { path: '/v2/roles/*', what: 'Identity (roles) is' },
  { path: '/v2/mapping-rules', what: 'Identity (mapping rules) is' },
  { path: '/v2/mapping-rules/*', what: 'Identity (mapping rules) is' },
  { path: '/v2/tenants', what: 'Multi-tenancy is' },
  { path: '/v2/tenants/*', what: 'Multi-tenancy is' },
  { path: '/v2/authorizations', what: 'Authorizations are' },
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
