import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes: `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>` (node:crypto scrypt) – the same format as the
 * local Tasklist stand-in's users file, so one users file serves both locally.
 * `npx tsx lib/auth/password.ts <password>` prints a hash.
 */
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 16384, 8, 1);
  return ['scrypt', 16384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

/** true when the password matches; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 1 << 20) return false;
  const expected = Buffer.from(parts[5], 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await scryptAsync(password, Buffer.from(parts[4], 'base64'), N, r, p);
  return timingSafeEqual(actual, expected);
}

if (require.main === module) {
  const password = process.argv[2];
  if (!password) {
    process.stderr.write('Användning: npx tsx lib/auth/password.ts <lösenord>\n');
    process.exit(2);
  }
  void hashPassword(password).then((h) => process.stdout.write(`${h}\n`));
}
