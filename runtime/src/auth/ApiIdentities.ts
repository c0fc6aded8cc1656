import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { verifyPassword } from '../../../lib/auth/password';
import { PERMISSIONS, RESOURCE_TYPES, type Authorization } from './Authorizations';

/** Who called: a person of the users file (`users`) or a technical user (`apiUsers`), with its groups and roles. */
export interface Identity {
  id: string;
  groups: string[];
  roles: string[];
}

const identitySchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  groups: z.array(z.string()).default([]),
  roles: z.array(z.string()).default([]),
  passwordHash: z.string().startsWith('scrypt$', 'passwordHash must be an scrypt hash (npx tsx lib/auth/password.ts <password>)'),
});

const authorizationSchema = z.object({
  ownerType: z.enum(['USER', 'GROUP', 'ROLE']),
  ownerId: z.string().min(1),
  resourceType: z.enum(RESOURCE_TYPES),
  resourceIds: z.array(z.string().min(1)).min(1),
  permissions: z.array(z.enum(PERMISSIONS)).min(1),
});

/**
 * The users file (`runtime/web/users.json` in `npm start`: the same file the local web signs people in with). Keys the
 * local web does not read (`apiUsers`, `authorizations`) are ignored there.
 */
const usersFileSchema = z.object({
  users: z.array(identitySchema).default([]),
  apiUsers: z.array(identitySchema).default([]),
  authorizations: z.array(authorizationSchema).default([]),
});

/** Camunda 8 Run's initial user: `demo` / `demo` with the `admin` role (the runtime's default without a users file). */
const DEMO_ADMIN = { id: 'demo', groups: [], roles: ['admin'], passwordHash: 'scrypt$16384$8$1$LAAA382hKra59vFeEbQq1g==$AfcrM6XC9F72bBCmaCcHWhW402PanpF9Juth8qk92JY=' };
/** A hash of no password: an unknown user costs as much as a known one. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const CACHE_SIZE = 512;

/**
 * Basic authentication of the REST API and the monitoring port, as a self-managed Camunda 8.8 with its users managed in
 * the cluster: a user id and password of the users file (scrypt). A verified `Authorization` header is remembered (by its
 * sha-256, in memory): scrypt runs once per client, not per request.
 */
export class ApiIdentities {
  private readonly byId: Map<string, Identity & { passwordHash: string }>;
  private readonly verified = new Map<string, Identity | null>();

  private constructor(
    identities: Array<Identity & { passwordHash: string }>,
    readonly authorizations: Authorization[],
  ) {
    this.byId = new Map(identities.map((i) => [i.id, i]));
  }

  /** Camunda 8 Run's default: the one user `demo` / `demo`, admin. */
  static demo(): ApiIdentities {
    return new ApiIdentities([DEMO_ADMIN], []);
  }

  /** Read and validate a users file; throws one error listing every problem. */
  static fromFile(path: string): ApiIdentities {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new Error(`Cannot read the users file ${path}: ${(err as Error).message}`, { cause: err });
    }
    const parsed = usersFileSchema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(`Invalid users file ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    const all = [...parsed.data.users, ...parsed.data.apiUsers];
    const ids = all.map((u) => u.id);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (duplicates.length > 0) throw new Error(`Invalid users file ${path}: duplicate ids ${[...new Set(duplicates)].join(', ')}`);
    if (all.length === 0) throw new Error(`Invalid users file ${path}: no users (nobody could call the API)`);
    return new ApiIdentities(
      all.map((u) => ({ id: u.id, groups: u.groups, roles: u.roles, passwordHash: u.passwordHash })),
      parsed.data.authorizations,
    );
  }

  /** The identity of an `Authorization: Basic …` header, or undefined (missing, malformed, unknown user, wrong password). */
  async authenticate(header: string | undefined): Promise<Identity | undefined> {
    if (!header || !/^basic /i.test(header)) return undefined;
    const cacheKey = createHash('sha256').update(header).digest('base64');
    const known = this.verified.get(cacheKey);
    if (known !== undefined) return known ?? undefined;
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const id = colon < 0 ? decoded : decoded.slice(0, colon);
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    const user = this.byId.get(id);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    const identity = user && ok ? { id: user.id, groups: user.groups, roles: user.roles } : null;
    if (this.verified.size >= CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(cacheKey, identity);
    return identity ?? undefined;
  }
}
