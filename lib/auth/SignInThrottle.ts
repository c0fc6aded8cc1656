import type { FastifyRequest } from 'fastify';
import { signInKey, type SignInKeyScope } from '../web/rateLimitKeys';

/** How one kind of key is slowed down. */
export interface SignInPolicy {
  /** Failed sign-ins a key may have before each further one makes it wait. */
  freeFailures: number;
  /** The wait after the first failure beyond the free ones; it doubles with each further failure. */
  baseDelayMs: number;
  /** The longest wait. */
  maxDelayMs: number;
  /** A key's failures are forgotten this long after its last failure. */
  forgetAfterMs: number;
}

export interface SignInThrottleOptions {
  /** Per account from one address: the owner's own mistypes, an attacker guessing one account; a success resets it. */
  accountAddress: SignInPolicy;
  /** Per address over every account: one address guessing many accounts. A success does not reset it. */
  address: SignInPolicy;
  /** The form field with the account name. Default `userId`. */
  field?: string;
  /** Most keys remembered per kind (the oldest is forgotten first). Default 10 000. */
  maxKeys?: number;
  /** The clock (epoch ms). Default `Date.now`. */
  now?: () => number;
}

interface Entry {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

/**
 * Slows password guessing without locking anyone out (issue #10): failed sign-ins are counted per account *and* client
 * address, and per address; past a key's free failures each further failure makes that key wait, twice as long as the
 * time before (`baseDelayMs`, doubling, at most `maxDelayMs`). While a key waits its sign-ins are refused unchecked.
 * A success resets its account+address count. Nobody elsewhere can make an account wait: the owner's address has its
 * own count. The address is what fastify derives with its `trustProxy` (only configured proxies are believed).
 *
 * Not on @fastify/rate-limit: its exponential back-off measures expiry by the base window, so a grown wait ends after
 * the base window; and its counters cannot be reset per key.
 */
export class SignInThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(private readonly options: SignInThrottleOptions) {
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** Milliseconds until this request may try to sign in (0 = now). Counts nothing. */
  lockedFor(request: FastifyRequest): number {
    const now = this.now();
    return Math.max(0, ...this.keys(request).map(([key, policy]) => Math.max(0, (this.current(key, policy, now)?.blockedUntil ?? 0) - now)));
  }

  /** A wrong account or password: counted for the account+address and for the address. */
  recordFailure(request: FastifyRequest): void {
    const now = this.now();
    for (const [key, policy] of this.keys(request)) {
      const entry = this.current(key, policy, now) ?? { failures: 0, lastFailureAt: now, blockedUntil: 0 };
      entry.failures += 1;
      entry.lastFailureAt = now;
      entry.blockedUntil = now + SignInThrottle.delay(entry.failures, policy);
      this.remember(key, entry);
    }
  }

  /** A successful sign-in forgets the account+address's failures (not the address's: one known account must not clear it). */
  recordSuccess(request: FastifyRequest): void {
    this.entries.delete(this.key(request, 'account+address'));
  }

  /** The wait after the `failures`-th failure in a row. */
  static delay(failures: number, policy: SignInPolicy): number {
    const beyond = failures - policy.freeFailures;
    if (beyond <= 0) return 0;
    return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(beyond - 1, 40));
  }

  private keys(request: FastifyRequest): Array<[string, SignInPolicy]> {
    return [
      [this.key(request, 'account+address'), this.options.accountAddress],
      [this.key(request, 'address'), this.options.address],
    ];
  }

  private key(request: FastifyRequest, scope: SignInKeyScope): string {
    return `${scope}:${signInKey(request, scope, this.options.field)}`;
  }

  private current(key: string, policy: SignInPolicy, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && now - entry.lastFailureAt >= policy.forgetAfterMs && entry.blockedUntil <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private remember(key: string, entry: Entry): void {
    // Most recently failed last, so the oldest key is the first to go when the map is full.
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxKeys * 2) this.entries.delete(this.entries.keys().next().value!);
  }
}
