/**
 * The service's limits (@fastify/rate-limit, keys from lib/web/rateLimitKeys.ts): ten desk sign-in attempts per
 * account and address in 15 minutes, ten subscription requests per address in 10 minutes, each refused with a
 * Swedish 429 page; the address is the one fastify's `trustProxy` lets it believe, nothing a client writes itself.
 */
import { InProcessWeb, DESK_USER, TEST_CLOCK } from './support/InProcessWeb';

/** Only `Date` is faked (the limiters' windows run on the pinned clock); fastify's ticks run as usual. */
const DATE_ONLY: Parameters<typeof jest.useFakeTimers>[0] = {
  doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  now: TEST_CLOCK,
};

let web: InProcessWeb;
beforeEach(() => jest.useFakeTimers(DATE_ONLY));
afterEach(async () => {
  await web?.stop();
  jest.useRealTimers();
});

function signIn(userId: string, password: string, from: { remoteAddress?: string; forwardedFor?: string } = {}) {
  return web.app.inject({
    method: 'POST',
    url: '/intag/logga-in',
    payload: new URLSearchParams({ userId, password }).toString(),
    remoteAddress: from.remoteAddress ?? '192.0.2.10',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {}) },
  });
}

function subscribe(email: string, remoteAddress = '192.0.2.10') {
  return web.app.inject({ method: 'POST', url: '/driftinfo/prenumeration', payload: new URLSearchParams({ email }).toString(), remoteAddress, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

test('desk sign-in: the eleventh attempt for one account from one address in 15 minutes gets a Swedish 429 page', async () => {
  // given the service
  web = await new InProcessWeb().start();
  // when ten attempts with a wrong password are made
  const statuses = [];
  for (let i = 0; i < 10; i++) statuses.push((await signIn(DESK_USER.id, 'fel-lösenord')).statusCode);
  // then each is refused as a wrong password, and the eleventh – even with the right one – is throttled
  expect(statuses).toEqual(Array(10).fill(401));
  const eleventh = await signIn(DESK_USER.id, DESK_USER.password);
  expect(eleventh.statusCode).toBe(429);
  expect(eleventh.body).toContain('För många inloggningsförsök. Vänta en stund och försök igen.');
  expect(Number(eleventh.headers['retry-after'])).toBe(15 * 60);
  // and the same account from another address, and another account from this one, still get their tries
  expect((await signIn(DESK_USER.id, DESK_USER.password, { remoteAddress: '192.0.2.11' })).statusCode).toBe(303);
  expect((await signIn('sara.systemowner', 'fel-lösenord')).statusCode).toBe(401);
  // when the 15 minutes have passed, the account may try again from there
  jest.setSystemTime(TEST_CLOCK.getTime() + 15 * 60_000);
  expect((await signIn(DESK_USER.id, DESK_USER.password)).statusCode).toBe(303);
});

test('behind a trusted proxy, X-Forwarded-For written by the client gives no new tries: only the proxy is believed', async () => {
  // given the service behind a proxy at 10.0.0.2, and trusting that address only
  web = await new InProcessWeb({ trustProxy: '10.0.0.2' }).start();
  // when one client (seen by the proxy as 198.51.100.7) sends ten wrong passwords, each with another address of its own in front
  for (let i = 0; i < 10; i++) {
    const res = await signIn(DESK_USER.id, 'fel-lösenord', { remoteAddress: '10.0.0.2', forwardedFor: `203.0.113.${i}, 198.51.100.7` });
    expect(res.statusCode).toBe(401);
  }
  // then the eleventh is throttled whatever it claims; another client behind the same proxy is not
  expect((await signIn(DESK_USER.id, 'fel-lösenord', { remoteAddress: '10.0.0.2', forwardedFor: '203.0.113.99, 198.51.100.7' })).statusCode).toBe(429);
  expect((await signIn(DESK_USER.id, 'fel-lösenord', { remoteAddress: '10.0.0.2', forwardedFor: '198.51.100.8' })).statusCode).toBe(401);
  // and a client that reaches the service directly cannot pose as a proxy
  expect((await signIn(DESK_USER.id, 'fel-lösenord', { remoteAddress: '198.51.100.7', forwardedFor: '203.0.113.100' })).statusCode).toBe(429);
});

test('R4: the eleventh subscription request from one address in 10 minutes gets a Swedish 429 page; invalid addresses do not count', async () => {
  // given the service
  web = await new InProcessWeb().start();
  // when an invalid address is sent, then ten valid ones
  expect((await subscribe('inte-en-adress')).statusCode).toBe(400);
  const statuses = [];
  for (let i = 0; i < 10; i++) statuses.push((await subscribe(`person${i}@skane.se`)).statusCode);
  const eleventh = await subscribe('person10@skane.se');
  // then ten are confirmed by mail and the eleventh is refused in Swedish, with no mail
  expect(statuses).toEqual(Array(10).fill(200));
  expect(web.confirmations).toHaveLength(10);
  expect(eleventh.statusCode).toBe(429);
  expect(eleventh.body).toContain('För många försök');
  expect(eleventh.body).toContain('Vänta en stund och försök igen.');
  expect(eleventh.headers['retry-after']).toBe(String(10 * 60));
  // and another address may subscribe
  expect((await subscribe('person11@skane.se', '192.0.2.11')).statusCode).toBe(200);
});
