/**
 * The disruption dashboard ("Uppföljning") on the seeded demo history: `seedDemoHistory` (what `npm run demo-history`
 * runs) drives the real models on the real runtime with the real service and workers, the engine clock pinned through
 * each outage; the dashboard in chromium must show the figures worked out by hand from the plan (apps/demoHistory.ts),
 * and the CSV must carry the same numbers.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import pino from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_HISTORY, seedDemoHistory, startDemoSystem, type DemoRuntime } from '../../../apps/demoHistory';
import { startLocalWeb, type LocalWeb } from '../../../runtime/web/server';
import { CHROMIUM_OPTIONS } from '../../../scripts/render-diagrams';
import { ARTIFACTS, DEMO } from './support/LocalWebHarness';

jest.setTimeout(240_000);

let demo: DemoRuntime;
let web: LocalWeb;
let browser: Browser;
let ids: string[];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const logger = pino({ level: 'silent' });
  demo = await startDemoSystem({ inMemory: true, logger });
  ids = await seedDemoHistory(demo.system, DEMO_HISTORY, { timeoutMs: 30_000 });
  web = await startLocalWeb({ port: 0, host: '127.0.0.1', restAddress: demo.runtime.restAddress, monitoringAddress: demo.runtime.monitoringAddress, logger });
  browser = await chromium.launch(CHROMIUM_OPTIONS);
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await web?.close();
  await demo?.close();
});

async function signedIn(user: { id: string; password: string }, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${web.url}/login`);
  await page.getByLabel('Användarnamn').fill(user.id);
  await page.getByLabel('Lösenord').fill(user.password);
  await Promise.all([page.waitForURL(/\/tasks/), page.getByRole('button', { name: 'Logga in' }).click()]);
  return page;
}

/** A table of the page as rows of cell texts (header row first). */
async function table(page: Page, id: string): Promise<string[][]> {
  return page.locator(`table[data-table="${id}"] tr`).evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th,td')].map((c) => (c.textContent ?? '').trim())));
}

/** The row of a table whose first cell is `name`, as { column: value }. */
function row(t: string[][], name: string): Record<string, string> {
  const [head, ...rows] = t;
  const r = rows.find((x) => x[0] === name);
  if (!r) throw new Error(`no row ${name} in ${JSON.stringify(t)}`);
  return Object.fromEntries(head.map((h, i) => [h, r[i]]));
}

test('the seeded history: every planned disruption ran to its end on the real models, with ids of its days', () => {
  expect(ids).toHaveLength(DEMO_HISTORY.length);
  expect(ids[0]).toBe('SESAM-20260114-1');
  expect(ids[6]).toBe('SESAM-20260616-1');
  expect(ids[10]).toBe('OVNING-SESAM-20260325-1');
});

