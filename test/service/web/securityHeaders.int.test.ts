/**
 * The service's security headers (helmet): the CSP of every page exactly as strict as it was written by hand,
 * the embeddable status framable by anyone and nothing else loosened.
 */
import { InProcessWeb } from './support/InProcessWeb';

/** The policies as they were written by hand before helmet (service/web/securityHeaders.ts until #11). */
const PAGE_CSP_BEFORE = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const EMBED_CSP_BEFORE = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors *";

/** A CSP as directive → sorted sources (the order and spacing of a header carry no meaning). */
function directives(header: string | string[] | number | undefined): Record<string, string[]> {
  return Object.fromEntries(
    String(header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources.sort()]),
  );
}

describe('security headers of the service (helmet)', () => {
  const web = new InProcessWeb();
  beforeAll(() => web.start());
  afterAll(() => web.stop());

  test.each(['/driftinfo', '/intag/logga-in', '/finns-inte', '/health', '/driftinfo/rss.xml'])('%s: the page policy, no framing, nosniff, same-origin referrer, no HSTS', async (url) => {
    // given any response but the embed's
    // when fetched
    const res = await web.app.inject({ method: 'GET', url });
    // then its headers are the page policy
    expect(directives(res.headers['content-security-policy'])).toEqual(directives(PAGE_CSP_BEFORE));
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['permissions-policy']).toBe('camera=(), microphone=(), geolocation=()');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['cross-origin-resource-policy']).toBeUndefined();
  });

  test('R4: the embeddable status may be framed by any intranet page, and only it', async () => {
    // given the snippet's page and its script
    // when fetched
    const embed = await web.app.inject({ method: 'GET', url: '/driftinfo/embed' });
    const script = await web.app.inject({ method: 'GET', url: '/driftinfo/embed.js' });
    // then the embed has its own policy and no X-Frame-Options; the script can be loaded from other origins
    expect(embed.statusCode).toBe(200);
    expect(directives(embed.headers['content-security-policy'])).toEqual(directives(EMBED_CSP_BEFORE));
    expect(embed.headers['x-frame-options']).toBeUndefined();
    expect(embed.headers['x-content-type-options']).toBe('nosniff');
    expect(embed.headers['cache-control']).toBe('public, max-age=60');
    expect(script.headers['cross-origin-resource-policy']).toBeUndefined();
    expect(script.headers['access-control-allow-origin']).toBe('*');
  });

  test('a page without its own cache policy is not stored; one with its own keeps it', async () => {
    // given the sign-in page (none of its own) and the notice page (no-cache)
    const login = await web.app.inject({ method: 'GET', url: '/intag/logga-in' });
    const page = await web.app.inject({ method: 'GET', url: '/driftinfo' });
    // then
    expect(login.headers['cache-control']).toBe('no-store');
    expect(page.headers['cache-control']).toBe('no-cache');
  });
});
