import type { Browser, Page } from 'playwright-core';
import { ServiceHarness, screenshot, signIn, unlabelledFields, useServiceAndBrowser } from './support/ServiceHarness';

interface ReportResponse {
  reportId: string;
  outcome: 'started' | 'attached' | null;
  disruptionId: string | null;
}

const call = { reporterName: 'Eva Förskrivare', reporterPhone: '046-123 45 67', symptom: 'Sesam svarar inte' };

/** The page for IT and the system owner: IT's messages sent by a signed-in person (R12, R17, P2, P4). */
describe('/it – IT and the system owner report acknowledgement, prognosis, instructions and restoration (R12, R17, P2, P4)', () => {
  let h: ServiceHarness;
  let browser: Browser;
  let page: Page;
  useServiceAndBrowser({ runtime: true }, (c) => ({ h, page, browser } = c));

  test('R17 P2 P4 T2: the system owner acknowledges, reports a prognosis (a time in Swedish time) and the restoration; the next call starts a new disruption', async () => {
    // given
    const first = (await h.report(call)) as unknown as ReportResponse;
    const id = first.disruptionId!;
    await signIn(page, h.url, 'sara.systemowner', '/it');
    const section = page.getByRole('region', { name: id });
    await expect(section.innerText()).resolves.toContain('1 anmälan · Driftinformation ännu inte publicerad');
    await expect(unlabelledFields(page)).resolves.toEqual([]);
    await screenshot(page, 'it-page');
    // when
    await section.getByRole('button', { name: 'Kvittera anmälan' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toBe(`Skickat: Kvittens för ${id}.`);
    await page.getByRole('region', { name: id }).getByLabel(/^Prognos/).fill('2026-11-25T14:30');
    await page.getByRole('region', { name: id }).getByLabel(/^Kommentar till prognosen/).fill('Ny server startas');
    await page.getByRole('region', { name: id }).getByRole('button', { name: 'Rapportera prognos' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toBe(`Skickat: Prognos för ${id}.`);
    // "Sesam är åter i drift" asks for confirmation: without the box ticked nothing is sent (checked on the server)
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const unconfirmed = await page.context().request.post(`${h.url}/it/${id}/system-restored`, { form: { _csrf: csrf }, maxRedirects: 0 });
    expect(unconfirmed.status()).toBe(400);
    expect(await unconfirmed.text()).toContain('Kryssa i att Sesam fungerar igen innan du skickar.');
    await page.getByRole('region', { name: id }).getByLabel(`Jag bekräftar att Sesam fungerar igen för ${id}`).check();
    await page.getByRole('region', { name: id }).getByRole('button', { name: 'Sesam är åter i drift' }).click();
    // then
    await expect(page.getByRole('status').innerText()).resolves.toBe(`Skickat: Sesam åter i drift för ${id}.`);
    await expect(page.getByText('Inga pågående driftstörningar.').isVisible()).resolves.toBe(true);
    const next = (await h.report(call)) as unknown as ReportResponse;
    expect(next.outcome).toBe('started');
    expect(next.disruptionId).not.toBe(id);

    // when: the post-incident review (P7, P8) opens the deviation report of the restored disruption
    await page.goto(`${h.url}/it`);
    await page.getByRole('listitem').filter({ hasText: id }).getByRole('link', { name: 'Avvikelserapport' }).click();
    // then
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Avvikelserapport: driftstörning i Sesam');
    await expect(page.getByText(`Störning ${id}`).isVisible()).resolves.toBe(true);
    await screenshot(page, 'it-deviation-report');
  });

  test('R17, T2: a prognosis without a time gets a Swedish error at the field and nothing is sent', async () => {
    // given
    const first = (await h.report(call)) as unknown as ReportResponse;
    await signIn(page, h.url, 'sara.systemowner', '/it');
    // when
    await page.getByRole('region', { name: first.disruptionId! }).getByRole('button', { name: 'Rapportera prognos' }).click();
    // then
    await expect(page.getByText('Ange datum och klockslag (svensk tid) då Sesam beräknas fungera igen.').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('region', { name: first.disruptionId! }).getByLabel(/^Prognos/).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByRole('status').count()).resolves.toBe(0);
  });

  test('R12 R3: VO Hjälpmedel may only pass on IT\'s instructions (the form only in a 3a outage); the desk cannot open /it; the system owner cannot log calls', async () => {
    // given a disruption not (yet) assessed as a full IT outage (3a)
    const first = (await h.report(call)) as unknown as ReportResponse;
    const id = first.disruptionId!;
    await signIn(page, h.url, 'vera.vo', '/it');
    const section = page.getByRole('region', { name: id });
    // when
    const buttons = await section.getByRole('button').allInnerTexts();
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const instructions = await page.context().request.post(`${h.url}/it/${id}/it-instructions-received`, { form: { _csrf: csrf, itInstructions: 'Avvakta. Regionens IT återkommer kl. 10.' }, maxRedirects: 0 });
    const forged = await page.context().request.post(`${h.url}/it/${id}/system-restored`, { form: { _csrf: csrf, confirm: 'yes' }, maxRedirects: 0 });
    // then: no form for IT's instructions outside 3a, and nothing else for VO Hjälpmedel; the message itself is still taken
    expect(buttons).toEqual([]);
    expect(await section.getByLabel(/^Instruktioner från regionens IT/).count()).toBe(0);
    expect(instructions.status()).toBe(303);
    expect(forged.status()).toBe(403);
    const desk = await browser.newPage();
    try {
      await signIn(desk, h.url, 'anna.desk', '/intag');
      const deskOnIt = await desk.goto(`${h.url}/it`);
      expect(deskOnIt?.status()).toBe(403);
      const deskOnReport = await desk.goto(`${h.url}/it/driftstorning/${id}/avvikelserapport`);
      expect(deskOnReport?.status()).toBe(403);
    } finally {
      await desk.close();
    }
    const owner = await browser.newPage();
    try {
      await signIn(owner, h.url, 'sara.systemowner', '/it');
      const ownerOnIntake = await owner.goto(`${h.url}/intag`);
      expect(ownerOnIntake?.status()).toBe(403);
    } finally {
      await owner.close();
    }
  });
});
