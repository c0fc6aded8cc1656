/**
 * Staff sessions of the service (issue #10): a session lives on the server, so signing out ends it – the old cookie
 * opens nothing any more – and the local outbox `/utkorg` (subscribers' addresses, confirmation and unsubscribe links)
 * is for signed-in staff only. The service's web server in process (inject), its clock pinned.
 */
import type { CapturedMail } from '../../../service/mail/SmtpCapture';
import { DESK_USER, InProcessWeb, TEST_CLOCK } from './support/InProcessWeb';

const DATE_ONLY: Parameters<typeof jest.useFakeTimers>[0] = {
  doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  now: TEST_CLOCK,
};

const MAIL: CapturedMail = {
  id: 1,
  receivedAt: TEST_CLOCK.toISOString(),
  messageId: '<a@b>',
  from: 'driftinformation-sesam@region-skane.example',
  to: ['nils@skane.example'],
  subject: 'Bekräfta din prenumeration på driftinformation för Sesam',
  text: 'Bekräfta: http://127.0.0.1:3000/driftinfo/prenumeration/bekrafta/hemlig-token',
  html: '',
  drill: false,
};

let web: InProcessWeb;
beforeEach(() => jest.useFakeTimers(DATE_ONLY));
afterEach(async () => {
  await web?.stop();
  jest.useRealTimers();
});

async function signIn(): Promise<string> {
  const res = await web.app.inject({
    method: 'POST',
    url: '/intag/logga-in',
    payload: new URLSearchParams({ userId: DESK_USER.id, password: DESK_USER.password }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(res.statusCode).toBe(303);
  const cookie = res.cookies.find((c) => c.name === 'sesam_intag');
  return `sesam_intag=${cookie!.value}`;
}

/** The CSRF token of the session, as the outbox page's sign-out form carries it. */
async function csrfOf(cookie: string): Promise<string> {
  const page = await web.app.inject({ method: 'GET', url: '/utkorg', headers: { cookie } });
  return /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
}

test('issue #10: signing out ends the session on the server – the old cookie opens nothing afterwards', async () => {
  // given a signed-in desk user and her cookie
  web = await new InProcessWeb({ outbox: [MAIL] }).start();
  const cookie = await signIn();
  const signedIn = await web.app.inject({ method: 'GET', url: '/intag/logga-in', headers: { cookie } });
  expect(signedIn.statusCode).toBe(303);
  // when she signs out
  const out = await web.app.inject({
    method: 'POST',
    url: '/intag/logga-ut',
    payload: new URLSearchParams({ _csrf: await csrfOf(cookie) }).toString(),
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(out.statusCode).toBe(303);
  expect(out.cookies.find((c) => c.name === 'sesam_intag')?.value).toBe('');
  // then the cookie she had (kept by a browser, copied by someone) is no session any more, also an hour later
  jest.setSystemTime(TEST_CLOCK.getTime() + 60 * 60_000);
  const again = await web.app.inject({ method: 'GET', url: '/intag/logga-in', headers: { cookie } });
  expect(again.statusCode).toBe(200);
  expect(again.body).toContain('Logga in');
  const outbox = await web.app.inject({ method: 'GET', url: '/utkorg', headers: { cookie } });
  expect(outbox.statusCode).toBe(303);
});

test('issue #10: a sign-out without the session’s CSRF token ends nothing; a forged cookie is no session', async () => {
  // given a signed-in desk user
  web = await new InProcessWeb({ outbox: [MAIL] }).start();
  const cookie = await signIn();
  // when another site posts a sign-out without the token, and someone tries a made-up cookie
  await web.app.inject({ method: 'POST', url: '/intag/logga-ut', payload: '', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
  const forged = await web.app.inject({ method: 'GET', url: '/utkorg', headers: { cookie: 'sesam_intag=bm90LWEtc2Vzc2lvbg.c2lnbmF0dXJl' } });
  // then the session still holds, and the forged cookie is sent to sign in
  expect((await web.app.inject({ method: 'GET', url: '/utkorg', headers: { cookie } })).statusCode).toBe(200);
  expect(forged.statusCode).toBe(303);
});

test('issue #10: the outbox shows captured mails only to signed-in staff; others are sent to sign in and back', async () => {
  // given the local outbox with a subscription's confirmation mail
  web = await new InProcessWeb({ outbox: [MAIL] }).start();
  // when someone without a session opens the list and the mail
  const list = await web.app.inject({ method: 'GET', url: '/utkorg' });
  const one = await web.app.inject({ method: 'GET', url: '/utkorg/1' });
  // then neither shows anything of the mail, and sign-in leads back to the outbox
  for (const res of [list, one]) {
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/intag/logga-in?nasta=%2Futkorg');
    expect(res.body).not.toContain('nils@skane.example');
    expect(res.body).not.toContain('hemlig-token');
  }
  const landing = await web.app.inject({
    method: 'POST',
    url: '/intag/logga-in',
    payload: new URLSearchParams({ userId: DESK_USER.id, password: DESK_USER.password, nasta: '/utkorg' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(landing.headers.location).toBe('/utkorg');
  // when signed in, the list and the mail are there
  const cookie = await signIn();
  const signedIn = await web.app.inject({ method: 'GET', url: '/utkorg/1', headers: { cookie } });
  expect(signedIn.statusCode).toBe(200);
  expect(signedIn.body).toContain('nils@skane.example');
});
