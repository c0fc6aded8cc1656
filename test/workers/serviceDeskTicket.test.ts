import { CREATE_SERVICE_DESK_TICKET, handleCreateServiceDeskTicket } from '../../workers/createServiceDeskTicket';
import { ServiceNowAdapter } from '../../service/itsm/ServiceNowAdapter';
import { Outbox } from '../../service/outbox/Outbox';
import { createServiceDeskAdapter } from '../../service/itsm/createServiceDeskAdapter';
import { DISRUPTION, REPORTS, startHarness, type Harness } from './support/harness';
import { fakeJob, redeliver } from './support/fakeJob';
import { FakeServiceNow } from './support/FakeServiceNow';

const BASIC = `Basic ${Buffer.from('hjm-integration:hemligt').toString('base64')}`;

describe('create-service-desk-ticket (R14) – ServiceNow-style Table API (a local HTTP server stands in for the region\'s ITSM)', () => {
  let h: Harness;
  let itsm: FakeServiceNow;
  beforeEach(async () => {
    itsm = new FakeServiceNow(BASIC);
    const url = await itsm.start();
    h = await startHarness({ SERVICE_DESK_ADAPTER: 'servicenow', SERVICENOW_URL: url, SERVICENOW_USERNAME: 'hjm-integration', SERVICENOW_PASSWORD: 'hemligt' });
  });
  afterEach(async () => {
    await h.close();
    await itsm.stop();
  });

  test('R14: opens an incident with basic auth, the disruption\'s reference as correlation_id, and returns its number', async () => {
    // given
    const { job, calls } = fakeJob(CREATE_SERVICE_DESK_TICKET, { ...DISRUPTION, reports: REPORTS });
    // when
    await handleCreateServiceDeskTicket(job, h.services);
    // then
    expect(calls.complete).toEqual([{ serviceDeskTicketId: 'INC0010001' }]);
    expect(itsm.incidents).toHaveLength(1);
    const incident = itsm.incidents[0];
    expect(incident.correlation_id).toBe('driftstorning-sesam:DS-2026-0042');
    expect(incident.short_description).toBe('Incident: driftstörning i Sesam / Visma webSesam [driftstorning-sesam:DS-2026-0042]');
    expect(incident.description).toContain('Antal anmälningar:');
    expect(incident.description).not.toContain('karin.lind');
    expect(itsm.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
  });

  test('R14: exactly once – a job delivered twice opens one ticket and returns the same number', async () => {
    // given
    const first = fakeJob(CREATE_SERVICE_DESK_TICKET, DISRUPTION);
    await handleCreateServiceDeskTicket(first.job, h.services);
    // when
    const second = redeliver(first.job);
    await handleCreateServiceDeskTicket(second.job, h.services);
    // then
    expect(first.calls.complete).toEqual([{ serviceDeskTicketId: 'INC0010001' }]);
    expect(second.calls.complete).toEqual([{ serviceDeskTicketId: 'INC0010001' }]);
    expect(itsm.incidents).toHaveLength(1);
  });

  test('R14: exactly once without the outbox: the adapter finds the existing ticket by correlation_id before creating', async () => {
    // given a ticket created, then the outbox lost (another worker instance, fresh DB)
    const { job } = fakeJob(CREATE_SERVICE_DESK_TICKET, DISRUPTION);
    await handleCreateServiceDeskTicket(job, h.services);
    h.db.exec('DELETE FROM outbox');
    // when
    const again = redeliver(job);
    await handleCreateServiceDeskTicket(again.job, h.services);
    // then
    expect(again.calls.complete).toEqual([{ serviceDeskTicketId: 'INC0010001' }]);
    expect(itsm.incidents).toHaveLength(1);
    expect(itsm.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET']);
  });

  test('R14: ITSM unreachable: fails with retries and back-off; when it is back, one ticket', async () => {
    // given
    itsm.down = true;
    const first = fakeJob(CREATE_SERVICE_DESK_TICKET, DISRUPTION, {}, { retries: 3 });
    // when
    await handleCreateServiceDeskTicket(first.job, h.services);
    // then
    expect(first.calls.fail).toEqual([expect.objectContaining({ retries: 2, retryBackOff: 10_000 })]);
    expect(first.calls.fail[0].errorMessage).toContain('HTTP 503');
    // when it is back
    itsm.down = false;
    const retry = redeliver(first.job, 2);
    await handleCreateServiceDeskTicket(retry.job, h.services);
    // then
    expect(retry.calls.complete).toEqual([{ serviceDeskTicketId: 'INC0010001' }]);
    expect(itsm.incidents).toHaveLength(1);
  });

  test('P9: in a drill nothing goes to the ITSM – the ticket is a mail to the local capture', async () => {
    // given
    const { job, calls } = fakeJob(CREATE_SERVICE_DESK_TICKET, { ...DISRUPTION, drill: true });
    // when
    await handleCreateServiceDeskTicket(job, h.services);
    // then
    expect(calls.complete).toEqual([{ serviceDeskTicketId: 'ÖVNING-E-POST-DS-2026-0042' }]);
    expect(itsm.requests).toHaveLength(0);
    expect(h.smtp.mails[0].subject).toMatch(/^\[ÖVNING\] Incident: driftstörning/);
  });
});

describe('ServiceNow adapter with bearer auth (a local HTTP server stands in for the region\'s ITSM)', () => {
  test('R14: sends the bearer token and creates after an empty query', async () => {
    // given
    const itsm = new FakeServiceNow('Bearer tok-123');
    const url = await itsm.start();
    try {
      const adapter = new ServiceNowAdapter({ baseUrl: url, auth: { kind: 'bearer', token: 'tok-123' } });
      const context = { ...DISRUPTION, noticeUrl: 'http://localhost:3000/driftinfo' };
      // when
      const a = await adapter.openTicket({ reference: 'driftstorning-sesam:X1', context: { ...context, disruptionId: 'X1' }, reportCount: 1, outboxKey: 'X1|service-desk-ticket|servicenow|once' });
      const b = await adapter.openTicket({ reference: 'driftstorning-sesam:X1', context: { ...context, disruptionId: 'X1' }, reportCount: 1, outboxKey: 'X1|service-desk-ticket|servicenow|once' });
      // then
      expect(a).toEqual({ ticketId: 'INC0010001', created: true });
      expect(b).toEqual({ ticketId: 'INC0010001', created: false });
      expect(itsm.requests.every((r) => r.authorization === 'Bearer tok-123')).toBe(true);
      expect(itsm.requests[0].url).toContain('sysparm_query=correlation_id%3Ddriftstorning-sesam%3AX1');
    } finally {
      await itsm.stop();
    }
  });
});

describe('create-service-desk-ticket (R14) – e-mail adapter (default)', () => {
  test('R14: mails the service desk\'s intake address once, with the disruption\'s reference', async () => {
    // given
    const h = await startHarness();
    try {
      expect(createServiceDeskAdapter(h.config, h.services.mailer).name).toBe('email');
      const first = fakeJob(CREATE_SERVICE_DESK_TICKET, DISRUPTION);
      // when
      await handleCreateServiceDeskTicket(first.job, h.services);
      await handleCreateServiceDeskTicket(redeliver(first.job).job, h.services);
      // then
      expect(first.calls.complete).toEqual([{ serviceDeskTicketId: 'E-POST-DS-2026-0042' }]);
      expect(h.smtp.mails).toHaveLength(1);
      const mail = h.smtp.mails[0];
      expect(mail.envelopeTo).toEqual(['servicedesk@region-skane.example']);
      expect(mail.subject).toBe('Incident: driftstörning i Sesam / Visma webSesam [driftstorning-sesam:DS-2026-0042]');
      expect(mail.text).toContain('Systemansvarig är inte i tjänst eller har inte kvitterat i tid');
      expect(new Outbox(h.db).list('DS-2026-0042').map((e) => [e.kind, e.purpose, e.status])).toEqual([['ticket', 'service-desk-ticket', 'done']]);
    } finally {
      await h.close();
    }
  });
});
