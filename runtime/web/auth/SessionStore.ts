import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Monotonic ms: the runtime may move its clock (drills, tests); sessions follow real time. */
const monotonicMs = (): number => Number(process.hrtime.bigint() / 1_000_000n);

export interface Session {
  id: string;
  userId: string;
  /** Synchronizer token: every POST must carry it (form field `_csrf` or header `x-csrf-token`). */
  csrfToken: string;
  /** Monotonic ms (not epoch). */
  expiresAt: number;
}

/** In-memory sessions of the local web (a restart signs everyone out). Sliding expiry. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly ttlMs: number = 8 * 60 * 60 * 1000) {}

  create(userId: string): Session {
    this.sweep();
    const session: Session = {
      id: randomBytes(32).toString('base64url'),
      userId,
      csrfToken: randomBytes(32).toString('base64url'),
      expiresAt: monotonicMs() + this.ttlMs,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (s.expiresAt < monotonicMs()) {
      this.sessions.delete(id);
      return undefined;
    }
    s.expiresAt = monotonicMs() + this.ttlMs;
    return s;
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }

  static csrfMatches(session: Session, token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const a = Buffer.from(session.csrfToken);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private sweep(): void {
    const now = monotonicMs();
    for (const [id, s] of this.sessions) if (s.expiresAt < now) this.sessions.delete(id);
  }
}
