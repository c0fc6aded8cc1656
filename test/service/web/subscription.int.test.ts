import type { Page } from 'playwright-core';
import { ServiceHarness, screenshot, unlabelledFields, useServiceAndBrowser } from './support/ServiceHarness';

function linkIn(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path}[^\\s]*`).exec(text);
  if (!match) throw new Error(`no link to ${path} in mail`);
  return match[0];
}

describe('e-mail subscription: double opt-in and one-click unsubscribe (R4, P3)', () => {
  describe('with the configured SMTP server (the test\'s own smtp-server)', () => {
    let h: ServiceHarness;
    let page: Page;
    useServiceAndBrowser({}, (c) => ({ h, page } = c));

    test('R4: a visitor subscribes, confirms through the mailed link and unsubscribes in one click (RFC 8058)', async () => {
      // given
      await page.goto(`${h.url}/driftinfo`);
      await expect(unlabelledFields(page)).resolves.toEqual([]);
      // when: subscribe
      await page.getByLabel('E-postadress').fill('Eva.Forskrivare@skane.example');
      await page.getByRole('button', { name: 'Prenumerera' }).click();
      await page.getByRole('heading', { name: 'Bekräfta din prenumeration' }).waitFor();
      const mail = await h.mail.waitFor((m) => (m.subject ?? '').includes('Bekräfta din prenumeration'));
      // then: not yet a subscriber (double opt-in)
      expect(h.subscribers().confirmed()).toHaveLength(0);
      expect((mail.to as { text: string }).text).toBe('eva.forskrivare@skane.example');
      // when: confirm through the link in the mail
      const confirmUrl = linkIn(mail.text ?? '', '/driftinfo/prenumeration/bekrafta/');
      await page.goto(confirmUrl);
      await screenshot(page, 'subscription-confirm');
      expect(h.subscribers().confirmed()).toHaveLength(0); // opening the link (a mail scanner) does not confirm
      await page.getByRole('button', { name: 'Bekräfta prenumerationen' }).click();
      await page.getByRole('heading', { name: 'Prenumerationen är bekräftad' }).waitFor();
      // then
      const [subscriber] = h.subscribers().confirmed();
      expect(subscriber.email).toBe('eva.forskrivare@skane.example');
      const headers = h.subscribers().unsubscribeHeaders(subscriber);
      expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      // when: the mail client's one-click unsubscribe (POST to the List-Unsubscribe URL, no cookies)
      const unsubscribeUrl = headers['List-Unsubscribe'].slice(1, -1);
      const response = await fetch(unsubscribeUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      // then
      expect(response.status).toBe(200);
      expect(h.subscribers().confirmed()).toHaveLength(0);
    });

    test('R4: the unsubscribe link in a mail shows one button that ends the subscription', async () => {
      // given
      const { confirmToken } = h.subscribers().subscribe('lars@skane.example');
      const subscriber = h.subscribers().confirm(confirmToken!)!;
      // when
      await page.goto(subscriber.unsubscribeUrl);
      await page.getByRole('button', { name: 'Avsluta prenumerationen' }).click();
      await page.getByRole('heading', { name: 'Prenumerationen är avslutad' }).waitFor();
      // then
      expect(h.subscribers().confirmed()).toHaveLength(0);
      await screenshot(page, 'subscription-ended');
    });

    test('R4: an invalid address gets a clear Swedish error next to the field and no mail is sent', async () => {
      // given
      await page.goto(`${h.url}/driftinfo`);
      // when
      await page.getByLabel('E-postadress').fill('inte-en-adress');
      await page.getByRole('button', { name: 'Prenumerera' }).click();
      // then
      await expect(page.getByText('Ange en giltig e-postadress, till exempel namn@skane.se.').isVisible()).resolves.toBe(true);
      await expect(page.getByLabel('E-postadress').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('prenumeration-epost');
      expect(h.mail.mails).toHaveLength(0);
    });
  });

  describe('locally, with the outbox (MAIL_CAPTURE=true, the service\'s own SMTP capture)', () => {
    let h: ServiceHarness;
    let page: Page;
    useServiceAndBrowser({ mailCapture: true }, (c) => ({ h, page } = c));

    test('R4: the outbox lists the captured confirmation mail and its link can be followed to confirm', async () => {
      // given
      await page.goto(`${h.url}/driftinfo`);
      await page.getByLabel('E-postadress').fill('nils@skane.example');
      await page.getByRole('button', { name: 'Prenumerera' }).click();
      await page.getByRole('heading', { name: 'Bekräfta din prenumeration' }).waitFor();
      // when
      await page.goto(`${h.url}/utkorg`);
      await page.getByRole('link', { name: 'Bekräfta din prenumeration på driftinformation för Sesam' }).click();
      await screenshot(page, 'outbox-confirmation-mail');
      await page.getByRole('link', { name: /\/driftinfo\/prenumeration\/bekrafta\// }).click();
      await page.getByRole('button', { name: 'Bekräfta prenumerationen' }).click();
      await page.getByRole('heading', { name: 'Prenumerationen är bekräftad' }).waitFor();
      // then
      expect(h.subscribers().confirmed().map((s) => s.email)).toEqual(['nils@skane.example']);
      expect(h.service.smtpCapturePort).toBeGreaterThan(0);
    });
  });

  test('the outbox does not exist unless MAIL_CAPTURE=true', async () => {
    // given
    const h = await new ServiceHarness().start();
    try {
      // when
      const response = await fetch(`${h.url}/utkorg`);
      // then
      expect(response.status).toBe(404);
    } finally {
      await h.stop();
    }
  });
});
