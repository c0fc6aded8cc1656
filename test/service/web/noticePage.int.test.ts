import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { ServiceHarness, screenshot, unlabelledFields, useServiceAndBrowser } from './support/ServiceHarness';

/**
 * The public notice page "Driftinformation – Sesam" and its feeds, driven through the real server and a real
 * browser. Notices are put in the store the way the publish-notice worker does after the system owner's approval.
 */
describe('notice page and feeds (R3, R4, R21, R22, P3, P9)', () => {
  let h: ServiceHarness;
  let browser: Browser;
  let page: Page;
  useServiceAndBrowser({}, (c) => ({ h, page, browser } = c));

  test('R3 R4 P3: the public page and the RSS, Atom and JSON feeds show an approved notice and its updates', async () => {
    // given
    h.publish({ title: 'Sesam går inte att nå', body: 'Region Skånes IT felsöker.' });
    h.publish({ state: 'identified', title: 'Sesam går inte att nå', body: 'Felet är hittat i en databasserver.', prognosis: 'Beräknas fungera 14.30' });
    // when
    await page.goto(`${h.url}/driftinfo`);
    const rss = await (await fetch(`${h.url}/driftinfo/rss.xml`)).text();
    const atom = await (await fetch(`${h.url}/driftinfo/atom.xml`)).text();
    const json = (await (await fetch(`${h.url}/driftinfo/feed.json`)).json()) as { version: string; items: { title: string; content_text: string }[] };
    // then
    await screenshot(page, 'notice-page-approved');
    const current = page.getByRole('region', { name: 'Aktuellt' });
    await expect(current.getByRole('heading', { name: 'Sesam går inte att nå' }).isVisible()).resolves.toBe(true);
    await expect(current.getByText('Felet är identifierat', { exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(current.getByText('Beräknas fungera 14.30').isVisible()).resolves.toBe(true);
    await expect(current.getByText('Tidigare uppdateringar (1)').isVisible()).resolves.toBe(true);
    await expect(current.getByRole('link', { name: 'Reservrutin Ortopedtekniska tjänster' }).count()).resolves.toBe(1);
    expect(rss).toContain('<rss version="2.0"');
    expect(rss).toContain('<title>[Felet är identifierat] Sesam går inte att nå (uppdatering 2)</title>');
    expect(rss).toContain('<title>[Felsökning pågår] Sesam går inte att nå</title>');
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(atom.match(/<entry>/g)).toHaveLength(2);
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.items.map((i) => i.title)).toEqual(['[Felet är identifierat] Sesam går inte att nå (uppdatering 2)', '[Felsökning pågår] Sesam går inte att nå']);
    expect(json.items[0].content_text).toContain('Prognos: Beräknas fungera 14.30');
  });

  test('R4 P3: feed readers polling with If-Modified-Since get 304 until a new update is published', async () => {
    // given
    h.publish({ title: 'Sesam går inte att nå', body: 'IT felsöker.' });
    const first = await fetch(`${h.url}/driftinfo/atom.xml`);
    const lastModified = first.headers.get('last-modified')!;
    // when
    const unchanged = await fetch(`${h.url}/driftinfo/atom.xml`, { headers: { 'if-modified-since': lastModified } });
    h.publish({ state: 'identified', title: 'Sesam går inte att nå', body: 'Felet är hittat.' }, new Date(Date.now() + 60_000));
    const changed = await fetch(`${h.url}/driftinfo/atom.xml`, { headers: { 'if-modified-since': lastModified } });
    // then
    expect(first.status).toBe(200);
    expect(unchanged.status).toBe(304);
    expect(changed.status).toBe(200);
    expect((await changed.text()).match(/<entry>/g)).toHaveLength(2);
  });

  test('R3: a notice containing <script> shows as text in the page and in every feed', async () => {
    // given
    const evil = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
    h.publish({ title: `Rubrik ${evil}`, body: `Text ${evil}`, prognosis: evil });
    await page.goto(`${h.url}/driftinfo`);
    // when
    const pageText = await page.locator('main').innerText();
    const pwnedOnPage = await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
    // The feeds are parsed by the browser's own XML and HTML parsers, as a feed reader would (from another origin: CORS).
    const reader = await browser.newPage();
    const feeds = await reader.evaluate(async (base) => {
      const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml');
      const asHtml = (fragment: string) => new DOMParser().parseFromString(fragment, 'text/html');
      const rss = parse(await (await fetch(`${base}/driftinfo/rss.xml`)).text());
      const atom = parse(await (await fetch(`${base}/driftinfo/atom.xml`)).text());
      const json = (await (await fetch(`${base}/driftinfo/feed.json`)).json()) as { items: { title: string; content_html: string }[] };
      const contents = [
        rss.querySelector('item > description')?.textContent ?? '',
        atom.querySelector('entry > content')?.textContent ?? '',
        json.items[0].content_html,
      ];
      return {
        titles: [rss.querySelector('item > title')?.textContent, atom.querySelector('entry > title')?.textContent, json.items[0].title],
        rendered: contents.map((c) => {
          const doc = asHtml(c);
          return { text: doc.body.textContent ?? '', scripts: doc.querySelectorAll('script').length, images: doc.querySelectorAll('img').length };
        }),
        xmlErrors: [rss, atom].map((d) => d.getElementsByTagName('parsererror').length),
      };
    }, h.url);
    await reader.close();
    // then
    expect(pwnedOnPage).toBeUndefined();
    expect(pageText).toContain('Rubrik <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">');
    expect(pageText).toContain('Text <script>');
    await expect(page.locator('main script, main img').count()).resolves.toBe(0);
    expect(feeds.xmlErrors).toEqual([0, 0]);
    for (const title of feeds.titles) expect(title).toContain('Rubrik <script>window.__pwned = 1</script>');
    for (const r of feeds.rendered) {
      expect(r.scripts).toBe(0);
      expect(r.images).toBe(0);
      expect(r.text).toContain('Text <script>window.__pwned = 1</script>');
    }
    await screenshot(page, 'notice-page-script-as-text');
  });

  test('R17 R21 R22: while the backup routine applies, a banner with its links is shown on the page and in the embed', async () => {
    // given
    h.publish({ title: 'Sesam går inte att nå', body: 'IT felsöker.' });
    h.publish({ kind: 'backup-routine', state: 'identified', title: 'Reservrutin för akuta OT-remisser gäller', body: 'Skicka akuta OT-remisser på papper till Aktiv Ortopedteknik.' });
    // when
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${h.url}/driftinfo`);
    // then
    const banner = page.getByRole('region', { name: 'Reservrutin för akuta ortopedtekniska remisser gäller' });
    await expect(banner.isVisible()).resolves.toBe(true);
    const links = await banner.getByRole('link').evaluateAll((as) => as.map((a) => ({ text: a.textContent, href: (a as HTMLAnchorElement).href })));
    expect(links.map((l) => l.text)).toEqual([
      'Reservrutin Ortopedtekniska tjänster',
      'Beställningssystemet Sesam på Vårdgivare Skåne',
      'Instruktioner och manualer – Visma webSesam och webSesam',
      'Läs hela meddelandet',
    ]);
    expect(links[0].href).toBe('https://vardgivare.skane.se/vardriktlinjer/hjalpmedel/bestallningssystemet-sesam/visma-websesam/');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    await screenshot(page, 'notice-page-backup-banner-narrow');
    await page.goto(`${h.url}/driftinfo/embed`);
    await expect(page.getByText('Reservrutin för akuta OT-remisser gäller.').isVisible()).resolves.toBe(true);
  });

  test('R17 P2: the banner disappears once the disruption is resolved', async () => {
    // given
    h.publish({ title: 'Sesam går inte att nå', body: 'IT felsöker.' });
    h.publish({ kind: 'backup-routine', state: 'identified', title: 'Reservrutin gäller', body: 'Pappersremisser.' });
    // when
    h.publish({ state: 'resolved', title: 'Sesam fungerar igen', body: 'Åtgärdat.' });
    await page.goto(`${h.url}/driftinfo`);
    // then
    await expect(page.getByRole('region', { name: /Reservrutin/ }).count()).resolves.toBe(0);
    await expect(page.getByText('Inga kända störningar i Sesam just nu.').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('region', { name: 'Tidigare driftinformation' }).getByRole('heading', { name: 'Sesam fungerar igen' }).isVisible()).resolves.toBe(true);
  });

  test('P9: drill notices are marked ÖVNING and hidden from the public page and feeds unless ?ovning=1', async () => {
    // given
    h.publish({ disruptionId: 'OVNING-SESAM-20261125-1', drill: true, title: 'Övning: Sesam nere', body: 'Detta är en övning.' });
    // when
    await page.goto(`${h.url}/driftinfo`);
    const publicText = await page.locator('main').innerText();
    const publicFeed = (await (await fetch(`${h.url}/driftinfo/feed.json`)).json()) as { items: unknown[] };
    await page.goto(`${h.url}/driftinfo?ovning=1`);
    const drillText = await page.locator('main').innerText();
    const drillFeed = (await (await fetch(`${h.url}/driftinfo/feed.json?ovning=1`)).json()) as { items: { title: string }[] };
    // then
    expect(publicText).not.toContain('Övning: Sesam nere');
    expect(publicFeed.items).toHaveLength(0);
    expect(drillText).toContain('ÖVNING');
    expect(drillText).toContain('Övning: Sesam nere');
    expect(drillFeed.items[0].title).toBe('ÖVNING: [Felsökning pågår] Övning: Sesam nere');
    await screenshot(page, 'notice-page-drill');
  });

  test('R4: the embeddable script shows the current state on a host page (intranet start page, Hemvist)', async () => {
    // given
    h.publish({ title: 'Sesam går inte att nå', body: 'IT felsöker.' });
    // when
    await page.setContent(`<!doctype html><html lang="sv"><body><h1>Hemvist</h1><script src="${h.url}/driftinfo/embed.js"></script></body></html>`);
    const status = page.getByRole('status');
    await status.getByRole('link').waitFor();
    // then
    await expect(status.innerText()).resolves.toContain('Sesam: Felsökning pågår – Sesam går inte att nå');
    await expect(status.getByRole('link').getAttribute('href')).resolves.toBe(`${h.url}/driftinfo/meddelande/SESAM-20261125-1`);
    await screenshot(page, 'embed-script-on-host-page');
  });

  test('R4: the iframe snippet may be framed by another site and shows the current state', async () => {
    // given
    h.publish({ title: 'Sesam går inte att nå', body: 'IT felsöker.' });
    const intranet = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="sv"><body><h1>Intranätet</h1><iframe src="${h.url}/driftinfo/embed" title="Driftinformation Sesam"></iframe></body></html>`);
    });
    await new Promise<void>((resolve) => intranet.listen(0, '127.0.0.1', resolve));
    try {
      // when: an intranet start page on another origin frames the snippet
      await page.goto(`http://localhost:${(intranet.address() as AddressInfo).port}/`);
      const frame = page.frameLocator('iframe[title="Driftinformation Sesam"]');
      // then
      await expect(frame.locator('strong').first().innerText({ timeout: 5000 })).resolves.toBe('Sesam: Felsökning pågår');
      await expect(frame.getByRole('link', { name: 'Sesam går inte att nå' }).getAttribute('target')).resolves.toBe('_top');
      await screenshot(page, 'embed-iframe-on-intranet');
    } finally {
      await new Promise<void>((resolve) => intranet.close(() => resolve()));
    }
    const pageHeaders = (await fetch(`${h.url}/driftinfo`)).headers;
    expect(pageHeaders.get('x-frame-options')).toBe('DENY');
  });

  test('P3: a notice\'s own page lists every update, newest first; an unknown notice is a Swedish 404 page', async () => {
    // given
    h.publish({ title: 'Sesam går inte att nå', body: 'IT felsöker.' });
    const { url } = h.publish({ state: 'resolved', title: 'Sesam fungerar igen', body: 'Åtgärdat.' });
    // when
    await page.goto(url);
    const updates = await page.locator('ol.updates > li').evaluateAll((lis) => lis.map((li) => li.id));
    const missing = await fetch(`${h.url}/driftinfo/meddelande/FINNS-INTE`);
    // then
    expect(updates).toEqual(['uppdatering-2', 'uppdatering-1']);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Sesam fungerar igen');
    expect(missing.status).toBe(404);
    await expect(missing.text()).resolves.toContain('Meddelandet finns inte');
  });

  test('R4: the notice page is accessible: Swedish, one h1, labelled inputs, skip link first, strict CSP', async () => {
    // given
    h.publish({ title: 'Sesam går inte att nå', body: 'IT felsöker.' });
    // when
    const response = await page.goto(`${h.url}/driftinfo`);
    await page.keyboard.press('Tab');
    const firstFocus = await page.evaluate(() => document.activeElement?.textContent);
    // then
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('sv');
    await expect(page.locator('h1').count()).resolves.toBe(1);
    await expect(unlabelledFields(page)).resolves.toEqual([]);
    expect(firstFocus).toBe('Hoppa till innehållet');
  });
});
