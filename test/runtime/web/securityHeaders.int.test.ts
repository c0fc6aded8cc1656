/**
 * The local web's security headers (helmet) and cookies (@fastify/cookie): the CSP exactly as strict as it
 * was written by hand, cookies HttpOnly and SameSite=Strict, and the sign-in throttle's Swedish 429 page.
 */
import pino from 'pino';
import { startLocalWeb, type LocalWeb } from '../../../runtime/web/server';

/** The policy as it was written by hand before helmet (runtime/web/server.ts SECURITY_HEADERS until #11). */
const CSP_BEFORE =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function directives(header: string | null): Record<string, string[]> {
  return Object.fromEntries(
    String(header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources.sort()]),
  );
}

/** The sign-in page's CSRF cookie and token (login CSRF: double submit). */
async function loginForm(web: LocalWeb): Promise<{ cookie: string; token: string; setCookie: string }> {
  const page = await fetch(`${web.url}/login`);
  const setCookie = page.headers.getSetCookie().find((c) => c.startsWith('lw_login_csrf=')) ?? '';
  return { cookie: setCookie.split(';')[0], token: /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '', setCookie };
}

async function signIn(web: LocalWeb, userId: string, password: string): Promise<Response> {
  const { cookie, token } = await loginForm(web);
  return fetch(`${web.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, userId, password }).toString(),
  });
}

describe('local web: headers, cookies, sign-in throttle', () => {
  let web: LocalWeb;
  // No runtime behind it: these pages never call it.
  beforeAll(async () => {
    web = await startLocalWeb({ port: 0, host: '127.0.0.1', restAddress: 'http://127.0.0.1:9', logger: pino({ level: 'silent' }) });
  });
  afterAll(() => web.close());

  test.each(['/login', '/healthz', '/finns-inte'])('%s: the hand-written policy, no framing, nosniff, same-origin referrer', async (path) => {
    // given any response
    const res = await fetch(`${web.url}${path}`, { redirect: 'manual' });
    // then its security headers are today's
    expect(directives(res.headers.get('content-security-policy'))).toEqual(directives(CSP_BEFORE));
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  test('cookies are HttpOnly, SameSite=Strict, for the whole site; signing in replaces the login token by the session', async () => {
    // given the sign-in page
    const { setCookie } = await loginForm(web);
    // when the desk signs in
    const res = await signIn(web, 'desk', 'demo-desk');
    const cookies = res.headers.getSetCookie();
    // then every cookie carries the attributes, the session is set and the login token cleared
    expect(setCookie).toMatch(/^lw_login_csrf=[A-Za-z0-9_-]{32}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(res.status).toBe(303);
    expect(cookies.find((c) => c.startsWith('lw_session='))).toMatch(/^lw_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(cookies.find((c) => c.startsWith('lw_login_csrf='))).toMatch(/^lw_login_csrf=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/);
  });

  test('five wrong passwords for a user id lock it for 5 minutes with a Swedish 429 page, even for the right password', async () => {
    // given a user id nobody has signed in with in this test (the limiters' windows are minutes; the test takes a second)
    // when five sign-ins fail
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn(web, 'systemansvarig', 'fel')).status);
    const sixth = await signIn(web, 'systemansvarig', 'demo-system-owner');
    // then the sixth is refused with the time left, and another user id is not
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(sixth.status).toBe(429);
    expect(await sixth.text()).toContain('För många misslyckade inloggningar. Försök igen om 5 min.');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(4 * 60);
    expect((await signIn(web, 'desk', 'demo-desk')).status).toBe(303);
  });
});
