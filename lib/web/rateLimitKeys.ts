import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';

/**
 * The client's address as fastify derives it from its `trustProxy` setting: the socket's peer or, behind proxies
 * fastify was told to trust (a hop count or their addresses), the address the nearest untrusted hop was seen from.
 * X-Forwarded-For is never read here, so nothing a client writes into it becomes a key unless the server is
 * configured to believe it. IPv6 counts per /64 (one host or household has a whole /64).
 */
export function clientAddress(request: FastifyRequest): string {
  return normalizeIP(request.ip);
}

/** An account name as typed into a sign-in form: trimmed, lower case, at most 100 characters ('' when absent). */
export function accountName(value: unknown): string {
  return typeof value === 'string' ? value.trim().toLowerCase().slice(0, 100) : '';
}

/** What a sign-in throttle counts per: the account, or the account from one address. */
export type SignInKeyScope = 'account' | 'account+address';

/** Key of a sign-in attempt, from the form field `field` of the parsed body (and the client's address). */
export function signInKey(request: FastifyRequest, scope: SignInKeyScope, field = 'userId'): string {
  const account = accountName((request.body as Record<string, unknown> | undefined)?.[field]);
  return JSON.stringify(scope === 'account' ? [account] : [account, clientAddress(request)]);
}
