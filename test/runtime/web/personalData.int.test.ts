/**
 * Issue #10: everyone signed in saw the reporters' personal data in the cockpit (phones, e-mail addresses, free text
 * with a personnummer). Now only the groups whose work needs it – the desk, the system owner, VO Hjälpmedel – see it;
 * the unit manager and Aktiv Ortopedteknik see the disruption with it masked, in the variables, the timeline and the
 * deviation report. Against the real runtime and models, over HTTP.
 */
import { DEMO, LocalWebHarness } from './support/LocalWebHarness';
import { LocalWebClient } from './support/LocalWebClient';

const h = new LocalWebHarness();
jest.setTimeout(60_000);

/** What an instance of before issue #12 (or a Tasklist user) may hold: reporters in a variable, contact data in free text (names in free text cannot be told from other words; the reporters' names are in `reports`). */
const PERSONAL = {
  summary: 'Förskrivaren ringde från 070-123 45 67 (eva.forskrivare@skane.se) om patient 19121212-1212.',
  reports: [{ reportId: 'r1', receivedAt: '2026-11-25T08:00:00.000Z', channel: 'phone', reporterName: 'Eva Förskrivare', reporterPhone: '070-123 45 67', reporterEmail: 'eva.forskrivare@skane.se' }],
};
const SECRETS = ['070-123 45 67', 'eva.forskrivare@skane.se', '19121212-1212', 'Eva Förskrivare'];

let pi: string;
beforeAll(async () => {
  await h.start({ browser: false });
  pi = await h.startDisruption({ disruptionId: 'D-PD-1', ...PERSONAL });
});
afterAll(() => h.stop());

test.each([
  ['the unit manager', DEMO.unitManager],
  ['Aktiv Ortopedteknik', DEMO.workshop],
])('issue #10: %s sees the disruption, its variables and report without personal data', async (_who, user) => {
  // given a signed-in user of a group without the need
  const client = await LocalWebClient.signIn(h.web.url, user);
  // when the instance page and the deviation report are opened
  const pages = await Promise.all([`/cockpit/instances/${pi}`, `/cockpit/instances/${pi}/report`].map(async (p) => (await client.request(p, { headers: { accept: 'text/html' } })).text()));
  // then the disruption is there, its personal data is not
  for (const body of pages) {
    expect(body).toContain('D-PD-1');
    for (const secret of SECRETS) expect(body).not.toContain(secret.replace(/&/g, '&amp;'));
  }
  expect(pages[0]).toContain('[telefon]');
  expect(pages[0]).toContain('[e-post]');
  expect(pages[0]).toContain('[personnummer]');
  expect(pages[0]).toContain('[dold]');
});

test.each([
  ['the desk', DEMO.desk],
  ['the system owner', DEMO.systemOwner],
  ['VO Hjälpmedel', DEMO.operation],
])('issue #10: %s (whose work needs it) sees the reporters’ contact data', async (_who, user) => {
  // given a signed-in user of a group that needs it
  const client = await LocalWebClient.signIn(h.web.url, user);
  // when the instance page is opened
  const body = await (await client.request(`/cockpit/instances/${pi}`, { headers: { accept: 'text/html' } })).text();
  // then the contact data is shown
  expect(body).toContain('070-123 45 67');
  expect(body).toContain('eva.forskrivare@skane.se');
});
