import type { SignInThrottleOptions } from './SignInThrottle';

/**
 * The sign-in throttle of both web servers (the service's `/intag/logga-in`, the local web's `/login`), issue #10:
 * per account and address, five free failures, then 1 s, 2 s, 4 s … up to 15 minutes between tries; per address over
 * all accounts twenty free failures, then the same. Failures are forgotten an hour after the last one; a success resets
 * the account+address count. An attacker elsewhere cannot make the owner wait.
 */
export const STAFF_SIGN_IN_THROTTLE: SignInThrottleOptions = {
  accountAddress: { freeFailures: 5, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
  address: { freeFailures: 20, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
};

/** A wait in Swedish, for the 429 page: "3 sekunder", "1 minut", "15 minuter". */
export function swedishWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} ${seconds === 1 ? 'sekund' : 'sekunder'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? 'minut' : 'minuter'}`;
}
