/**
 * Basic authentication of every REST API request (a self-managed Camunda 8.8 with a protected API) and the
 * authorization checks the routes make with the caller's identity (`access(request)`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiIdentities, Identity } from '../auth/ApiIdentities';
import type { Authorizations, Permission, ResourceType } from '../auth/Authorizations';
import { Problem } from '../broker/Problem';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller (set by `requireAuthentication`). */
    identity?: Identity;
  }
}

export interface ApiAuth {
  identities: ApiIdentities;
  authorizations: Authorizations;
}

const CHALLENGE = 'Basic realm="Camunda 8 (local runtime)", charset="UTF-8"';

/** 401 with a Basic challenge unless the request carries the credentials of a user of the users file. */
export async function authenticate(auth: ApiAuth, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const identity = await auth.identities.authenticate(request.headers.authorization);
  if (!identity) {
    reply.header('www-authenticate', CHALLENGE);
    throw Problem.unauthorized(
      request.headers.authorization
        ? 'The credentials are not those of a user of the runtime (Basic authentication: user id and password of the users file)'
        : 'Authentication required: send Basic credentials (CAMUNDA_AUTH_STRATEGY=BASIC with CAMUNDA_BASIC_AUTH_USERNAME and CAMUNDA_BASIC_AUTH_PASSWORD)',
    );
  }
  request.identity = identity;
}

/** Every route of `app` requires authentication. */
export function requireAuthentication(app: FastifyInstance, auth: ApiAuth): void {
  app.addHook('onRequest', async (request, reply) => authenticate(auth, request, reply));
}

/** What the caller of `request` may do: checks throw Camunda's 403; `readable` filters searches. */
export function access(auth: ApiAuth, request: FastifyRequest) {
  const identity = request.identity;
  if (!identity) throw Problem.unauthorized('Authentication required');
  return {
    identity,
    require: (resourceType: ResourceType, permission: Permission, resourceId?: string) => auth.authorizations.require(identity, resourceType, permission, resourceId),
    can: (resourceType: ResourceType, permission: Permission, resourceId?: string) => auth.authorizations.can(identity, resourceType, permission, resourceId),
    readable: (resourceType: ResourceType, permission: Permission) => auth.authorizations.readable(identity, resourceType, permission),
  };
}
