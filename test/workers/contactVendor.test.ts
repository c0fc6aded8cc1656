import { CONTACT_VENDOR, handleContactVendor } from '../../workers/contactVendor';
import { DISRUPTION, startHarness, type Harness } from './support/harness';
import { fakeJob, redeliver } from './support/fakeJob';

describe('contact-vendor (R15, R8)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ VENDOR_SUPPORT_EMAIL: 'websesam-support@visma.example' }, { now: () => new Date('2026-11-24T09:40:00Z') });
  });
  afterEach(async () => {
    await h.close();
  });

  test('R15: e-mails Visma\'s support address with the disruption\'s facts, reply to the system owner', async () => {
    // given
    const { job, calls } = fakeJob(CONTACT_VENDOR, { ...DISRUPTION, serviceDeskTicketId: 'INC0010001', summary: 'Fel 500 <b>vid</b> beställning' });
    // when
    await handleContactVendor(job, h.services);
    // then
    expect(calls.complete).toEqual([{ vendorContactedAt: '2026-11-24T09:40:00.000Z' }]);
    expect(h.smtp.mails).toHaveLength(1);
    const mail = h.smtp.mails[0];
    expect(mail.envelopeTo).toEqual(['websesam-support@visma.example']);
    expect(mail.subject).toBe('Driftstörning i Sesam / Visma webSesam – Region Skåne – Hjälpmedel Skåne (DS-2026-0042)');
    expect(mail.text).toContain('ber om er hjälp med felsökning enligt avtal.');
    expect(mail.text).toContain('INC0010001');
    expect(mail.text).toContain('tisdag 24 november 2026 kl. 09.12');
    expect(mail.html).toContain('Fel 500 &lt;b&gt;vid&lt;/b&gt; beställning');
    expect(mail.headers.get('reply-to')).toMatchObject({ text: 'systemansvarig-sesam@region-skane.example' });
  });

  test('R15: exactly once – a contact-vendor job delivered twice sends one mail and returns the first contact time', async () => {
    // given
    const first = fakeJob(CONTACT_VENDOR, DISRUPTION);
    await handleContactVendor(first.job, h.services);
    // when
    const second = redeliver(first.job);
    await handleContactVendor(second.job, h.services);
    // then
    expect(second.calls.complete).toEqual(first.calls.complete);
    expect(h.smtp.mails).toHaveLength(1);
  });

  test('R15: SMTP down – retried with back-off; the vendor gets one mail when it is back', async () => {
    // given
    await h.smtp.stop();
    const first = fakeJob(CONTACT_VENDOR, DISRUPTION, {}, { retries: 2 });
    // when
    await handleContactVendor(first.job, h.services);
    // then
    expect(first.calls.fail).toEqual([expect.objectContaining({ retries: 1, retryBackOff: 20_000 })]);
    // when
    await h.smtp.start();
    const retry = redeliver(first.job, 1);
    await handleContactVendor(retry.job, h.services);
    // then
    expect(retry.calls.complete).toHaveLength(1);
    expect(h.smtp.mails).toHaveLength(1);
  });
});
