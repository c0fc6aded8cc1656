import { NOTIFY_TEMPLATE_IDS, NOTIFY_TEMPLATES, RELATED_DOCUMENTS_BASE } from '../../contract';
import { handleNotifyRole, NOTIFY_ROLE } from '../../workers/notifyRole';
import { DISRUPTION, REPORTS, seedReports, startHarness, type Harness } from './support/harness';
import { fakeJob, redeliver } from './support/fakeJob';

describe('notify-role (R13, R14, R16, R18, R20, P2, P3, P4, P6, P8)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  test('R13, P4: reports the disruption to the system owner in Swedish, with the task-list link to acknowledge, notice link, related documents (R22) and escaped HTML', async () => {
    // given
    const { job, calls } = fakeJob(
      NOTIFY_ROLE,
      { ...DISRUPTION, summary: 'Inloggning hänger <script>alert("x")</script> & annat', reportCount: 4, acknowledgementTimeout: 'PT30M' },
      { role: 'system-owner', template: NOTIFY_TEMPLATES.disruptionReported },
    );
    // when
    await handleNotifyRole(job, h.services);
    // then
    expect(calls.complete).toEqual([{}]);
    expect(h.smtp.mails).toHaveLength(1);
    const mail = h.smtp.mails[0];
    expect(mail.envelopeTo).toEqual(['systemansvarig-sesam@region-skane.example']);
    expect(mail.subject).toBe('Driftstörning i Sesam / Visma webSesam – DS-2026-0042');
    expect(mail.text).toContain('Hjälpmedel Administration rapporterar en driftstörning i Sesam');
    expect(mail.text).toContain('Antal anmälningar:');
    // P4: the system owner acknowledges in the task list, within the acknowledgement timeout
    expect(mail.text).toContain('Kvittera driftstörningen i uppgiftslistan inom 30 minuter');
    expect(mail.text).toContain('Kvittera driftstörningen i uppgiftslistan: http://localhost:8081/');
    expect(mail.html).toContain('href="http://localhost:8081/"');
    expect(mail.text).toContain('http://localhost:3000/driftinfo');
    expect(mail.text).toContain('Reservrutin Ortopedtekniska tjänster');
    expect(mail.html).toContain(`href="${RELATED_DOCUMENTS_BASE}"`);
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; annat');
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toContain('<script>alert("x")</script>');
  });

  test('R16, R6, T5: tells each reporting prescriber once – notice link, please wait, Servicedesk 30 000 – read from the service\'s store, not the engine', async () => {
    // given the callers in the service's store (the engine holds no personal data)
    seedReports(h.services, DISRUPTION.disruptionId, REPORTS);
    const { job, calls } = fakeJob(
      NOTIFY_ROLE,
      { ...DISRUPTION, reportCount: 4, publishedNotice: { noticeId: 'n-1', updateNumber: 2, url: 'http://localhost:3000/driftinfo/meddelande/n-1' } },
      { role: 'prescribers', template: NOTIFY_TEMPLATES.reportReceived },
    );
    // when
    await handleNotifyRole(job, h.services);
    // then
    expect(calls.complete).toEqual([{}]);
    expect(h.smtp.mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['karin.lind@vard.example', 'per.ek@vard.example']);
    for (const mail of h.smtp.mails) {
      expect(mail.subject).toBe('Vi har tagit emot din anmälan – driftstörning i Sesam / Visma webSesam');
      expect(mail.text).toContain('Vänta med beställningar i Sesam tills vidare');
      expect(mail.text).toContain('telefon 30 000');
      expect(mail.text).toContain('http://localhost:3000/driftinfo/meddelande/n-1');
      expect(mail.html).toContain('href="http://localhost:3000/driftinfo/meddelande/n-1"');
    }
  });

  test('R14: tells the unit manager that the system owner is off duty, with the reason and Servicedesk 30 000', async () => {
    // given
    const { job } = fakeJob(
      NOTIFY_ROLE,
      { ...DISRUPTION, systemOwnerOnDutyReason: 'Helgdag: Juldagen', serviceDeskTicketId: 'INC0010001' },
      { role: 'unit-manager', template: NOTIFY_TEMPLATES.systemOwnerOffDuty },
    );
    // when
    await handleNotifyRole(job, h.services);
    // then
    const [mail] = h.smtp.to('enhetschef-it@region-skane.example');
    expect(mail.subject).toBe('Systemansvarig ej i tjänst – driftstörning i Sesam / Visma webSesam (DS-2026-0042)');
    expect(mail.text).toContain('systemansvarig är inte i tjänst (Helgdag: Juldagen)');
    expect(mail.text).toContain('telefon 30 000');
    expect(mail.text).toContain('INC0010001');
  });

  test('R20: tells Aktiv Ortopedteknik that acute OT referrals are handled on paper until further notice', async () => {
    // given
    const { job } = fakeJob(NOTIFY_ROLE, DISRUPTION, { role: 'orthopaedic-workshop', template: NOTIFY_TEMPLATES.backupRoutineActivated });
    // when
    await handleNotifyRole(job, h.services);
    // then
    const [mail] = h.smtp.to('remisser@aktiv-ortopedteknik.example');
    expect(mail.subject).toBe('Reservrutin för akuta OT-remisser gäller – Sesam / Visma webSesam är nere');
    expect(mail.text).toContain('akuta ortopedtekniska remisser manuellt tills vidare');
    expect(mail.text).toContain('fax eller post');
  });

  test.each(NOTIFY_TEMPLATE_IDS)('R22: template %s renders a Swedish subject, the notice link and the related documents', async (template) => {
    // given
    const { job, calls } = fakeJob(NOTIFY_ROLE, { ...DISRUPTION, slaTarget: 'restore' }, { role: 'assistive-devices-operation', template });
    // when
    await handleNotifyRole(job, h.services);
    // then
    expect(calls.complete).toHaveLength(1);
    const [mail] = h.smtp.mails;
    expect(mail.subject).toMatch(/[åäö]|Sesam/);
    expect(mail.text).toContain('Relaterade dokument');
    expect(mail.text).toContain('Beställningssystemet Sesam på Vårdgivare Skåne');
    expect(mail.text).toContain('Instruktioner och manualer – Visma webSesam och webSesam');
    expect(mail.text).toContain('http://localhost:3000/driftinfo');
    expect(mail.html).toContain('<html lang="sv">');
  });

  test('P9: a drill mail is marked [ÖVNING] and carries the drill banner', async () => {
    // given
    const { job } = fakeJob(NOTIFY_ROLE, { ...DISRUPTION, drill: true }, { role: 'desk', template: NOTIFY_TEMPLATES.systemRestored });
    // when
    await handleNotifyRole(job, h.services);
    // then
    const [mail] = h.smtp.mails;
    expect(mail.subject).toBe('[ÖVNING] Sesam / Visma webSesam fungerar igen');
    expect(mail.text).toContain('ÖVNING – detta utskick är en del av en övning');
    expect(mail.headers.get('x-drill')).toBe('true');
  });

  test('R13: exactly once – a notify-role job delivered twice sends one mail', async () => {
    // given
    const first = fakeJob(NOTIFY_ROLE, DISRUPTION, { role: 'system-owner', template: NOTIFY_TEMPLATES.disruptionReported });
    await handleNotifyRole(first.job, h.services);
    // when
    const second = redeliver(first.job);
    await handleNotifyRole(second.job, h.services);
    // then
    expect(first.calls.complete).toHaveLength(1);
    expect(second.calls.complete).toHaveLength(1);
    expect(h.smtp.mails).toHaveLength(1);
  });

  test('R13: exactly once – two deliveries of the same job at the same time send one mail; the second waits without using up a retry', async () => {
    // given a slow relay and the same job delivered twice at once
    h.smtp.delayMs = 300;
    const first = fakeJob(NOTIFY_ROLE, DISRUPTION, { role: 'system-owner', template: NOTIFY_TEMPLATES.disruptionReported });
    const second = redeliver(first.job);
    // when
    await Promise.all([handleNotifyRole(first.job, h.services), handleNotifyRole(second.job, h.services)]);
    // then
    expect(first.calls.complete).toEqual([{}]);
    expect(second.calls.fail).toEqual([expect.objectContaining({ retries: 3 })]);
    expect(second.calls.fail[0].errorMessage).toContain('utförs redan');
    expect(h.smtp.mails).toHaveLength(1);
  });

  test('R13: engine unreachable when completing: the handler does not throw, and the re-delivered job sends no second mail', async () => {
    // given a job whose completion cannot reach the engine
    const first = fakeJob(NOTIFY_ROLE, DISRUPTION, { role: 'system-owner', template: NOTIFY_TEMPLATES.disruptionReported });
    const broken = { ...first.job, complete: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8080')) } as typeof first.job;
    // when
    await expect(handleNotifyRole(broken, h.services)).resolves.toBe('JOB_ACTION_ACKNOWLEDGEMENT');
    const again = redeliver(first.job);
    await handleNotifyRole(again.job, h.services);
    // then
    expect(again.calls.complete).toEqual([{}]);
    expect(h.smtp.mails).toHaveLength(1);
    expect(h.logLines.join('')).toContain('could not report the job outcome to the engine');
  });

  test('P6: an SLA breach mail goes out once per target (response, restore)', async () => {
    // given
    for (const slaTarget of ['response', 'restore', 'restore']) {
      const { job } = fakeJob(NOTIFY_ROLE, { ...DISRUPTION, slaTarget }, { role: 'assistive-devices-operation', template: NOTIFY_TEMPLATES.slaBreached });
      // when
      await handleNotifyRole(job, h.services);
    }
    // then
    expect(h.smtp.mails.map((m) => m.subject)).toEqual([
      'SLA-mål överskridet (svarstid) – driftstörning i Sesam / Visma webSesam',
      'SLA-mål överskridet (återställningstid) – driftstörning i Sesam / Visma webSesam',
    ]);
  });

  test('R13: SMTP down – fails with retries and growing back-off, then an incident; SMTP back and incident resolved: exactly one mail', async () => {
    // given
    await h.smtp.stop();
    const vars = { ...DISRUPTION };
    const headers = { role: 'system-owner', template: NOTIFY_TEMPLATES.disruptionReported };
    const a1 = fakeJob(NOTIFY_ROLE, vars, headers, { retries: 3 });
    // when
    await handleNotifyRole(a1.job, h.services);
    const a2 = redeliver(a1.job, 2);
    await handleNotifyRole(a2.job, h.services);
    const a3 = redeliver(a1.job, 1);
    await handleNotifyRole(a3.job, h.services);
    // then
    expect(a1.calls.fail).toEqual([expect.objectContaining({ retries: 2, retryBackOff: 10_000 })]);
    expect(a2.calls.fail).toEqual([expect.objectContaining({ retries: 1, retryBackOff: 20_000 })]);
    expect(a3.calls.fail).toEqual([expect.objectContaining({ retries: 0 })]);
    expect(a3.calls.fail[0].errorMessage).toMatch(/E-post kunde inte skickas via 127\.0\.0\.1:\d+/);
    expect(a3.calls.fail[0].errorMessage).not.toContain('@');

    // when SMTP is back and the operator resolves the incident (retries set to 1)
    await h.smtp.start();
    const resolved = redeliver(a1.job, 1);
    await handleNotifyRole(resolved.job, h.services);
    const again = redeliver(a1.job, 1);
    await handleNotifyRole(again.job, h.services);
    // then
    expect(resolved.calls.complete).toEqual([{}]);
    expect(again.calls.complete).toEqual([{}]);
    expect(h.smtp.mails).toHaveLength(1);
  });

  test('P8: invalid variables – fails without retries, naming the bad field (incident for the operator)', async () => {
    // given
    const { job, calls } = fakeJob(NOTIFY_ROLE, { ...DISRUPTION, reportedAt: 'igår' }, { role: 'desk', template: NOTIFY_TEMPLATES.reviewDue });
    // when
    await handleNotifyRole(job, h.services);
    // then
    expect(calls.fail).toHaveLength(1);
    expect(calls.fail[0].retries).toBe(0);
    expect(calls.fail[0].errorMessage).toContain('Ogiltiga variabler för notify-role');
    expect(calls.fail[0].errorMessage).toContain('reportedAt');
    expect(h.smtp.mails).toHaveLength(0);
  });

  test('R13: FEEL nulls (e.g. prognosis = null from an output mapping) count as absent, not as invalid', async () => {
    // given
    const { job, calls } = fakeJob(NOTIFY_ROLE, { ...DISRUPTION, prognosis: null, scope: null, serviceDeskTicketId: null }, { role: 'system-owner', template: NOTIFY_TEMPLATES.disruptionReported });
    // when
    await handleNotifyRole(job, h.services);
    // then
    expect(calls.fail).toHaveLength(0);
    expect(calls.complete).toEqual([{}]);
    expect(h.smtp.mails[0].text).not.toContain('Prognos');
  });

  test('R13, T6: FEEL date-times without offset (local runtime: taken as UTC) or with a zone id (Zeebe) are accepted, and shown in Swedish time', async () => {
    // given reportedAt from `string(now())` in both shapes
    const local = fakeJob(NOTIFY_ROLE, { ...DISRUPTION, reportedAt: '2026-11-24T08:12:00.363' }, { role: 'system-owner', template: NOTIFY_TEMPLATES.disruptionReported });
    const zoned = fakeJob(NOTIFY_ROLE, { ...DISRUPTION, disruptionId: 'DS-2', reportedAt: '2026-11-24T09:12:00.363@Europe/Stockholm' }, { role: 'system-owner', template: NOTIFY_TEMPLATES.disruptionReported });
    // when
    await handleNotifyRole(local.job, h.services);
    await handleNotifyRole(zoned.job, h.services);
    // then both are 09:12 in Stockholm
    expect(local.calls.complete).toEqual([{}]);
    expect(zoned.calls.complete).toEqual([{}]);
    expect(h.smtp.mails.map((m) => /Första anmälan:\s+(.*)/.exec(m.text)?.[1])).toEqual(['tisdag 24 november 2026 kl. 09.12', 'tisdag 24 november 2026 kl. 09.12']);
  });

  test('R13: invalid header – an unknown template fails without retries, naming the header', async () => {
    // given
    const { job, calls } = fakeJob(NOTIFY_ROLE, DISRUPTION, { role: 'desk', template: 'hello-world' });
    // when
    await handleNotifyRole(job, h.services);
    // then
    expect(calls.fail).toEqual([expect.objectContaining({ retries: 0 })]);
    expect(calls.fail[0].errorMessage).toContain('template');
  });

  test('P2, R16: reporters without e-mail – the desk gets a call list (name, unit, phone), escaped, once even if delivered twice', async () => {
    // given two phone-only reporters besides those with e-mail
    const phoneOnly = [
      { reportId: 'r5', receivedAt: '2026-11-24T09:40:00+01:00', channel: 'phone', reporterName: 'Lena <Berg>', reporterPhone: '040-33 10 00', unit: 'Vårdcentral Söder' },
      { reportId: 'r6', receivedAt: '2026-11-24T09:45:00+01:00', channel: 'phone', reporterName: 'Omar Ali', reporterPhone: '0701-11 22 33' },
    ];
    seedReports(h.services, DISRUPTION.disruptionId, [...REPORTS, ...phoneOnly]);
    const first = fakeJob(NOTIFY_ROLE, DISRUPTION, { role: 'prescribers', template: NOTIFY_TEMPLATES.systemRestored });
    // when
    await handleNotifyRole(first.job, h.services);
    await handleNotifyRole(redeliver(first.job).job, h.services);
    // then the prescribers with e-mail got their mail, and the desk one call list
    const calls = h.smtp.to('hjalpmedel-administration@region-skane.example');
    expect(calls).toHaveLength(1);
    expect(calls[0].subject).toBe('Ring förskrivare utan e-post: Sesam / Visma webSesam fungerar igen (DS-2026-0042)');
    expect(calls[0].text).toContain('- Lena <Berg>, Vårdcentral Söder, tel. 040-33 10 00 – anmälde tisdag 24 november 2026 kl. 09.40');
    expect(calls[0].text).toContain('- Omar Ali, (enhet saknas), tel. 0701-11 22 33');
    expect(calls[0].text).toContain('Ring och berätta att Sesam fungerar igen');
    expect(calls[0].html).toContain('Lena &lt;Berg&gt;');
    expect(h.smtp.mails).toHaveLength(3);
    expect(first.calls.complete).toEqual([{}]);
  });

  test('T5, R16: receipts go to each caller once, even when two receipt jobs run for the same disruption; no call list for a receipt', async () => {
    // given two callers with e-mail, one phone-only caller, and a first receipt job for the first caller
    seedReports(h.services, DISRUPTION.disruptionId, [REPORTS[0]]);
    const firstJob = fakeJob(NOTIFY_ROLE, DISRUPTION, { role: 'prescribers', template: NOTIFY_TEMPLATES.reportReceived });
    await handleNotifyRole(firstJob.job, h.services);
    // when two more callers come in and two receipt jobs run (concurrent report-received events)
    seedReports(h.services, DISRUPTION.disruptionId, [REPORTS[1], { reportId: 'r5', receivedAt: '2026-11-24T09:40:00+01:00', channel: 'phone', reporterName: 'Lena Berg', reporterPhone: '040-33 10 00' }]);
    const second = fakeJob(NOTIFY_ROLE, DISRUPTION, { role: 'prescribers', template: NOTIFY_TEMPLATES.reportReceived });
    const third = fakeJob(NOTIFY_ROLE, DISRUPTION, { role: 'prescribers', template: NOTIFY_TEMPLATES.reportReceived });
    await Promise.all([handleNotifyRole(second.job, h.services), handleNotifyRole(third.job, h.services)]);
    // then each caller with e-mail got exactly one receipt, and the desk no call list (it just talked to the caller)
    expect(h.smtp.mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['karin.lind@vard.example', 'per.ek@vard.example']);
    expect(h.smtp.to('hjalpmedel-administration@region-skane.example')).toHaveLength(0);
    expect([...firstJob.calls.complete, ...second.calls.complete, ...third.calls.complete]).toEqual([{}, {}, {}]);
  });

  test('R16: no reporter with an e-mail address – completes without mail', async () => {
    // given
    seedReports(h.services, DISRUPTION.disruptionId, [REPORTS[3]]);
    const { job, calls } = fakeJob(NOTIFY_ROLE, DISRUPTION, { role: 'prescribers', template: NOTIFY_TEMPLATES.systemRestored });
    // when
    await handleNotifyRole(job, h.services);
    // then
    expect(calls.complete).toEqual([{}]);
    expect(h.smtp.mails).toHaveLength(0);
  });

  test('R16: no personal data in the logs: reporters\' addresses and names are not logged', async () => {
    // given
    seedReports(h.services, DISRUPTION.disruptionId, REPORTS);
    const { job } = fakeJob(NOTIFY_ROLE, DISRUPTION, { role: 'prescribers', template: NOTIFY_TEMPLATES.reportReceived });
    // when
    await handleNotifyRole(job, h.services);
    // then
    const logs = h.logLines.join('\n');
    expect(logs).toContain('"jobType":"notify-role"');
    expect(logs).toContain('role notified');
    expect(logs).not.toContain('karin.lind');
    expect(logs).not.toContain('Karin Lind');
    expect(logs).not.toContain('070-123');
  });
});

describe('notify-role with a stand-in (P5)', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  test('P5: while a stand-in is appointed, the system owner\'s mail also reaches the stand-in', async () => {
    // given
    const dir = (await import('node:fs')).mkdtempSync((await import('node:path')).join((await import('node:os')).tmpdir(), 'cfg-'));
    const file = (await import('node:path')).join(dir, 'config.json');
    (await import('node:fs')).writeFileSync(file, JSON.stringify({ onDuty: { standIns: [{ from: '2026-11-23', to: '2026-11-27', name: 'Anna Berg', email: 'anna.berg@region-skane.example' }] } }));
    h = await startHarness({ SERVICE_CONFIG_FILE: file }, { now: () => new Date('2026-11-24T10:00:00+01:00') });
    const { job } = fakeJob(NOTIFY_ROLE, DISRUPTION, { role: 'system-owner', template: NOTIFY_TEMPLATES.disruptionReported });
    // when
    await handleNotifyRole(job, h.services);
    // then
    expect(h.smtp.mails.flatMap((m) => m.envelopeTo).sort()).toEqual(['anna.berg@region-skane.example', 'systemansvarig-sesam@region-skane.example']);
  });
});
