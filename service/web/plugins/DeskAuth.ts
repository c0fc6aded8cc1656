import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { verifyPassword } from '../../../lib/auth/password';
import type { StaffSessionStore } from './StaffSessionStore';
import { LOCAL_SESSION_COOKIES, SHARED_SIGN_IN_COOKIE, type SharedSignIn } from '../../../lib/auth/SharedSignIn';

const usersFileSchema = z.object({
  users: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      groups: z.array(z.string()),
      passwordHash: z.string().min(1),
    }),
  ),
});

export interface DeskUser {
  id: string;
  name: string;
  /** Candidate groups (contract/roles.ts): `desk` logs reports, `system-owner` sends IT's messages. */
  groups: string[];
}

export interface DeskSession extends DeskUser {
  /** Token every form of the intake carries (CSRF). */
  csrf: string;
}

export interface DeskAuthOptions {
  /** Users file (same format as the local Tasklist stand-in's); members of `allowedGroups` may sign in. */
  usersFile?: string;
  /** Users given directly (tests). */
  users?: z.infer<typeof usersFileSchema>['users'];
  allowedGroups?: string[];
  /** Signs the session cookie and derives CSRF tokens. */
  secret: string;
  /** Where sessions live on the server (signing out ends them). */
  sessions: StaffSessionStore;
  /** Bearer token for the JSON API (IT, monitors, other systems). */
  apiToken?: string;
  secureCookies: boolean;
  sessionTtlMs?: number;
  /** One sign-in with the local task list (`npm start`): its signed token counts as a sign-in here too. */
  sharedSignIn?: SharedSignIn;
}

export const SESSION_COOKIE = 'sesam_intag';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * The desk's sign-in for the intake: users with hashed passwords from configuration, a session kept on the server
 * ({@link StaffSessionStore}) whose id travels in a signed, HttpOnly, SameSite=Strict cookie, and a CSRF token per
 * session. Signing out ends the session on the server. In production the region's SSO sits in front.
 * Also checks the API bearer token (`INTAKE_API_TOKEN`).
 */
export class DeskAuth {
  private readonly users: Map<string, { name: string; passwordHash: string; groups: string[] }>;
  private readonly ttlMs: number;
  /** Hash compared when the user does not exist, so timing does not tell whether a user exists. */
  private readonly dummyHash = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
  /** The API token's digest, computed at its first use (compared per request in constant time). */
  private apiTokenDigest: Buffer | undefined;

  constructor(private readonly options: DeskAuthOptions) {
    const allowed = options.allowedGroups ?? ['desk', 'system-owner', 'assistive-devices-operation'];
    const list = options.users ?? (options.usersFile ? usersFileSchema.parse(JSON.parse(readFileSync(options.usersFile, 'utf8'))).users : []);
    this.users = new Map(
      list
        .filter((u) => u.groups.some((g) => allowed.includes(g)))
        .map((u) => [u.id, { name: u.name, passwordHash: u.passwordHash, groups: u.groups.filter((g) => allowed.includes(g)) }]),
    );
    this.ttlMs = options.sessionTtlMs ?? 10 * 3600 * 1000;
  }

  /** Is any way of signing in configured? */
  get configured(): boolean {
    return this.users.size > 0 || Boolean(this.options.apiToken);
  }

  get hasUsers(): boolean {
    return this.users.size > 0;
  }

  /** Is anyone in this group configured? */
  hasUsersIn(group: string): boolean {
    return [...this.users.values()].some((u) => u.groups.includes(group));
  }

  /** A person's name for a user id (timelines and reports show names, not ids). */
  nameOf(userId: string): string | undefined {
    return this.users.get(userId)?.name;
  }

  async login(userId: string, password: string): Promise<DeskUser | undefined> {
    const user = this.users.get(userId.trim());
    const ok = await verifyPassword(password, user?.passwordHash ?? this.dummyHash);
    return user && ok ? { id: userId.trim(), name: user.name, groups: user.groups } : undefined;
  }

  /** Start a session for `user` (ending the one this browser had). */
  startSession(request: FastifyRequest, reply: FastifyReply, user: DeskUser): void {
    const previous = this.sessionId(request);
    if (previous) this.options.sessions.end(previous);
    const id = this.options.sessions.create(user.id, this.ttlMs);
    reply.setCookie(SESSION_COOKIE, id, {
      signed: true,
      httpOnly: true,
      sameSite: 'strict',
      secure: this.options.secureCookies,
      path: '/',
      maxAge: Math.floor(this.ttlMs / 1000),
    });
  }

  /** Sign out: the session ends on the server, so its cookie opens nothing any more; the cookie is cleared too. */
  endSession(request: FastifyRequest, reply: FastifyReply): void {
    const id = this.sessionId(request);
    if (id) this.options.sessions.end(id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    if (this.options.sharedSignIn) for (const name of [SHARED_SIGN_IN_COOKIE, ...LOCAL_SESSION_COOKIES]) reply.clearCookie(name, { path: '/' });
  }

  /** Sets the shared sign-in token beside the own session (one sign-in for the task list, /intag and /it). */
  shareSession(reply: FastifyReply, user: DeskUser): void {
    const shared = this.options.sharedSignIn;
    if (!shared) return;
    reply.setCookie(SHARED_SIGN_IN_COOKIE, shared.issue(user.id), { httpOnly: true, sameSite: 'strict', secure: this.options.secureCookies, path: '/', maxAge: shared.maxAgeSeconds });
  }

  /** A session from the shared sign-in token (signed in on the task list), for a user of this users file. */
  private sharedSession(request: FastifyRequest): DeskSession | undefined {
    const token = request.cookies[SHARED_SIGN_IN_COOKIE];
    const identity = this.options.sharedSignIn?.verify(token);
    const user = identity ? this.users.get(identity.id) : undefined;
    if (!identity || !user) return undefined;
    return { id: identity.id, name: user.name, groups: user.groups, csrf: createHmac('sha256', this.options.secret).update(`csrf:shared:${String(token)}`).digest('base64url') };
  }

  /** The session id of this request's cookie, when its signature holds. */
  private sessionId(request: FastifyRequest): string | undefined {
    const raw = request.cookies[SESSION_COOKIE];
    if (!raw) return undefined;
    const unsigned = request.unsignCookie(raw);
    return unsigned.valid && unsigned.value ? unsigned.value : undefined;
  }

  session(request: FastifyRequest): DeskSession | undefined {
    const id = this.sessionId(request);
    if (!id) return this.sharedSession(request);
    const stored = this.options.sessions.get(id);
    const user = stored ? this.users.get(stored.userId) : undefined;
    if (!stored || !user) return undefined;
    return { id: stored.userId, name: user.name, groups: user.groups, csrf: createHmac('sha256', this.options.secret).update(`csrf:${id}`).digest('base64url') };
  }

  checkCsrf(session: DeskSession, token: unknown): boolean {
    return typeof token === 'string' && token.length > 0 && timingSafeEqual(digest(token), digest(session.csrf));
  }

  /** `Authorization: Bearer <INTAKE_API_TOKEN>`. */
  checkApiToken(request: FastifyRequest): boolean {
    const token = this.options.apiToken;
    const header = request.headers.authorization;
    if (!token || !header?.startsWith('Bearer ')) return false;
    this.apiTokenDigest ??= digest(token);
    return timingSafeEqual(digest(header.slice(7).trim()), this.apiTokenDigest);
  }
}
