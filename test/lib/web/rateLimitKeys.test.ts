/** Keys of the rate limits: the address fastify believes, the account as typed, never a header read by hand. */
import type { FastifyRequest } from 'fastify';
import { accountName, clientAddress, signInKey } from '../../../lib/web/rateLimitKeys';

/** The two fields the key functions read; fastify sets `ip` from the socket and its `trustProxy` setting. */
const request = (ip: string, body?: unknown, headers: Record<string, string> = {}) => ({ ip, body, headers }) as unknown as FastifyRequest;

test('the address is fastify’s request.ip; an IPv6 client counts per /64, an IPv4-mapped one as IPv4', () => {
  // given requests as fastify hands them over (X-Forwarded-For present but not believed)
  // when keyed
  const keys = [
    clientAddress(request('192.0.2.10', undefined, { 'x-forwarded-for': '203.0.113.1' })),
    clientAddress(request('2001:db8:1:2:aaaa::1')),
    clientAddress(request('2001:db8:1:2:bbbb::2')),
    clientAddress(request('::ffff:192.0.2.10')),
  ];
  // then
  expect(keys).toEqual(['192.0.2.10', '2001:db8:1:2::', '2001:db8:1:2::', '192.0.2.10']);
});

test('an account is keyed as typed, trimmed and in lower case; absent or odd values are the empty account', () => {
  expect([accountName('  Desk '), accountName('DESK'), accountName(undefined), accountName(['desk']), accountName('x'.repeat(500)).length]).toEqual(['desk', 'desk', '', '', 100]);
});

test('a sign-in key is the account, or the account and the address, and no account can pose as another pair', () => {
  // given the same form from two addresses, and an account name made to look like a pair
  const a = request('192.0.2.10', { userId: 'Desk' });
  const b = request('192.0.2.11', { userId: 'desk' });
  const forged = request('192.0.2.10', { userId: 'desk","192.0.2.11' });
  // then
  expect(signInKey(a, 'account')).toBe(signInKey(b, 'account'));
  expect(signInKey(a, 'account+address')).not.toBe(signInKey(b, 'account+address'));
  expect(signInKey(forged, 'account+address')).not.toBe(signInKey(b, 'account+address'));
  expect(signInKey(request('192.0.2.10', { email: 'a@b.se' }), 'account', 'email')).toBe(JSON.stringify(['a@b.se']));
});
