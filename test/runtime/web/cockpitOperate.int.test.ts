/**
 * The cockpit as Operate 8.8: search by disruption id and instance key, filters (state, incidents, process, version),
 * every open incident across instances, element history per instance, the diagram fitted on open with the bpmn.io logo
 * clear of every element.
 */
import { DEMO, LocalWebHarness } from './support/LocalWebHarness';

jest.setTimeout(90_000);

const h = new LocalWebHarness();
let failing: string;
let quiet: string;

beforeAll(async () => {
  await h.start();
  failing = await h.startDisruption({ disruptionId: 'D-OPERATE-1' });
  quiet = await h.startDisruption({ disruptionId: 'D-OPERATE-2' });
  // the first one's receipt job fails without retries: an incident
  await h.workJob(failing, 'notify-role', { fail: 'SMTP-servern svarar inte' }, 'ServiceTask_ConfirmFirstReport');
  await h.waitFor(async () => (await h.activeIncidents(failing)).length > 0, 'the incident');
});

afterAll(async () => {
  await h.stop();
});

async function listed(page: import('playwright-core').Page): Promise<string[]> {
  return page.locator('.instance-table tbody th[data-label="Störning"] a').allTextContents();
}

test('search by disruption id and by key; filters by incidents, process and version', async () => {
  const { page } = await h.newPage();
  await h.signIn(page, DEMO.operation);
  await page.goto(`${h.web.url}/cockpit`);
  await page.getByLabel('Sök störning eller nyckel').fill('OPERATE-2');
  await Promise.all([page.waitForURL(/q=OPERATE-2/), page.getByRole('button', { name: 'Visa', exact: true }).click()]);
  expect(await listed(page)).toEqual(['D-OPERATE-2']);
  await page.goto(`${h.web.url}/cockpit?q=${failing}`);
  expect(await listed(page)).toEqual(['D-OPERATE-1']);
  await page.goto(`${h.web.url}/cockpit?incidents=1`);
  expect(await listed(page)).toEqual(['D-OPERATE-1']);
  await page.goto(`${h.web.url}/cockpit?process=driftstorning-sesam&version=1&q=D-OPERATE`);
  expect(new Set(await listed(page))).toEqual(new Set(['D-OPERATE-1', 'D-OPERATE-2']));
  await page.goto(`${h.web.url}/cockpit?process=planerat-underhall&q=D-OPERATE`);
  expect(await listed(page)).toEqual([]);
  expect(await page.getByLabel('Process').locator('option').allTextContents()).toEqual(expect.arrayContaining(['Alla', 'Driftstörning Sesam']));
});

test('every open incident across instances, linked to its disruption', async () => {
  const { page } = await h.newPage();
  await h.signIn(page, DEMO.systemOwner);
  await page.goto(`${h.web.url}/cockpit`);
  await Promise.all([page.waitForURL(/\/cockpit\/incidents$/), page.getByRole('link', { name: 'Alla öppna incidenter' }).click()]);
  const row = page.getByRole('row').filter({ hasText: 'D-OPERATE-1' });
  expect(await row.count()).toBe(1);
  expect(await row.textContent()).toContain('SMTP-servern svarar inte');
  await Promise.all([page.waitForURL(new RegExp(`/cockpit/instances/${failing}$`)), row.getByRole('link').click()]);
  await h.screenshot(page, 'cockpit-incidents-to-instance');
});

test('element history per instance, and the diagram fitted on open with the logo clear of every element', async () => {
  const { page, consoleErrors } = await h.newPage();
  await h.signIn(page, DEMO.operation);
  await page.goto(`${h.web.url}/cockpit/instances/${quiet}`);
  const history = page.getByRole('region', { name: 'Stegens historik' });
  expect(await history.getByRole('row').filter({ hasText: 'Bedöm omfattning' }).count()).toBe(1);
  expect(await history.getByRole('row').filter({ hasText: 'Registrera driftstörningen' }).textContent()).toContain('Avslutad');
  await page.locator('#diagram .djs-shape').first().waitFor();
  const fit = await page.evaluate(() => {
    const box = document.getElementById('diagram')!.getBoundingClientRect();
    const shapes = [...document.querySelectorAll('#diagram .djs-shape, #diagram .djs-label')].map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0);
    const logo = document.querySelector('#diagram .bjs-powered-by')!.getBoundingClientRect();
    const inside = shapes.every((r) => r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1);
    const overlaps = shapes.filter((r) => r.left < logo.right && r.right > logo.left && r.top < logo.bottom && r.bottom > logo.top).length;
    return { shapes: shapes.length, inside, overlaps };
  });
  expect(fit.shapes).toBeGreaterThan(20);
  expect(fit.inside).toBe(true);
  expect(fit.overlaps).toBe(0);
  await h.screenshot(page, 'cockpit-instance-fitted');
  expect(consoleErrors).toEqual([]);
});
