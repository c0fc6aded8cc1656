import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOTIFY_TEMPLATES } from '../../contract';
import { handleNotifyRole, NOTIFY_ROLE } from '../../workers/notifyRole';
import { handleContactVendor, CONTACT_VENDOR } from '../../workers/contactVendor';
import { loadConfig } from '../../service/config';
import { openServiceDb } from '../../service/db';
import { createLogger } from '../../lib/logging/logger';
import { SmtpCapture } from '../../service/mail/SmtpCapture';
import { createWorkerServices } from '../../workers/services';
import { TestSmtpServer } from './support/TestSmtpServer';
import { DISRUPTION } from './support/harness';
import { fakeJob } from './support/fakeJob';

/** P9: with real delivery configured (SMTP_URL), a drill still never leaves the machine. */
describe('drill mode (P9) with real delivery configured', () => {
  test('P9: drill mails go to the local capture, marked [ÖVNING]; real mails go to SMTP_URL', async () => {
    // given a "real" SMTP server (the region's relay) and the local capture, with real-looking addresses
    const dir = mkdtempSync(join(tmpdir(), 'drill-'));
    const relay = new TestSmtpServer();
    const relayPort = await relay.start(0);
    const db = openServiceDb(join(dir, 'service.sqlite'));
    const capture = new SmtpCapture(db);
    const capturePort = await capture.start(0);
    const file = join(dir, 'service.json');
    const person = (role: string) => [{ name: role, email: `${role}@region.test` }];
    writeFileSync(
      file,
      JSON.stringify({
        directory: { desk: person('desk'), 'system-owner': person('owner'), 'unit-manager': person('manager'), 'orthopaedic-workshop': person('workshop'), 'assistive-devices-operation': person('vo') },
        serviceDesk: { intakeEmail: 'servicedesk@region.test' },
        vendor: { supportEmail: 'support@vendor.test' },
      }),
    );
    const config = loadConfig({ SERVICE_CONFIG_FILE: file, SMTP_URL: `smtp://127.0.0.1:${relayPort}`, SMTP_CAPTURE_PORT: String(capturePort), SERVICE_DB_FILE: join(dir, 'service.sqlite') });
    const services = createWorkerServices(config, db, createLogger({ level: 'silent' }));
    try {
      // when a drill notification and a drill vendor contact run, and one real notification
      await handleNotifyRole(fakeJob(NOTIFY_ROLE, { ...DISRUPTION, disruptionId: 'OVN-1', drill: true }, { role: 'system-owner', template: NOTIFY_TEMPLATES.disruptionReported }).job, services);
      await handleContactVendor(fakeJob(CONTACT_VENDOR, { ...DISRUPTION, disruptionId: 'OVN-1', drill: true }).job, services);
      await handleNotifyRole(fakeJob(NOTIFY_ROLE, DISRUPTION, { role: 'system-owner', template: NOTIFY_TEMPLATES.disruptionReported }).job, services);
      // then the drill never reached the relay
      expect(relay.mails.map((m) => m.subject)).toEqual(['Driftstörning i Sesam / Visma webSesam – DS-2026-0042']);
      const captured = capture.list();
      expect(captured.map((m) => m.subject).sort()).toEqual([
        '[ÖVNING] Driftstörning i Sesam / Visma webSesam – OVN-1',
        '[ÖVNING] Driftstörning i Sesam / Visma webSesam – Region Skåne – Hjälpmedel Skåne (OVN-1)',
      ]);
      expect(captured.every((m) => m.drill)).toBe(true);
      expect(services.outbox.list('OVN-1').every((e) => e.drill)).toBe(true);
    } finally {
      services.mailer.close();
      await capture.stop();
      await relay.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('P12: the capture refuses a port in use with a message naming SMTP_CAPTURE_PORT', async () => {
    // given
    const dir = mkdtempSync(join(tmpdir(), 'capture-port-'));
    const db = openServiceDb(join(dir, 'service.sqlite'));
    const first = new SmtpCapture(db);
    const port = await first.start(0);
    try {
      // when / then
      await expect(new SmtpCapture(db).start(port)).rejects.toThrow(`Port ${port} is already in use: set SMTP_CAPTURE_PORT`);
    } finally {
      await first.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
