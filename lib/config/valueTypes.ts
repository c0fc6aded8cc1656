import { z } from 'zod';
import { isIP } from 'node:net';

/**
 * Value types shared by the configurations (service, local runtime, local web). Each takes text from the environment
 * and typed values from a file or from code alike.
 */

const PORT_RANGE = 'must be a port number between 0 and 65535';

/** A TCP port; 0 = any free port. */
export function port() {
  return z.coerce.number({ error: 'must be a port number (0-65535; 0 = any free port)' }).int('must be a whole port number').min(0, PORT_RANGE).max(65535, PORT_RANGE);
}

const FLAG_TEXT = ['true', 'false', '1', '0', 'yes', 'no'] as const;

/** true/false; from the environment also 1/0 and yes/no. */
export function flag() {
  return z.union([z.boolean(), z.enum(FLAG_TEXT).transform((v) => v === 'true' || v === '1' || v === 'yes')], { error: 'must be true or false' });
}

/** A whole number > 0 (milliseconds, counts). */
export function positiveInt() {
  return z.coerce.number({ error: 'must be a number' }).int('must be a whole number').positive('must be greater than 0');
}

/** A whole number ≥ 0. */
export function nonNegativeInt() {
  return z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative');
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A pino level. */
export function logLevel() {
  return z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` });
}

/** Not empty. */
export function text() {
  return z.string().min(1, 'must not be empty');
}

/** proxy-addr's names for address ranges (fastify compiles them), besides addresses and CIDRs. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'] as const;

function proxyEntryProblem(entry: string): string | undefined {
  if ((PROXY_RANGE_NAMES as readonly string[]).includes(entry)) return undefined;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return `"${entry}" is not an IP address, a CIDR (e.g. 10.0.0.0/24) or one of ${PROXY_RANGE_NAMES.join(', ')}`;
  if (prefix === undefined) return undefined;
  const bits = Number(prefix);
  const max = family === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(prefix) && bits >= 0 && bits <= max ? undefined : `"${entry}": the prefix length must be 0-${max}`;
}

/**
 * Whose `X-Forwarded-For` to believe (fastify's `trustProxy`): `false` (nobody: the socket's peer is the client), or the
 * reverse proxies' addresses, CIDRs or proxy-addr range names – as a list or comma-separated text. `true` (anyone) is
 * refused: then every client chooses its own address and every throttle keyed by address is void. A hop count is refused
 * too: fastify 5.12 trusts nobody for a number, since it cannot tell a proxy from a client.
 */
export function trustedProxies() {
  const everyone = "true would believe any client's X-Forwarded-For: give the proxies' addresses or CIDRs, e.g. 10.0.0.2 or 10.0.0.0/24";
  const hops = "a hop count trusts nobody (fastify 5.12 cannot tell a proxy from a client): give the proxies' addresses or CIDRs";
  return z.unknown().transform((value, ctx): false | string[] => {
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (value === false || value === undefined || value === null) return false;
    if (value === true) return fail(everyone);
    if (typeof value === 'number') return fail(hops);
    let list: unknown[];
    if (typeof value === 'string') {
      const t = value.trim().toLowerCase();
      if (t === '' || t === 'false' || t === '0' || t === 'no') return false;
      if (t === 'true' || t === 'yes' || t === '1') return fail(everyone);
      if (/^\d+$/.test(t)) return fail(hops);
      list = value.split(',');
    } else if (Array.isArray(value)) {
      list = value;
    } else {
      return fail("must be false or the proxies' addresses / CIDRs (comma-separated)");
    }
    const cleaned: string[] = [];
    for (const item of list) {
      if (typeof item !== 'string') return fail('each proxy must be an address or a CIDR as text');
      const entry = item.trim();
      if (!entry) continue;
      const problem = proxyEntryProblem(entry);
      if (problem) return fail(problem);
      cleaned.push(entry);
    }
    return cleaned.length > 0 ? cleaned : false;
  }).default(false);
}
