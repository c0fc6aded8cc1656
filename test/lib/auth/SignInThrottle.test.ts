/**
 * The sign-in throttle of both web servers (issue #10): per account and address and per address, a growing wait after
 * repeated failures, never a lock-out of the owner from elsewhere; a success resets its account+address count.
 * The throttle's clock is pinned (no test depends on the wall clock).
 */
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { SignInThrottle, type SignInThrottleOptions } from '../../../lib/auth/SignInThrottle';
import { STAFF_SIGN_IN_THROTTLE, swedishWait } from '../../../lib/auth/signInPolicy';

const T0 = new Date('2026-11-25T09:00:00+01:00').getTime();

/** A server whose routes do what the sign-in routes do with the throttle: POST /fail, /ok, /check with `userId`. */
async function throttled(options: SignInThrottleOptions): Promise<{ app: FastifyInstance; clock: { at: number } }> {
  const clock = { at: T0 };
  const app = Fastify({ trustProxy: false });
  await app.register(formbody);
  const throttle = new SignInThrottle({ ...options, now: () => clock.at });
  app.post('/fail', async (req) => {
    throttle.recordFailure(req);
    return { lockedFor: throttle.lockedFor(req) };
  });
  app.post('/ok', async (req) => {
    throttle.recordSuccess(req);
    return { lockedFor: throttle.lockedFor(req) };
  });
  app.post('/check', async (req) => ({ lockedFor: throttle.lockedFor(req) }));
  return { app, clock };
}

async function call(app: FastifyInstance, op: 'fail' | 'ok' | 'check', userId: string, remoteAddress = '192.0.2.10'): Promise<number> {
  const res = await app.inject({ method: 'POST', url: `/${op}`, payload: { userId }, remoteAddress });
  return (res.json() as { lockedFor: number }).lockedFor;
}

test('the staff policy: five free failures per account and address, then 1 s, 2 s, 4 s … up to 15 minutes', () => {
  // given the policy of both web servers
  const { accountAddress, address } = STAFF_SIGN_IN_THROTTLE;
  // when the waits after each failure are computed
  const waits = Array.from({ length: 16 }, (_, i) => SignInThrottle.delay(i + 1, accountAddress));
  // then
  expect(waits).toEqual([0, 0, 0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 512_000, 900_000]);
  expect(SignInThrottle.delay(1_000, accountAddress)).toBe(15 * 60_000);
  expect(SignInThrottle.delay(20, address)).toBe(0);
  expect(SignInThrottle.delay(21, address)).toBe(1_000);
  expect([swedishWait(1), swedishWait(1_000), swedishWait(59_000), swedishWait(60_000), swedishWait(900_000)]).toEqual(['1 sekund', '1 sekund', '59 sekunder', '1 minut', '15 minuter']);
});

test('issue #10: failures beyond the free ones make the account wait from that address, doubling; a success resets it', async () => {
  // given the staff policy
  const { app, clock } = await throttled(STAFF_SIGN_IN_THROTTLE);
  // when five sign-ins for desk fail, then a sixth
  for (let i = 0; i < 5; i++) expect(await call(app, 'fail', 'Desk')).toBe(0);
  expect(await call(app, 'fail', 'desk')).toBe(1_000);
  // then desk waits a second from there; after it, the next failure costs two
  clock.at += 1_000;
  expect(await call(app, 'check', 'desk')).toBe(0);
  expect(await call(app, 'fail', 'desk')).toBe(2_000);
  // when the owner then signs in, the count starts over
  clock.at += 2_000;
  await call(app, 'ok', 'desk');
  for (let i = 0; i < 5; i++) expect(await call(app, 'fail', 'desk')).toBe(0);
  await app.close();
});

test('issue #10 (lock-out): failures for an account from one address never make the owner wait at another', async () => {
  // given an attacker who failed 30 times for desk from 198.51.100.7
  const { app } = await throttled(STAFF_SIGN_IN_THROTTLE);
  for (let i = 0; i < 30; i++) await call(app, 'fail', 'desk', '198.51.100.7');
  // then the attacker waits, the owner elsewhere does not, and another account from the owner's address neither
  expect(await call(app, 'check', 'desk', '198.51.100.7')).toBeGreaterThan(60_000);
  expect(await call(app, 'check', 'desk', '192.0.2.10')).toBe(0);
  expect(await call(app, 'check', 'systemansvarig', '192.0.2.10')).toBe(0);
  await app.close();
});

test('issue #10: one address guessing many accounts waits after twenty failures in all, whatever the account', async () => {
  // given the staff policy
  const { app } = await throttled(STAFF_SIGN_IN_THROTTLE);
  // when one address fails once each for 21 accounts
  for (let i = 0; i < 20; i++) expect(await call(app, 'fail', `user${i}`, '198.51.100.7')).toBe(0);
  expect(await call(app, 'fail', 'user20', '198.51.100.7')).toBe(1_000);
  // then every account waits from there (a fresh one too), and a success for one of them does not clear the address
  expect(await call(app, 'check', 'anyone', '198.51.100.7')).toBe(1_000);
  await call(app, 'ok', 'user3', '198.51.100.7');
  expect(await call(app, 'check', 'anyone', '198.51.100.7')).toBe(1_000);
  expect(await call(app, 'check', 'anyone', '192.0.2.10')).toBe(0);
  await app.close();
});

test('failures are forgotten an hour after the last one, and the throttle remembers a bounded number of keys', async () => {
  // given a throttle remembering at most 3 keys per kind
  const { app, clock } = await throttled({ ...STAFF_SIGN_IN_THROTTLE, maxKeys: 3 });
  for (let i = 0; i < 6; i++) await call(app, 'fail', 'desk');
  expect(await call(app, 'check', 'desk')).toBe(1_000);
  // when an hour passes without failures, the count starts over
  clock.at += 60 * 60_000;
  expect(await call(app, 'fail', 'desk')).toBe(0);
  // when many other keys fail, the oldest are forgotten first
  for (let i = 0; i < 10; i++) await call(app, 'fail', `other${i}`, `192.0.2.${100 + i}`);
  expect(await call(app, 'fail', 'desk')).toBe(0);
  await app.close();
});
