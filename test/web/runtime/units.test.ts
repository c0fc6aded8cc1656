/** Units of the local web that need no browser: escaping, users file, passwords, timeline order (P7). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword, verifyPassword } from '../../../lib/auth/password';
import { UserDirectory } from '../../../runtime/web/auth/UserDirectory';
import { parseLocalWebConfig } from '../../../runtime/web/config';
import { html, jsonForScript } from '../../../runtime/web/html/escape';
import { buildTimeline } from '../../../lib/timeline/buildTimeline';
import type { InstanceDetail } from '../../../lib/timeline/DisruptionLoader';
import { formFieldKeys } from '../../../lib/timeline/formSchema';

test('escaping: html`` escapes every interpolated value, nested templates stay markup', () => {
  // given user text with markup
  const evil = `<script>alert("x")</script>'&`;
  // when it is interpolated, also inside a nested template and an attribute
  const out = html`<p title="${evil}">${evil}${html`<b>${evil}</b>`}</p>`.value;
  // then nothing of it is markup
  expect(out).toBe(
    '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;<b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;</b></p>',
  );
});

test('escaping: JSON for a script block cannot close the script element', () => {
  // given a value containing a closing script tag and line separators
  const value = { text: '</script><script>alert(1)</script>&\u2028' };
  // when it is embedded
  const out = jsonForScript(value).value;
  // then no "<" survives, and it parses back to the same value
  expect(out).not.toMatch(/[<>&\u2028]/);
  expect(JSON.parse(out)).toEqual(value);
});

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

test('config: LOCAL_WEB_USERS_FILE overrides the users file; a bad restAddress fails fast', () => {
  expect(parseLocalWebConfig({ restAddress: 'http://127.0.0.1:8080' }, { LOCAL_WEB_USERS_FILE: '/x/users.json' }).usersFile).toBe('/x/users.json');
  expect(() => parseLocalWebConfig({ restAddress: 'nope', port: -1 }, {})).toThrow(/port.*restAddress|restAddress.*port/s);
});

test('forms: the variables a form writes are its input fields’ keys (text and html components write nothing)', () => {
  const keys = formFieldKeys({
    components: [
      { type: 'text', text: 'x' },
      { type: 'textfield', key: 'noticeTitle' },
      { type: 'group', path: 'notice', components: [{ type: 'textarea', key: 'body' }] },
      { type: 'checkbox', key: 'approved' },
      { type: 'html', content: '<p/>' },
    ],
  });
  expect(keys.sort()).toEqual(['approved', 'notice', 'noticeTitle']);
});

function detail(key: string, start: string, end: string | null, elements: Array<[string, string, string, string | null]>): InstanceDetail {
  return {
    instance: { processInstanceKey: key, processDefinitionKey: '1', processDefinitionId: 'p', processDefinitionVersion: 3, state: end ? 'COMPLETED' : 'ACTIVE', startDate: start, endDate: end },
    definition: { processDefinitionKey: '1', processDefinitionId: 'p', name: 'Rutin', version: 3 },
    elements: new Map(),
    elementInstances: elements.map(([k, id, s, e]) => ({ elementInstanceKey: k, elementId: id, elementName: id, type: 'SERVICE_TASK', state: e ? 'COMPLETED' : 'ACTIVE', processInstanceKey: key, processDefinitionKey: '1', startDate: s, endDate: e })),
    incidents: [],
    userTasks: [],
    variables: {},
    decisions: new Map(),
  };
}

test('P7: the timeline is in time order, same instant in key order, an instance’s end after all of its steps', () => {
  // given a root instance and a called instance whose steps share instants
  const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 8, 0, s)).toISOString();
  const root = detail('100', t(0), null, [['101', 'B', t(5), t(6)], ['99999', 'late', t(9), null], ['102', 'A', t(1), t(2)]]);
  const child = detail('200', t(3), t(4), [['201', 'C1', t(3), t(4)], ['1000', 'C2', t(4), t(4)]]);

  // when the timeline is built
  const entries = buildTimeline({ root, children: [child] });

  // then it reads start, A, child start, C1, C2, child end, B, late
  expect(entries.map((e) => e.title)).toEqual(['Rutinen startade (Rutin v3)', 'A', 'Delprocess startade: Rutin v3', 'C1', 'C2', 'Delprocessen Rutin v3 avslutades', 'B', 'late']);
  expect(entries.filter((e) => e.inChild).length).toBe(4);
});
