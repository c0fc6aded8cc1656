import { createHmac, timingSafeEqual } from 'node:crypto';

/** The cookie both local servers read (cookies are per host, not per port: the task list on :8081 and /intag on :3000 share it). */
export const SHARED_SIGN_IN_COOKIE = 'sesam_sso';

/** The own session cookies of the local web and the service: signing out on one server clears both (same host). */
export const LOCAL_SESSION_COOKIES = ['lw_session', 'sesam_intag'] as const;

export interface SharedIdentity {
  /** The user id; each server looks it up in its own users file, which decides the groups. */
  id: string;
  /** Expiry, epoch ms. */
  expiresAt: number;
}

/**
 * One sign-in for the local system (`npm start`): whichever page the person signs in on (the task list, or /intag and
 * /it) also sets a small signed token – user id and expiry, HMAC-SHA256 with a secret both servers are given
 * (`SHARED_SIGN_IN_SECRET`, random per `npm start`) – and the other server accepts it as a sign-in of the same user
 * id in its own users file. Nothing but the id is trusted from the token; each server's users file decides the groups.
 * Signing out on either clears it.
 */
export class SharedSignIn {
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly secret: string,
    options: { ttlMs?: number; now?: () => number } = {},
  ) {
    if (secret.length < 32) throw new RangeError('the shared sign-in secret must be at least 32 characters');
    this.ttlMs = options.ttlMs ?? 8 * 3600_000;
    this.now = options.now ?? Date.now;
  }

  get maxAgeSeconds(): number {
    return Math.floor(this.ttlMs / 1000);
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(`sesam-shared-sign-in:${payload}`).digest('base64url');
  }

  /** A token for a user who just signed in. */
  issue(userId: string): string {
    const payload = Buffer.from(JSON.stringify({ u: userId, e: this.now() + this.ttlMs })).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The identity in a token, if it is ours, intact and not expired. */
  verify(token: unknown): SharedIdentity | undefined {
    if (typeof token !== 'string' || token.length > 2000) return undefined;
    const dot = token.indexOf('.');
    if (dot <= 0) return undefined;
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.mac(payload));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u?: unknown; e?: unknown };
      if (typeof data.u !== 'string' || !data.u || typeof data.e !== 'number' || data.e <= this.now()) return undefined;
      return { id: data.u, expiresAt: data.e };
    } catch {
      return undefined;
    }
  }
}
