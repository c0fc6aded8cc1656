/** The sign-in throttle of the local web (and, per account and address, of the service later): @fastify/rate-limit underneath. */
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { SignInThrottle, type SignInThrottleOptions } from '../../../lib/auth/SignInThrottle';

const T0 = new Date('2026-11-25T09:00:00+01:00').getTime();
/** Only `Date` is faked (the limiters' clock, pinned to T0); fastify's ticks and immediates run as usual. */
const DATE_ONLY: Parameters<typeof jest.useFakeTimers>[0] = {
  doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  now: T0,
};

/** A server whose routes do what the sign-in route does with the throttle: POST /fail, /ok, /check with `userId`. */
async function throttled(options: SignInThrottleOptions): Promise<FastifyInstance> {
  const app = Fastify({ trustProxy: false });
  await app.register(formbody);
  await app.register(rateLimit, { global: false });
  const throttle = new SignInThrottle(app, options);
  app.post('/fail', async (req) => {
    await throttle.recordFailure(req);
    return { lockedFor: await throttle.lockedFor(req) };
  });
  app.post('/ok', async (req) => {
    throttle.recordSuccess(req);
    return { lockedFor: await throttle.lockedFor(req) };
  });
  app.post('/check', async (req) => ({ lockedFor: await throttle.lockedFor(req) }));
  return app;
}

async function call(app: FastifyInstance, op: 'fail' | 'ok' | 'check', userId: string, remoteAddress = '127.0.0.1'): Promise<number> {
  const res = await app.inject({ method: 'POST', url: `/${op}`, payload: { userId }, remoteAddress });
  return (res.json() as { lockedFor: number }).lockedFor;
}

const LOCAL_WEB: SignInThrottleOptions = { maxFailures: 5, windowMs: 60_000, lockMs: 60_000, scope: 'account' };

// The limiters count in time windows: each test runs on the pinned clock, never the wall clock.
beforeEach(() => jest.useFakeTimers(DATE_ONLY));
afterEach(() => jest.useRealTimers());

test('sign-in throttle: five failed sign-ins lock the user id; a success clears the count', async () => {
  // given a throttle of five failures
  const app = await throttled(LOCAL_WEB);
  // when four sign-ins fail, it is still open; a success clears them
  for (let i = 0; i < 4; i++) await call(app, 'fail', 'Desk');
  expect(await call(app, 'check', 'desk')).toBe(0);
  await call(app, 'ok', 'desk');
  for (let i = 0; i < 4; i++) await call(app, 'fail', 'desk');
  expect(await call(app, 'check', 'desk')).toBe(0);
  // when the fifth fails, the id is locked (and only that id)
  await call(app, 'fail', 'desk');
  expect(await call(app, 'check', 'desk')).toBeGreaterThan(0);
  expect(await call(app, 'check', 'systemansvarig')).toBe(0);
  await app.close();
});

test('a lock lasts lockMs from the fifth failure, then five new failures are needed', async () => {
  // given a throttle with a 15-minute window and a 5-minute lock
  const app = await throttled({ maxFailures: 5, windowMs: 15 * 60_000, lockMs: 5 * 60_000, scope: 'account' });
  // when five sign-ins fail
  for (let i = 0; i < 5; i++) await call(app, 'fail', 'desk');
  // then the id is locked for five minutes
  expect(await call(app, 'check', 'desk')).toBe(5 * 60_000);
  jest.setSystemTime(T0 + 5 * 60_000 - 1);
  expect(await call(app, 'check', 'desk')).toBe(1);
  // when the five minutes have passed, it is open, and one more failure does not lock it again
  jest.setSystemTime(T0 + 5 * 60_000);
  expect(await call(app, 'check', 'desk')).toBe(0);
  expect(await call(app, 'fail', 'desk')).toBe(0);
  await app.close();
});

test('per account and address: failures from one address do not lock the account for another', async () => {
  // given the scope issue #10 asks for
  const app = await throttled({ ...LOCAL_WEB, scope: 'account+address' });
  // when five sign-ins for desk fail from one address
  for (let i = 0; i < 5; i++) await call(app, 'fail', 'desk', '192.0.2.10');
  // then desk is locked from there only
  expect(await call(app, 'check', 'desk', '192.0.2.10')).toBeGreaterThan(0);
  expect(await call(app, 'check', 'desk', '192.0.2.11')).toBe(0);
  expect(await call(app, 'check', 'systemansvarig', '192.0.2.10')).toBe(0);
  await app.close();
});
