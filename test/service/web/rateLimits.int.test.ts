/**
 * The service's limits (keys from lib/web/rateLimitKeys.ts): the staff sign-in throttle (lib/auth/SignInThrottle.ts:
 * per account and address, and per address, a growing wait – never a lock-out, issue #10) and ten subscription
 * requests per address in 10 minutes (@fastify/rate-limit), each refused with a Swedish 429 page; the address is the
 * one fastify's `trustProxy` lets it believe (only configured proxies), nothing a client writes itself.
 */
import { loadConfig } from '../../../service/config';
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

test('issue #10: wrong passwords for an account from one address make that address wait, doubling; the owner elsewhere signs in at once', async () => {
  // given the service
  web = await new InProcessWeb().start();
  // when an attacker at 198.51.100.7 tries six wrong passwords for desk
  const statuses = [];
  for (let i = 0; i < 6; i++) statuses.push((await signIn(DESK_USER.id, 'fel-lösenord', { remoteAddress: '198.51.100.7' })).statusCode);
  // then the first six are refused as wrong, and the seventh – even with the right password – must wait a second
  expect(statuses).toEqual(Array(6).fill(401));
  const seventh = await signIn(DESK_USER.id, DESK_USER.password, { remoteAddress: '198.51.100.7' });
  expect(seventh.statusCode).toBe(429);
  expect(seventh.body).toContain('För många misslyckade inloggningar. Försök igen om 1 sekund.');
  expect(seventh.headers['retry-after']).toBe('1');
  // and the owner at her own address is not slowed at all (no lock-out)
  expect((await signIn(DESK_USER.id, DESK_USER.password)).statusCode).toBe(303);
  // when the second has passed, the attacker may try once more, and the next failure costs two seconds
  jest.setSystemTime(TEST_CLOCK.getTime() + 1_000);
  expect((await signIn(DESK_USER.id, 'fel-lösenord', { remoteAddress: '198.51.100.7' })).statusCode).toBe(401);
  expect((await signIn(DESK_USER.id, DESK_USER.password, { remoteAddress: '198.51.100.7' })).headers['retry-after']).toBe('2');
});

test('issue #10 (lock-out): successful sign-ins never count, and the owner’s own mistypes are forgiven by her next success', async () => {
  // given the service
  web = await new InProcessWeb().start();
  // when the owner signs in twelve times in a row, then mistypes four times and signs in again
  const statuses = [];
  for (let i = 0; i < 12; i++) statuses.push((await signIn(DESK_USER.id, DESK_USER.password)).statusCode);
  for (let i = 0; i < 4; i++) statuses.push((await signIn(DESK_USER.id, 'fel-lösenord')).statusCode);
  statuses.push((await signIn(DESK_USER.id, DESK_USER.password)).statusCode);
  for (let i = 0; i < 5; i++) statuses.push((await signIn(DESK_USER.id, 'fel-lösenord')).statusCode);
  statuses.push((await signIn(DESK_USER.id, DESK_USER.password)).statusCode);
  // then every attempt is answered on its merits: nothing is throttled
  expect(statuses).toEqual([...Array(12).fill(303), ...Array(4).fill(401), 303, ...Array(5).fill(401), 303]);
});

test('issue #10: one address trying many accounts waits after twenty failures, whichever account it names next', async () => {
  // given the service
  web = await new InProcessWeb().start();
  // when one address fails once each for twenty-one accounts
  for (let i = 0; i < 21; i++) expect((await signIn(`konto${i}`, 'fel-lösenord', { remoteAddress: '198.51.100.7' })).statusCode).toBe(401);
  // then the next try from there waits, for any account; other addresses are not affected
  expect((await signIn(DESK_USER.id, DESK_USER.password, { remoteAddress: '198.51.100.7' })).statusCode).toBe(429);
  expect((await signIn(DESK_USER.id, DESK_USER.password)).statusCode).toBe(303);
});

test('issue #10: behind a trusted proxy, X-Forwarded-For written by the client gives no new tries: only the proxy is believed', async () => {
  // given the service behind a proxy at 10.0.0.2, and trusting that address only (TRUST_PROXY=10.0.0.2)
  web = await new InProcessWeb({ trustProxy: ['10.0.0.2'] }).start();
  // when one client (seen by the proxy as 198.51.100.7) sends six wrong passwords, each with another address of its own in front
  for (let i = 0; i < 6; i++) {
    const res = await signIn(DESK_USER.id, 'fel-lösenord', { remoteAddress: '10.0.0.2', forwardedFor: `203.0.113.${i}, 198.51.100.7` });
    expect(res.statusCode).toBe(401);
  }
  // then the seventh waits whatever it claims; another client behind the same proxy does not
  expect((await signIn(DESK_USER.id, 'fel-lösenord', { remoteAddress: '10.0.0.2', forwardedFor: '203.0.113.99, 198.51.100.7' })).statusCode).toBe(429);
  expect((await signIn(DESK_USER.id, 'fel-lösenord', { remoteAddress: '10.0.0.2', forwardedFor: '198.51.100.8' })).statusCode).toBe(401);
  // and a client that reaches the service directly cannot pose as a proxy
  expect((await signIn(DESK_USER.id, 'fel-lösenord', { remoteAddress: '198.51.100.7', forwardedFor: '203.0.113.100' })).statusCode).toBe(429);
});

test('issue #10: with TRUST_PROXY as configured, 30 subscriptions with made-up X-Forwarded-For addresses still count for the one client', async () => {
  // given the service behind the proxies of 10.0.0.0/24 (the configuration's own parsing)
  const trustProxy = loadConfig({ TRUST_PROXY: '10.0.0.0/24', SESSION_SECRET: 'x'.repeat(32) }).web.trustProxy;
  web = await new InProcessWeb({ trustProxy }).start();
  // when one client sends 30 subscription requests through the proxy, each claiming another address first
  const statuses: number[] = [];
  for (let i = 0; i < 30; i++) {
    const res = await web.app.inject({
      method: 'POST',
      url: '/driftinfo/prenumeration',
      payload: new URLSearchParams({ email: `person${i}@skane.se` }).toString(),
      remoteAddress: '10.0.0.9',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7` },
    });
    statuses.push(res.statusCode);
  }
  // then only ten get through
  expect(statuses.filter((s) => s === 200)).toHaveLength(10);
  expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  expect(web.confirmations).toHaveLength(10);
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
