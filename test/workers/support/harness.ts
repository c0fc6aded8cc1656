import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig, type ServiceConfig } from '../../../service/config';
import { openServiceDb, type ServiceDb } from '../../../service/db';
import { createLogger } from '../../../lib/logging/logger';
import { createWorkerServices, type WorkerServices } from '../../../workers/services';
import { TestSmtpServer } from './TestSmtpServer';

export interface Harness {
  dir: string;
  db: ServiceDb;
  config: ServiceConfig;
  services: WorkerServices;
  smtp: TestSmtpServer;
  logLines: string[];
  close(): Promise<void>;
}

/**
 * Real parts: an SQLite file in a temp dir, a real SMTP server on an ephemeral port (the workers send to it
 * as their "local capture"), the real services built from a parsed configuration.
 */
export async function startHarness(env: Record<string, string> = {}, overrides: Partial<WorkerServices> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'workers-test-'));
  const smtp = new TestSmtpServer();
  const port = await smtp.start(0);
  const config = loadConfig({
    SERVICE_DB_FILE: join(dir, 'service.sqlite'),
    SMTP_CAPTURE_PORT: String(port),
    RETRY_BACKOFF_BASE_MS: '10000',
    ...env,
  });
  const db = openServiceDb(config.db.file);
  const logLines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _enc, cb) {
        logLines.push(String(chunk));
        cb();
      },
    }) as unknown as import('pino').DestinationStream,
  });
  const services = createWorkerServices(config, db, logger, overrides);
  return {
    dir,
    db,
    config,
    services,
    smtp,
    logLines,
    async close() {
      services.mailer.close();
      await smtp.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const DISRUPTION = {
  disruptionId: 'DS-2026-0042',
  system: 'sesam',
  reportedAt: '2026-11-24T09:12:00+01:00',
  drill: false,
  scope: 'sesam-down',
  summary: 'Sesam svarar inte vid inloggning',
};

export const REPORTS = [
  { reportId: 'r1', receivedAt: '2026-11-24T09:12:00+01:00', channel: 'phone', reporterName: 'Karin Lind', reporterEmail: 'karin.lind@vard.example', reporterPhone: '070-123 45 67', unit: 'Rehab Lund', productArea: 'rorelse' },
  { reportId: 'r2', receivedAt: '2026-11-24T09:20:00+01:00', channel: 'e-mail', reporterName: 'Per Ek', reporterEmail: 'Per.Ek@vard.example' },
  { reportId: 'r3', receivedAt: '2026-11-24T09:25:00+01:00', channel: 'phone', reporterName: 'Karin Lind', reporterEmail: 'karin.lind@vard.example' },
  { reportId: 'r4', receivedAt: '2026-11-24T09:30:00+01:00', channel: 'monitor' },
];

/**
 * Callers of a disruption as the intake stores them (the engine holds no personal data, T3/T5): each report is added
 * and delivered to `disruptionId` in the service's store, where the workers that mail callers read them.
 */
export function seedReports(services: WorkerServices, disruptionId: string, reports: readonly Record<string, unknown>[]): void {
  for (const r of reports) {
    const report = { deskOnly: false, ...r } as Parameters<WorkerServices['reports']['add']>[0];
    if (services.reports.get(report.reportId)) continue;
    services.reports.add(report, false, 'test', disruptionId);
    const batch = services.reports.nextBatch(disruptionId, 1);
    if (batch) services.reports.markBatchDelivered(batch.batchId, disruptionId, report.receivedAt);
  }
}
