import type { FastifyInstance, FastifyRequest } from 'fastify';
import { signInKey, type SignInKeyScope } from '../web/rateLimitKeys';

export interface SignInThrottleOptions {
  /** Failed sign-ins, within `windowMs` of the first, that lock the key. */
  maxFailures: number;
  windowMs: number;
  /** How long a locked key is refused. */
  lockMs: number;
  /** Count per account (anyone anywhere can lock it) or per account and client address. */
  scope: SignInKeyScope;
  /** The form field with the account name. Default `userId`. */
  field?: string;
}

/**
 * Slows password guessing on top of @fastify/rate-limit (`createRateLimit`; the plugin must be registered on `app`):
 * failed sign-ins are counted per key (`maxFailures` within `windowMs`); the last one locks the key for `lockMs`;
 * a successful sign-in forgets the failures. Keys come from `signInKey` (lib/web/rateLimitKeys.ts): the account,
 * or the account and the address fastify's `trustProxy` derives.
 */
export class SignInThrottle {
  private readonly failures: ReturnType<FastifyInstance['createRateLimit']>;
  private readonly locks: ReturnType<FastifyInstance['createRateLimit']>;
  /** Per key: a number that changes whenever its failures are forgotten (a success or a lock); part of the failure counter's key. */
  private readonly generations = new Map<string, number>();
  private nextGeneration = 0;

  constructor(
    app: FastifyInstance,
    private readonly options: SignInThrottleOptions,
  ) {
    const key = (request: FastifyRequest) => signInKey(request, options.scope, options.field);
    this.failures = app.createRateLimit({ max: options.maxFailures, timeWindow: options.windowMs, keyGenerator: (r) => `${key(r)}#${this.generations.get(key(r)) ?? 0}` });
    // A lock is one hit on a limiter that allows none: exceeded from that moment for `lockMs`.
    this.locks = app.createRateLimit({ max: 0, timeWindow: options.lockMs, keyGenerator: key });
  }

  /** Milliseconds until this request's key may try again (0 = now). Counts nothing. */
  async lockedFor(request: FastifyRequest): Promise<number> {
    const lock = await this.locks(request, { increment: false });
    return !lock.isAllowed && lock.isExceeded ? Math.max(1, lock.ttl) : 0;
  }

  async recordFailure(request: FastifyRequest): Promise<void> {
    const counted = await this.failures(request);
    if (counted.isAllowed || counted.remaining > 0) return;
    await this.locks(request);
    this.forget(request);
  }

  recordSuccess(request: FastifyRequest): void {
    this.forget(request);
  }

  private forget(request: FastifyRequest): void {
    const key = signInKey(request, this.options.scope, this.options.field);
    this.generations.delete(key);
    // Bounded like the limiters' own stores: the oldest key goes first.
    if (this.generations.size >= 10_000) this.generations.delete(this.generations.keys().next().value!);
    this.generations.set(key, ++this.nextGeneration);
  }
}