test('P7 P9: VO Hjälpmedel reaches "Uppföljning" from the menu and sees the figures of the seeded history; drills apart', async () => {
  // given VO Hjälpmedel signed in
  const page = await signedIn(DEMO.operation);

  // when they follow the menu link
  await Promise.all([page.waitForURL(/\/uppfoljning$/), page.getByRole('link', { name: 'Uppföljning' }).click()]);

  // then: 10 disruptions, 2 drills; per month and scope as planned
  const tiles = await page.locator('.summary-tiles').textContent();
  expect(tiles).toMatch(/10\s+driftstörningar/);
  expect(tiles).toMatch(/103\s+min median/);
  expect(tiles).toMatch(/2\s+reservrutiner/);
  expect(tiles).toMatch(/6\s+SLA-överträdelser/);
  expect(tiles).toMatch(/2\s+övningar/);
  const months = await table(page, 'verkliga/per-manad');
  expect(months.slice(1).map((r) => [r[0], r[r.length - 1]])).toEqual([
    ['2026-01', '1'],
    ['2026-02', '2'],
    ['2026-03', '1'],
    ['2026-04', '1'],
    ['2026-05', '1'],
    ['2026-06', '1'],
    ['2026-08', '1'],
    ['2026-09', '1'],
    ['2026-10', '1'],
  ]);
  expect(row(months, '2026-02')).toMatchObject({ '3b Sesam nere': '1', '3c Endast administrationen': '1', '3a IT-haveri': '0' });
  expect(row(months, '2026-04')).toMatchObject({ '3a IT-haveri': '1', Totalt: '1' });

  // durations 45 50 60 75 95 110 120 180 300 540 min; acknowledged 8 9 10 12 15; first notices 15 18 20 25 30 30 40 45
  const times = await table(page, 'verkliga/tider');
  expect(row(times, 'Varaktighet till åter i drift')).toEqual({ Mått: 'Varaktighet till åter i drift', Antal: '10', Median: '103', Medel: '158', Max: '540' });
  expect(row(times, 'Systemansvarig underrättad')).toEqual({ Mått: 'Systemansvarig underrättad', Antal: '7', Median: '4', Medel: '5', Max: '10' });
  expect(row(times, 'Kvitterad av systemansvarig')).toEqual({ Mått: 'Kvitterad av systemansvarig', Antal: '5', Median: '10', Medel: '11', Max: '15' });
  expect(row(times, 'Första driftinformation publicerad')).toEqual({ Mått: 'Första driftinformation publicerad', Antal: '8', Median: '28', Medel: '28', Max: '45' });
  expect(row(times, 'Leverantören kontaktad')).toEqual({ Mått: 'Leverantören kontaktad', Antal: '7', Median: '4', Medel: '5', Max: '10' });

  // backup routine in March and June; SLA response passed in 5 outages, restore time in 1; 27 reports
  const events = await table(page, 'verkliga/handelser');
  expect(row(events, 'Reservrutinen aktiverad').Antal).toBe('2');
  expect(row(events, 'SLA: svarstid överskriden').Antal).toBe('5');
  expect(row(events, 'SLA: åtgärdstid överskriden').Antal).toBe('1');
  expect(row(events, 'Anmälningar totalt').Antal).toBe('27');
  expect(row(events, 'Anmälningar per driftstörning, medel').Antal).toBe('2,7');
  expect(row(events, 'Anmälningar per driftstörning, max').Antal).toBe('6');
  const per = await table(page, 'verkliga/per-storning');
  expect(row(per, 'SESAM-20260616-1')).toMatchObject({ Varaktighet: '540', Reservrutin: 'Ja', 'SLA åtgärdstid överskriden': 'Ja', 'Kvitterad av systemansvarig': '–' });

  // drills (P9): 30 and 260 min, one backup routine
  const drills = await table(page, 'ovningar/tider');
  expect(row(drills, 'Varaktighet till åter i drift')).toMatchObject({ Antal: '2', Median: '145', Max: '260' });
  expect(row(await table(page, 'ovningar/handelser'), 'Reservrutinen aktiverad').Antal).toBe('1');

  // the charts are SVG in the page, with a title, readable without scripts
  expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(10);
  expect(await page.locator('svg.chart title').first().textContent()).toContain('Driftstörningar per månad');
  await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
});

test('the CSV export carries exactly the numbers of the page\'s tables', async () => {
  const page = await signedIn(DEMO.systemOwner);
  await page.goto(`${web.url}/uppfoljning`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner CSV' }).click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const csv = Buffer.concat(chunks).toString('utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = new Set(csv.slice(1).trim().split('\r\n'));

  // every cell of every table on the page is a line of the CSV, and nothing else is
  const ids = await page.locator('table[data-table]').evaluateAll((ts) => ts.map((t) => t.getAttribute('data-table') ?? ''));
  let cells = 0;
  for (const id of ids) {
    const [section, name] = id.split('/');
    const [head, ...rows] = await table(page, id);
    for (const r of rows) {
      for (let i = 1; i < head.length; i++) {
        const quote = (s: string) => (/[";]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
        expect(lines).toContain([section, name, quote(r[0]), quote(head[i]), quote(r[i])].join(';'));
        cells += 1;
      }
    }
  }
  expect(lines.size).toBe(cells + 1);
  expect(lines).toContain('verkliga;tider;Varaktighet till åter i drift;Median;103');
});

test('the date range: Swedish calendar days, both ends inclusive; the CSV link keeps it', async () => {
  const page = await signedIn(DEMO.operation);
  await page.goto(`${web.url}/uppfoljning`);
  await page.getByLabel('Från och med').fill('2026-02-01');
  await page.getByLabel('Till och med').fill('2026-06-16');
  await Promise.all([page.waitForURL(/fran=2026-02-01&till=2026-06-16/), page.getByRole('button', { name: 'Visa' }).click()]);
  const per = await table(page, 'verkliga/per-storning');
  expect(per.slice(1).map((r) => r[0])).toEqual(['SESAM-20260203-1', 'SESAM-20260219-1', 'SESAM-20260311-1', 'SESAM-20260407-1', 'SESAM-20260520-1', 'SESAM-20260616-1']);
  expect(await page.getByRole('link', { name: 'Ladda ner CSV' }).getAttribute('href')).toBe('/uppfoljning.csv?fran=2026-02-01&till=2026-06-16');
  expect(row(await table(page, 'ovningar/handelser'), 'Driftstörningar').Antal).toBe('1');
});

test('R5: the desk has no dashboard (403), also not its CSV', async () => {
  const page = await signedIn(DEMO.desk);
  expect(await page.getByRole('link', { name: 'Uppföljning' }).count()).toBe(0);
  const res = await page.goto(`${web.url}/uppfoljning`);
  expect(res?.status()).toBe(403);
  const csv = await page.request.get(`${web.url}/uppfoljning.csv`);
  expect(csv.status()).toBe(403);
});
