/**
 * Accessibility measured on every page of the local system (the task list, cockpit and dashboard of the local web; the
 * notice page, intake, /it, outbox and reports of the service): axe-core in chromium finds no serious or critical
 * violation, no page scrolls sideways at 375 px, and every page has a favicon (no 404). Screenshots of each page at both
 * widths land in test-artifacts/accessibility/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDemoHistory, type DemoDisruption } from '../../../apps/demoHistory';
import { OneSignInSystem } from './support/OneSignInSystem';

jest.setTimeout(240_000);

const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts', 'accessibility');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SECRET = 'a-shared-sign-in-secret-for-accessibility-0123456789';
const KIM = { id: 'kim', password: 'kim-lösenord-för-testet', name: 'Kim Samordnare' };

/** One finished 3b disruption with a published notice and the backup routine: every report and page has content. */
const HISTORY: DemoDisruption[] = [
  { reportedAt: '2026-11-18T09:00:00+01:00', scope: 'sesam-down', actions: [{ at: 1, kind: 'report' }, { at: 3, kind: 'assess' }, { at: 8, kind: 'acknowledge', via: 'task' }, { at: 15, kind: 'approve' }, { at: 245, kind: 'approve' }, { at: 260, kind: 'restore' }] },
];

let browser: Browser;
let serviceUrl: string;
let webUrl: string;
let seeded: string;
let reportPath: string;

let system: OneSignInSystem;

beforeAll(async () => {
  system = await OneSignInSystem.start({
    person: KIM,
    groups: ['desk', 'system-owner', 'assistive-devices-operation'],
    secret: SECRET,
    tmpPrefix: 'a11y-',
    artifacts: ARTIFACTS,
    beforeClockPinned: async (d) => void ([seeded] = await seedDemoHistory(d.system, HISTORY)),
  });
  ({ browser, serviceUrl, webUrl } = system);
});

afterAll(async () => {
  await system?.close();
});

interface Checked {
  violations: { id: string; impact: string | null; nodes: string[] }[];
  scrollWidth: number;
  widest: string[];
  favicon404: boolean;
}

/** axe (serious and critical), sideways scrolling and the favicon of the page now open. */
async function check(page: Page, name: string, width: number, favicons: Set<string>): Promise<Checked> {
  await page.waitForLoadState('load');
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  // what sticks out (for the failure message): the deepest elements wider than the viewport
  const widest = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && ![...e.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1))
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${Math.round(e.getBoundingClientRect().right)}`),
  );
  await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
  return { violations, scrollWidth, widest, favicon404: [...favicons].some((u) => u.startsWith(new URL(page.url()).origin)) };
}

async function signedIn(width: number): Promise<{ context: BrowserContext; page: Page; favicon404s: Set<string> }> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', bypassCSP: true });
  const page = await context.newPage();
  const favicon404s = new Set<string>();
  page.on('response', (r) => {
    if (/favicon/.test(r.url()) && r.status() >= 400) favicon404s.add(r.url());
  });
  await page.goto(`${webUrl}/login`);
  await page.getByLabel('Användarnamn').fill(KIM.id);
  await page.getByLabel('Lösenord').fill(KIM.password);
  await Promise.all([page.waitForURL(/\/tasks/), page.getByRole('button', { name: 'Logga in' }).click()]);
  return { context, page, favicon404s };
}

/** Every page of the system, as paths to open (some found by following links). */
async function pages(page: Page): Promise<{ name: string; url: string }[]> {
  // an open disruption: a report logged at the intake, so the task list has a form to open
  await page.goto(`${serviceUrl}/intag`);
  await page.getByLabel('Förskrivarens namn').fill('Dr Berit Bengtsson');
  await page.getByLabel('Vad fungerar inte?').fill('Sesam svarar inte.');
  await page.getByLabel('Telefonnummer').fill('040-123 45 67');
  await Promise.all([page.waitForURL(/\/intag\/anmalan\//), page.getByRole('button', { name: 'Logga samtalet' }).click()]);
  const receipt = page.url();
  await page.goto(`${webUrl}/tasks`);
  const task = await page.getByRole('link', { name: 'Bedöm omfattning' }).first().getAttribute('href');
  await page.goto(`${webUrl}/cockpit`);
  const instance = await page.getByRole('row').filter({ hasText: seeded }).getByRole('link').first().getAttribute('href');
  reportPath = `/it/driftstorning/${encodeURIComponent(seeded)}/avvikelserapport`;
  return [
    { name: 'tasks', url: `${webUrl}/tasks` },
    { name: 'tasks-completed', url: `${webUrl}/tasks?view=completed` },
    { name: 'task', url: `${webUrl}${task}` },
    { name: 'cockpit', url: `${webUrl}/cockpit` },
    { name: 'instance', url: `${webUrl}${instance}` },
    { name: 'instance-report', url: `${webUrl}${instance}/report` },
    { name: 'dashboard', url: `${webUrl}/uppfoljning` },
    { name: 'driftinfo', url: `${serviceUrl}/driftinfo` },
    { name: 'notice', url: `${serviceUrl}/driftinfo/meddelande/${encodeURIComponent(seeded)}` },
    { name: 'embed', url: `${serviceUrl}/driftinfo/embed` },
    { name: 'intake', url: `${serviceUrl}/intag` },
    { name: 'intake-receipt', url: receipt },
    { name: 'it', url: `${serviceUrl}/it` },
    { name: 'deviation-report', url: `${serviceUrl}${reportPath}` },
    { name: 'outbox', url: `${serviceUrl}/utkorg` },
  ];
}

test.each([1280, 375])('every page at %i px: no serious or critical axe violation, no sideways scrolling, a favicon', async (width) => {
  const { context, page, favicon404s } = await signedIn(width);
  const results: Record<string, Checked> = {};
  for (const p of await pages(page)) {
    const res = await page.goto(p.url);
    expect({ page: p.name, status: res?.status() }).toEqual({ page: p.name, status: 200 });
    results[p.name] = await check(page, p.name, width, favicon404s);
  }
  // the sign-in pages, signed out
  const out = await browser.newContext({ viewport: { width, height: 800 }, locale: 'sv-SE', bypassCSP: true });
  const anon = await out.newPage();
  for (const [name, url] of [['login', `${webUrl}/login`], ['intake-login', `${serviceUrl}/intag/logga-in`]] as const) {
    await anon.goto(url);
    results[name] = await check(anon, name, width, new Set());
  }
  await out.close();
  await context.close();

  const violations = Object.fromEntries(Object.entries(results).filter(([, r]) => r.violations.length).map(([n, r]) => [n, r.violations]));
  const sideways = Object.fromEntries(Object.entries(results).filter(([, r]) => r.scrollWidth > width).map(([n, r]) => [n, { scrollWidth: r.scrollWidth, widest: r.widest }]));
  expect(violations).toEqual({});
  expect(sideways).toEqual({});
  expect([...favicon404s]).toEqual([]);
  expect(Object.keys(results)).toHaveLength(17);
});
