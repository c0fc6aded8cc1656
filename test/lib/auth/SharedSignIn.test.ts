import { SharedSignIn } from '../../../lib/auth/SharedSignIn';

const SECRET = 'x'.repeat(40);

test('a token carries the user id until it expires, and only with the same secret', () => {
  let now = 1_000_000;
  const a = new SharedSignIn(SECRET, { ttlMs: 60_000, now: () => now });
  const token = a.issue('kim');
  expect(a.verify(token)).toEqual({ id: 'kim', expiresAt: 1_060_000 });
  expect(new SharedSignIn('y'.repeat(40), { now: () => now }).verify(token)).toBeUndefined();
  now = 1_060_000;
  expect(a.verify(token)).toBeUndefined();
});

test('a changed payload, a missing signature or anything else is refused', () => {
  const a = new SharedSignIn(SECRET, { now: () => 0 });
  const [, mac] = a.issue('kim').split('.');
  const forged = `${Buffer.from(JSON.stringify({ u: 'admin', e: 9e15 })).toString('base64url')}.${mac}`;
  for (const t of [forged, 'kim', '', '.', undefined, 42, `${'a'.repeat(3000)}.b`]) expect(a.verify(t)).toBeUndefined();
  expect(() => new SharedSignIn('short')).toThrow(RangeError);
});
