/** The local web's users file: scrypt hashes, refusal of a bad file, the committed demo users. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword, verifyPassword } from '../../../../lib/auth/password';
import { UserDirectory } from '../../../../runtime/web/auth/UserDirectory';
import { parseLocalWebConfig } from '../../../../runtime/web/config';

test('users file: scrypt hashes verify; a bad file is refused listing every problem', async () => {
  // given a file with one good user and one with two problems
  const dir = mkdtempSync(join(tmpdir(), 'local-web-users-'));
  const good = { id: 'anna', name: 'Anna', groups: ['desk'], passwordHash: await hashPassword('hemligt-1') };
  const goodFile = join(dir, 'good.json');
  writeFileSync(goodFile, JSON.stringify({ users: [good] }));
  const badFile = join(dir, 'bad.json');
  writeFileSync(badFile, JSON.stringify({ users: [good, { id: 'X Y', name: 'B', groups: ['nobody'], passwordHash: 'plain' }] }));

  // when they are read
  const users = UserDirectory.fromFile(goodFile);

  // then the good user signs in only with the right password, and the bad file names each problem
  expect(await users.authenticate('anna', 'hemligt-1')).toEqual({ id: 'anna', name: 'Anna', groups: ['desk'] });
  expect(await users.authenticate('anna', 'fel')).toBeUndefined();
  expect(await users.authenticate('okänd', 'hemligt-1')).toBeUndefined();
  expect(() => UserDirectory.fromFile(badFile)).toThrow(/users\.1\.id.*users\.1\.groups\.0.*users\.1\.passwordHash/s);
  expect(await verifyPassword('x', 'scrypt$broken')).toBe(false);
});

test('the committed demo users file is valid and has one user per candidate group', () => {
  // when the default file is read
  const users = UserDirectory.fromFile(parseLocalWebConfig({ restAddress: 'http://127.0.0.1:8080' }, {}).usersFile);
  // then every group has a user
  const groups = users.all().flatMap((u) => u.groups).sort();
  expect(groups).toEqual(['assistive-devices-operation', 'desk', 'orthopaedic-workshop', 'system-owner', 'unit-manager']);
});
