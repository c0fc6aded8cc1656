/**
 * One sign-in for the local system (`npm start`): the task list, the cockpit and the dashboard (local web) and /intag
 * and /it (the service) on one host name, sharing a signed sign-in token, with one navigation. A person signs in once
 * and walks intake → task list → cockpit → /it → dashboard by links alone (screenshots in test-artifacts/local-web/);
 * signing out on one signs out of both; the timeline names people, not user ids.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS } from './support/LocalWebHarness';
import { OneSignInSystem } from './support/OneSignInSystem';

jest.setTimeout(120_000);

const SECRET = 'a-shared-sign-in-secret-for-the-test-0123456789';
/** One person in the desk and VO Hjälpmedel: logs calls, works tasks, follows up. */
const KIM = { id: 'kim', password: 'kim-lösenord-för-testet', name: 'Kim Samordnare' };

let browser: Browser;
let serviceUrl: string;
let webUrl: string;

let system: OneSignInSystem;

beforeAll(async () => {
  // one host name for both (cookies are per host, not per port), as npm start prints and links them
  system = await OneSignInSystem.start({ person: KIM, groups: ['desk', 'assistive-devices-operation'], secret: SECRET, tmpPrefix: 'one-sign-in-', artifacts: ARTIFACTS });
  ({ browser, serviceUrl, webUrl } = system);
});

afterAll(async () => {
  await system?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  return context.newPage();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `walk-${name}.png`), fullPage: true });
}

/** Follow a link of the main menu (the one navigation on every staff page). */
async function menu(page: Page, label: string, url: RegExp): Promise<void> {
  await Promise.all([page.waitForURL(url), page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: label, exact: true }).click()]);
}

test('one sign-in: signed in once on the task list, the person walks intake → task list → cockpit → /it → dashboard by links alone', async () => {
  // given Kim signs in once, on the task list
  const page = await newPage();
  await page.goto(`${webUrl}/login`);
  await page.getByLabel('Användarnamn').fill(KIM.id);
  await page.getByLabel('Lösenord').fill(KIM.password);
  await Promise.all([page.waitForURL(/\/tasks/), page.getByRole('button', { name: 'Logga in' }).click()]);

  // when Kim follows the menu to the intake (the service, another port) – no second sign-in
  await menu(page, 'Intag', /:\d+\/intag$/);
  expect(page.url()).toBe(`${serviceUrl}/intag`);
  await page.getByLabel('Förskrivarens namn').fill('Dr Berit Bengtsson');
  await page.getByLabel('Vad fungerar inte?').fill('Sesam svarar inte.');
  await page.getByLabel('Telefonnummer').fill('040-123 45 67');
  await Promise.all([page.waitForURL(/\/intag\/anmalan\//), page.getByRole('button', { name: 'Logga samtalet' }).click()]);
  const id = /SESAM-\d{8}-\d+/.exec((await page.locator('main').textContent()) ?? '')?.[0];
  expect(id).toBeDefined();
  await shot(page, '1-intag');

  // then the task list has the assessment of the new disruption
  await menu(page, 'Uppgifter', /\/tasks$/);
  expect(page.url()).toBe(`${webUrl}/tasks`);
  const row = page.getByRole('row').filter({ hasText: id! });
  await row.first().waitFor();
  expect(await row.first().textContent()).toContain('Bedöm omfattning');
  await shot(page, '2-uppgifter');

  // the cockpit lists it
  await menu(page, 'Översikt', /\/cockpit$/);
  expect(await page.getByRole('row').filter({ hasText: id! }).count()).toBe(1);
  await shot(page, '3-oversikt');

  // /it (the service again) shows it, signed in
  await menu(page, 'För IT', /\/it$/);
  expect(page.url()).toBe(`${serviceUrl}/it`);
  expect(await page.locator('main').textContent()).toContain(id!);
  await shot(page, '4-it');

  // and the dashboard
  await menu(page, 'Uppföljning', /\/uppfoljning$/);
  expect(page.url()).toBe(`${webUrl}/uppfoljning`);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Uppföljning av driftstörningar');
  await shot(page, '5-uppfoljning');
});

test('signing out on /intag signs out of the task list too; signing in on /intag signs in to the task list', async () => {
  const page = await newPage();
  await page.goto(`${serviceUrl}/intag/logga-in`);
  await page.getByLabel('Användarnamn').fill(KIM.id);
  await page.getByLabel('Lösenord').fill(KIM.password);
  await Promise.all([page.waitForURL(/\/intag$/), page.getByRole('button', { name: 'Logga in' }).click()]);
  // signed in on the service: the task list lets Kim in
  await page.goto(`${webUrl}/tasks`);
  expect(page.url()).toBe(`${webUrl}/tasks`);
  expect(await page.locator('.user-name').textContent()).toContain(KIM.name);

  // signing out on the service ends both
  await page.goto(`${serviceUrl}/intag`);
  await Promise.all([page.waitForURL(/logga-in/), page.getByRole('button', { name: 'Logga ut' }).click()]);
  await page.goto(`${webUrl}/tasks`);
  expect(page.url()).toMatch(/\/login\?next=%2Ftasks$/);
});

test('a forged or foreign sign-in token is no sign-in', async () => {
  const page = await newPage();
  const payload = Buffer.from(JSON.stringify({ u: KIM.id, e: Date.now() + 3_600_000 })).toString('base64url');
  await page.context().addCookies([{ name: 'sesam_sso', value: `${payload}.AAAA`, url: webUrl }]);
  await page.goto(`${webUrl}/tasks`);
  expect(page.url()).toMatch(/\/login/);
  await page.goto(`${serviceUrl}/intag`);
  expect(page.url()).toMatch(/\/intag\/logga-in/);
});

test('the timeline names the person who decided, not the user id', async () => {
  const page = await newPage();
  await page.goto(`${webUrl}/login`);
  await page.getByLabel('Användarnamn').fill(KIM.id);
  await page.getByLabel('Lösenord').fill(KIM.password);
  await Promise.all([page.waitForURL(/\/tasks/), page.getByRole('button', { name: 'Logga in' }).click()]);
  // Kim assesses the disruption in the task list
  await page.getByRole('link', { name: 'Bedöm omfattning' }).first().click();
  await page.getByText('Sesam nås inte av någon användare', { exact: false }).first().click();
  await Promise.all([page.waitForURL(/\/tasks(\?|$)/), page.getByRole('button', { name: /slutför/i }).click()]);
  await menu(page, 'Översikt', /\/cockpit$/);
  await page.getByRole('row').nth(1).getByRole('link').first().click();
  const timeline = (await page.locator('main').textContent()) ?? '';
  expect(timeline).toContain(`av ${KIM.name}`);
  expect(timeline).not.toContain(`av ${KIM.id}`);
});
