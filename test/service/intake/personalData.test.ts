/**
 * Issue #10: a personnummer said on the phone or typed by IT never reaches the engine or a mail. The intake masks it in
 * the report's free text before storing it (so the engine's `summary` has none), IT's messages are masked before they
 * are published, and every mail masks any personnummer-like string its content carries (text typed into Camunda's own
 * Tasklist reaches the workers unchecked). The engine here records what the intake sent – a stand-in for the engine's
 * network edge only; the store is a real SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openServiceDb, type ServiceDb } from '../../../service/db';
import { DisruptionRegistry } from '../../../service/intake/DisruptionRegistry';
import { IntakeService } from '../../../service/intake/IntakeService';
import { intakeInputSchema } from '../../../service/intake/intakeSchemas';
import { ReportStore } from '../../../service/intake/ReportStore';
import { renderMail } from '../../../service/mail/MailContent';
import { callListMail, notifyMail } from '../../../service/mail/templates';
import { SendRecorder } from './support/SendRecorder';
import { hasPersonnummer, maskPersonalData, maskPersonnummer } from '../../../lib/privacy/personalData';

const T0 = new Date('2026-11-25T09:00:00+01:00');
const PATIENT = '19121212-1212';

let dir: string;
let db: ServiceDb;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pnr-'));
  db = openServiceDb(path.join(dir, 'service.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function intake(engine: SendRecorder): { service: IntakeService; store: ReportStore } {
  const store = new ReportStore(db);
  const service = new IntakeService(db, store, new DisruptionRegistry(db), engine, pino({ level: 'silent' }), { retryIntervalMs: 100, now: () => T0 });
  return { service, store };
}

test('detection: personnummer and samordningsnummer as people write them; phone numbers, ids and times are left alone', () => {
  // given
  const found = ['19121212-1212', '121212-1212', '121212+1212', '1212121212', '191212121212', '19121212 1212', '701263-2391'];
  const notFound = ['1212121213', 'SESAM-20261125-1234', '046-123 45 67', '+46701234567', '2026-11-25T10:00:00+01:00', '2251799813685249', '121332-1234', 'ab121212-1212'];
  // then
  for (const text of found) expect([text, maskPersonnummer(`Patient ${text}, ring`)]).toEqual([text, 'Patient [personnummer], ring']);
  for (const text of notFound) expect([text, hasPersonnummer(text)]).toEqual([text, false]);
  expect(maskPersonalData(`Eva eva@skane.se 070-123 45 67 ${PATIENT}`)).toBe('Eva [e-post] [telefon] [personnummer]');
});

test('issue #10, P1: the intake masks a personnummer in the report before storing it; the engine gets none', async () => {
  // given the intake and a call where the prescriber read out the patient's personnummer
  const engine = new SendRecorder();
  const { service, store } = intake(engine);
  const input = intakeInputSchema.parse({
    reporterName: 'Eva Förskrivare',
    unit: 'VC Lund',
    symptom: `Kan inte beställa rullstol till patient ${PATIENT} (1212121212).`,
    reporterPhone: '0701234567',
    channel: 'phone',
  });
  // when it is submitted and delivered
  const { stored } = service.submit(input, 'desk');
  await service.deliverNow();
  // then neither the store nor anything sent to the engine holds it; the phone number stays as given
  const kept = store.get(stored.report.reportId)!.report;
  expect(kept.symptom).toBe('Kan inte beställa rullstol till patient [personnummer] ([personnummer]).');
  expect(kept.reporterPhone).toBe('0701234567');
  expect(engine.sent).toHaveLength(1);
  expect(JSON.stringify(engine.sent)).not.toContain('1212');
  expect(engine.sent[0].summary).toBe('Kan inte beställa rullstol till patient [personnummer] ([personnummer]).');
});

test('issue #10, R12, R17: IT’s instructions and prognosis text reach the engine without a personnummer', async () => {
  // given a known disruption
  const engine = new SendRecorder();
  engine.running = [{ disruptionId: 'SESAM-20261125-1', processInstanceKey: '1', drill: false, restored: false }];
  const { service } = intake(engine);
  // when IT sends instructions and a prognosis naming a person
  await service.publishItMessage('SESAM-20261125-1', 'it-instructions-received', { itInstructions: `Ring ${PATIENT} om rullstolen.` });
  await service.publishItMessage('SESAM-20261125-1', 'prognosis-received', { prognosis: { expectedAt: '2026-11-25T14:00:00+01:00', text: `Gäller ${PATIENT}` } });
  // then
  expect(engine.sent[0]).toEqual({ itInstructions: 'Ring [personnummer] om rullstolen.' });
  expect(engine.sent[1]).toMatchObject({ prognosis: { text: 'Gäller [personnummer]', expectedAt: '2026-11-25T14:00:00+01:00' } });
});

test('issue #10: no mail carries a personnummer, wherever the text came from; the desk’s call list keeps the phone numbers', () => {
  // given a summary typed into Camunda's own Tasklist (never checked by this service)
  const ctx = { disruptionId: 'SESAM-20261125-1', system: 'sesam', reportedAt: T0.toISOString(), drill: false, summary: `Patient ${PATIENT} drabbad`, noticePageUrl: 'http://x/driftinfo' };
  // when the system owner's mail and the desk's call list are rendered
  const mail = renderMail(notifyMail('disruption-reported', ctx as never));
  const callList = renderMail(callListMail('system-restored', ctx as never, [{ name: 'Eva', unit: 'VC Lund', phone: '0701234567', receivedAt: T0.toISOString() }]));
  // then
  for (const part of [mail.subject, mail.text, mail.html, callList.text, callList.html]) expect(part).not.toContain(PATIENT);
  expect(mail.text).toContain('Patient [personnummer] drabbad');
  expect(callList.text).toContain('tel. 0701234567');
});
