/**
 * The fan-out (R4, P3, issue #12): publish-notice mailing every confirmed subscriber through pooled SMTP, via the
 * outbox, to a real local SMTP server (smtp-server). Also measures the re-delivered job (every effect already done:
 * outbox look-ups only, no mail twice).
 * Run: `npm run bench -- fanout` (BENCH_SUBSCRIBERS, default 5,000). Goal: 5,000 subscribers ≤ 10 s, 0 duplicates.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../service/config';
import { openServiceDb } from '../service/db';
import { createLogger } from '../lib/logging/logger';
import { createWorkerServices } from '../workers/services';
import { handlePublishNotice, PUBLISH_NOTICE } from '../workers/publishNotice';
import { loadAverage, report } from './support/figures';
import type { WorkerJob } from '../workers/jobRunner';

const N = Number(process.env.BENCH_SUBSCRIBERS ?? 5000);
const SECTION = `Fan-out to ${N} subscribers (publish-notice, pooled SMTP, outbox)`;

function job(jobKey: string, variables: Record<string, unknown>): { job: WorkerJob; outcome: () => string } {
  let outcome = 'none';
  const ack = 'JOB_ACTION_ACKNOWLEDGEMENT' as const;
  const j = {
    jobKey, type: PUBLISH_NOTICE, processInstanceKey: '1', bpmnProcessId: 'bench', processDefinitionVersion: 1, elementId: 'ServiceTask_PublishNotice',
    elementInstanceKey: '2', customHeaders: {}, worker: 'bench', retries: 3, deadline: '0', variables, tenantId: '<default>',
    complete: async () => ((outcome = 'complete'), ack),
    fail: async (f: { errorMessage: string }) => ((outcome = `fail: ${f.errorMessage}`), ack),
    error: async () => ((outcome = 'error'), ack),
    cancelWorkflow: async () => ack, forward: () => ack, modifyJobTimeout: async () => 'ok',
  };
  return { job: j as unknown as WorkerJob, outcome: () => outcome };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-workers-'));
  let received = 0;
  const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, onData: (stream, _s, cb) => { stream.on('data', () => undefined); stream.on('end', () => { received++; cb(); }); } });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const port = (smtp.server.address() as AddressInfo).port;
  const config = loadConfig({ SERVICE_DB_FILE: join(dir, 'service.sqlite'), SMTP_CAPTURE_PORT: String(port) });
  const db = openServiceDb(config.db.file);
  // the approval (R3) as the engine would report it: the approval task completed by the system owner
  const services = createWorkerServices(config, db, createLogger({ level: 'silent' }));
  for (let i = 0; i < N; i++) {
    const { confirmToken } = services.subscribers.subscribe(`prenumerant${i}@vard.example`);
    services.subscribers.confirm(confirmToken!);
  }
  const variables = {
    disruptionId: 'BENCH-1', system: 'sesam', reportedAt: new Date().toISOString(), drill: false,
    notice: { kind: 'disruption', state: 'investigating', title: 'Driftstörning i Sesam', body: 'Sesam går inte att nå. IT felsöker.' },
    noticeApproval: { approved: true, approvedBy: 'systemansvarig' },
    noticeApprovedBy: 'systemansvarig',
  };
  const mem0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const first = job('1', variables);
  await handlePublishNotice(first.job, services);
  const t1 = performance.now();
  const again = job('1', variables);
  await handlePublishNotice(again.job, services);
  const t2 = performance.now();
  process.stdout.write(`\n## ${SECTION} (load average ${loadAverage()})\n`);
  const firstReceived = received;
  report(SECTION, `first delivery (${first.outcome()})`, t1 - t0, 'ms', { op: '≤', value: 10_000 }, `${firstReceived} mails, ${(firstReceived / ((t1 - t0) / 1000)).toFixed(0)} mails/s, batch ${config.mail.batchSize}, pool ${config.mail.poolMaxConnections}`);
  report(SECTION, 'mails missing after the first delivery', N - firstReceived, '', { op: '≤', value: 0 });
  report(SECTION, `re-delivered job (${again.outcome()})`, t2 - t1, 'ms', { op: '≤', value: 2_000 });
  report(SECTION, 'mails sent twice', received - firstReceived, '', { op: '≤', value: 0 });
  report(SECTION, 'memory growth (RSS)', (process.memoryUsage().rss - mem0) / 1024 / 1024, 'MB');
  services.mailer.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  db.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
