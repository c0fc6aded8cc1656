import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { CamundaRestClient } from '@camunda8/sdk';
import { startRuntime, type RunningRuntime } from '../../runtime/src/startRuntime';
import { loadConfig, type ServiceConfig } from '../../service/config';
import { openServiceDb, type ServiceDb } from '../../service/db';
import { createLogger } from '../../lib/logging/logger';
import { createCamundaClient, startWorkers, type RunningWorkers } from '../../workers';
import { TestSmtpServer } from './support/TestSmtpServer';
import { DISRUPTION, REPORTS, seedReports } from './support/harness';

/**
 * End to end: the unchanged workers, started with `startWorkers`, against the local runtime through the
 * SDK's REST job worker, with a real SMTP server and a real SQLite file.
 */

const FIXTURES = join(__dirname, 'fixtures');
const NOTICE = { kind: 'disruption', state: 'investigating', title: 'Driftstörning i Sesam', body: 'Sesam går inte att nå. IT felsöker.' };
const APPROVAL = { approved: true, approvedBy: 'systemansvarig' };
/** The runtime's API and clock are protected (Basic): its default user, Camunda 8 Run's demo / demo. */
const DEMO_AUTH = `Basic ${Buffer.from('demo:demo').toString('base64')}`;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, options: { timeoutMs?: number; onTick?: () => Promise<void> } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await options.onTick?.();
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Setup {
  dir: string;
  runtime: RunningRuntime;
  smtp: TestSmtpServer;
  config: ServiceConfig;
  db: ServiceDb;
  camunda: CamundaRestClient;
  workers: RunningWorkers;
}

async function setup(now?: Date): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'workers-e2e-'));
  const runtime = await startRuntime({ inMemory: true, restPort: 0, monitoringPort: 0, web: false, logger: pino({ level: 'silent' }), clockControl: true });
  const smtp = new TestSmtpServer();
  const smtpPort = await smtp.start(0);
  const config = loadConfig({
    ZEEBE_REST_ADDRESS: runtime.restAddress,
    CAMUNDA_AUTH_STRATEGY: 'BASIC',
    CAMUNDA_BASIC_AUTH_USERNAME: 'demo',
    CAMUNDA_BASIC_AUTH_PASSWORD: 'demo',
    SERVICE_DB_FILE: join(dir, 'service.sqlite'),
    SMTP_CAPTURE_PORT: String(smtpPort),
    WORKER_POLL_INTERVAL_MS: '100',
  });
  const db = openServiceDb(config.db.file);
  const camunda = await createCamundaClient(config);
  // T1: one clock – the engine's is pinned to the same instant as the workers' own
  if (now) await camunda.pinInternalClock(now.getTime());
  const workers = await startWorkers({ config, db, logger: createLogger({ level: 'silent' }), camunda, services: now ? { now: () => now } : {} });
  return { dir, runtime, smtp, config, db, camunda, workers };
}

async function teardown(s: Setup): Promise<void> {
  await s.workers.close();
  await s.runtime.close();
  await s.smtp.stop();
  s.db.close();
  rmSync(s.dir, { recursive: true, force: true });
}

/** R3: the approver claims the approval task (Tasklist requires it) and completes it. */
async function approveAs(camunda: CamundaRestClient, assignee: string, variables: Record<string, unknown> = {}, previous?: string): Promise<string> {
  const task = await waitFor('approval task', async () => {
    const items = (await camunda.searchUserTasks({ filter: { elementId: 'UserTask_ApproveNotice', state: 'CREATED' } } as Parameters<CamundaRestClient['searchUserTasks']>[0])).items;
    return items.find((t) => t.userTaskKey !== previous);
  });
  await camunda.assignUserTask({ userTaskKey: task.userTaskKey, assignee });
  await camunda.completeUserTask({ userTaskKey: task.userTaskKey, variables });
  return task.userTaskKey;
}

async function instanceState(camunda: CamundaRestClient, processInstanceKey: string): Promise<string | undefined> {
  const res = await camunda.searchProcessInstances({ filter: { processInstanceKey } });
  return res.items[0]?.state;
}

async function variablesOf(camunda: CamundaRestClient, processInstanceKey: string): Promise<Record<string, unknown>> {
  const res = await camunda.searchVariables({ filter: { processInstanceKey }, page: { from: 0, limit: 100 } } as Parameters<CamundaRestClient['searchVariables']>[0]);
  return Object.fromEntries(res.items.map((v) => [v.name, JSON.parse(v.value)]));
}

/** Deploys the fixture path, starts it with the given approval variables, completes the approval task as `approver` and waits for the end. */
async function runFixturePath(s: Setup, approver: string, noticeApproval: Record<string, unknown> = APPROVAL): Promise<string> {
  await s.camunda.deployResourcesFromFiles([join(FIXTURES, 'workers-e2e.bpmn')]);
  // the callers, as the intake stores them (the engine holds only a count: no personal data)
  seedReports(s.workers.services, DISRUPTION.disruptionId, REPORTS);
  const { processInstanceKey } = await s.camunda.createProcessInstance({
    processDefinitionId: 'workers-e2e',
    variables: { ...DISRUPTION, reportCount: REPORTS.length, notice: NOTICE, noticeApproval },
  });
  await approveAs(s.camunda, approver);
  await waitFor('instance completed', async () => (await instanceState(s.camunda, processInstanceKey)) === 'COMPLETED');
  return processInstanceKey;
}

describe('workers end to end on the local runtime (R13, R14, R15, R3, R4, R16)', () => {
  let s: Setup | undefined;
  afterEach(async () => {
    if (s) await teardown(s);
    s = undefined;
  });

  test('R14, R15, R3, R4, R16: off duty on Juldagen – unit manager told, ticket, vendor, notice published to subscribers, prescribers told', async () => {
    // given Juldagen, one confirmed subscriber, the test path deployed
    s = await setup(new Date('2026-12-25T10:00:00+01:00'));
    const { confirmToken } = s.workers.services.subscribers.subscribe('prenumerant@vard.example');
    s.workers.services.subscribers.confirm(confirmToken!);
    // when the system owner approves; then the instance completes
    const processInstanceKey = await runFixturePath(s, 'systemansvarig');
    const vars = await variablesOf(s.camunda, processInstanceKey);
    expect(vars.systemOwnerOnDuty).toBe(false);
    expect(vars.systemOwnerOnDutyReason).toContain('Helgdag: Juldagen');
    expect(vars.serviceDeskTicketId).toBe('E-POST-DS-2026-0042');
    expect(typeof vars.vendorContactedAt).toBe('string');
    expect(vars.publishedNotice).toMatchObject({ updateNumber: 1, url: expect.stringContaining('/driftinfo/meddelande/') });
    // and each mail arrived once, at the right place
    const byRecipient = s.smtp.mails.map((m) => `${m.envelopeTo.join(',')} ${m.subject}`).sort();
    expect(byRecipient).toEqual([
      'enhetschef-it@region-skane.example Systemansvarig ej i tjänst – driftstörning i Sesam / Visma webSesam (DS-2026-0042)',
      'karin.lind@vard.example Vi har tagit emot din anmälan – driftstörning i Sesam / Visma webSesam',
      'per.ek@vard.example Vi har tagit emot din anmälan – driftstörning i Sesam / Visma webSesam',
      'prenumerant@vard.example Driftinformation: Driftstörning i Sesam (Felsökning pågår)',
      'servicedesk@region-skane.example Incident: driftstörning i Sesam / Visma webSesam [driftstorning-sesam:DS-2026-0042]',
      'support@visma.example Driftstörning i Sesam / Visma webSesam – Region Skåne – Hjälpmedel Skåne (DS-2026-0042)',
    ]);
    expect(s.smtp.to('prenumerant@vard.example')[0].text).toContain(String((vars.publishedNotice as { url: string }).url));
  });

  test('R13, R3: on duty on a Tuesday 10:00 – system owner told; the desk\'s completion of the approval task is denied by its listener (409), even with the owner\'s id typed in; the owner\'s publishes', async () => {
    // given
    s = await setup(new Date('2026-11-24T10:00:00+01:00'));
    await s.camunda.deployResourcesFromFiles([join(FIXTURES, 'workers-e2e.bpmn')]);
    seedReports(s.workers.services, DISRUPTION.disruptionId, REPORTS);
    const { processInstanceKey } = await s.camunda.createProcessInstance({
      processDefinitionId: 'workers-e2e',
      variables: { ...DISRUPTION, reportCount: REPORTS.length, notice: NOTICE, noticeApproval: { approved: true, approvedBy: 'systemansvarig' } },
    });
    const task = await waitFor('approval task', async () => (await s!.camunda.searchUserTasks({ filter: { processInstanceKey, elementId: 'UserTask_ApproveNotice', state: 'CREATED' } } as Parameters<CamundaRestClient['searchUserTasks']>[0])).items[0]);
    // when the desk claims and completes the approval task
    await s.camunda.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'desk' });
    const refused = await s.camunda.completeUserTask({ userTaskKey: task.userTaskKey, variables: { approvedBy: 'systemansvarig' } }).then(
      () => undefined,
      (err: { statusCode?: number; detail?: string }) => err,
    );
    // then the completion is refused with the listener's reason, the task stays open with the desk, nothing is published
    expect(refused).toMatchObject({ statusCode: 409, detail: expect.stringContaining('Endast systemansvarig får godkänna driftinformation: desk tillhör inte gruppen systemansvariga') });
    expect(await s.camunda.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CREATED', assignee: 'desk' });
    expect(s.workers.services.notices.list({ includeDrill: true })).toHaveLength(0);
    // when the system owner takes the task over and completes it
    await s.camunda.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'systemansvarig' });
    await s.camunda.completeUserTask({ userTaskKey: task.userTaskKey });
    // then the notice is published with her as the approver
    await waitFor('instance completed', async () => (await instanceState(s!.camunda, processInstanceKey)) === 'COMPLETED');
    expect(s.workers.services.notices.list()[0].approvedBy).toBe('systemansvarig');
    expect(s.smtp.mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['karin.lind@vard.example', 'per.ek@vard.example', 'support@visma.example', 'systemansvarig-sesam@region-skane.example']);
  });

  test('R13: SMTP down – retries with growing back-off on the engine clock, then an incident; SMTP back and incident resolved: exactly one mail', async () => {
    // given SMTP is down and the engine clock pinned
    s = await setup(new Date('2026-11-24T10:00:00+01:00'));
    await s.smtp.stop();
    let clock = Date.now();
    await s.camunda.pinInternalClock(clock);
    await s.camunda.deployResourcesFromFiles([join(FIXTURES, 'workers-e2e-retry.bpmn')]);
    const outbox = () => s!.workers.services.outbox.list('DS-2026-0042')[0];
    // when
    const { processInstanceKey } = await s.camunda.createProcessInstance({ processDefinitionId: 'workers-e2e-retry', variables: DISRUPTION });
    // then the first attempt fails and the job waits out its back-off (the clock does not move: no second attempt)
    await waitFor('first attempt', () => outbox()?.attempts === 1 && outbox()?.status === 'failed');
    await new Promise((r) => setTimeout(r, 600));
    expect(outbox().attempts).toBe(1);
    // when the engine clock passes the back-offs, the job is retried until its retries are used up
    const incident = await waitFor(
      'incident',
      async () => (await s!.camunda.searchIncidents({ filter: { processInstanceKey } } as Parameters<CamundaRestClient['searchIncidents']>[0])).items[0],
      {
        onTick: async () => {
          clock += 30_000;
          await s!.camunda.pinInternalClock(clock);
        },
      },
    );
    // then
    expect(outbox().attempts).toBe(3);
    expect(incident.errorMessage).toMatch(/E-post kunde inte skickas via 127\.0\.0\.1:\d+/);
    expect(s.smtp.mails).toHaveLength(0);
    // when SMTP is back and the operator gives the job a retry and resolves the incident
    await s.smtp.start();
    await s.camunda.updateJob({ jobKey: incident.jobKey, retries: 1 });
    await s.camunda.resolveIncident(incident.incidentKey);
    // then
    await waitFor('instance completed', async () => (await instanceState(s!.camunda, processInstanceKey)) === 'COMPLETED');
    expect(s.smtp.mails).toHaveLength(1);
    expect(s.smtp.mails[0].envelopeTo).toEqual(['systemansvarig-sesam@region-skane.example']);
  });

  test('R3, R4, P3 (real model publicera-driftinformation): a completion of the approval task outside the system-owner group is denied by its listener and the task stays; the system owner\'s approval publishes to subscribers', async () => {
    // given the real model and its form deployed, one confirmed subscriber
    s = await setup(new Date('2026-11-24T10:00:00+01:00'));
    const { confirmToken } = s.workers.services.subscribers.subscribe('prenumerant@vard.example');
    s.workers.services.subscribers.confirm(confirmToken!);
    const root = join(__dirname, '..', '..');
    await s.camunda.deployResourcesFromFiles([join(root, 'bpmn', 'publicera-driftinformation.bpmn'), join(root, 'forms', 'approve-notice.form')]);
    const { processInstanceKey } = await s.camunda.createProcessInstance({
      processDefinitionId: 'publicera-driftinformation',
      variables: { ...DISRUPTION, noticeKind: 'disruption', noticeState: 'investigating', noticeTitle: 'Driftstörning i Sesam', noticeBody: 'Sesam går inte att nå.' },
    });
    const task = await waitFor('approval task', async () => (await s!.camunda.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } } as Parameters<CamundaRestClient['searchUserTasks']>[0])).items[0]);
    const form = { noticeTitle: 'Driftstörning i Sesam', noticeBody: 'Sesam går inte att nå. IT felsöker.', noticeState: 'investigating', approved: true };
    // when someone outside the system-owner group claims and completes it, typing the owner's id
    await s.camunda.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'desk' });
    const refused = await s.camunda.completeUserTask({ userTaskKey: task.userTaskKey, variables: { ...form, approvedBy: 'systemansvarig' } }).then(
      () => undefined,
      (err: { statusCode?: number }) => err,
    );
    // then the completion is denied at once: the same task is still open and nothing is published
    expect(refused).toMatchObject({ statusCode: 409 });
    expect(await s.camunda.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CREATED', assignee: 'desk' });
    expect(s.workers.services.notices.list({ includeDrill: true })).toHaveLength(0);
    expect(s.smtp.mails).toHaveLength(0);
    // when the system owner claims and approves
    await s.camunda.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'systemansvarig' });
    await s.camunda.completeUserTask({ userTaskKey: task.userTaskKey, variables: { ...form, approvedBy: 'systemansvarig' } });
    // then
    await waitFor('instance completed', async () => (await instanceState(s!.camunda, processInstanceKey)) === 'COMPLETED');
    const vars = await variablesOf(s.camunda, processInstanceKey);
    expect(vars.publishedNotice).toMatchObject({ updateNumber: 1 });
    expect(vars.noticeApprovedBy).toBe('systemansvarig');
    expect(s.smtp.mails.map((m) => `${m.envelopeTo[0]} ${m.subject}`)).toEqual(['prenumerant@vard.example Driftinformation: Driftstörning i Sesam (Felsökning pågår)']);
    expect(s.workers.services.notices.list()[0].approvedBy).toBe('systemansvarig');
  });

  test('R13, R14, R15, R3, P2, P8 (real model driftstorning-sesam): Sesam down on Juldagen – notified, ticketed, vendor contacted, notices published, prescribers told on restoration', async () => {
    // given every model and form deployed, Juldagen on the workers' clock, one confirmed subscriber
    s = await setup(new Date('2026-12-25T10:00:00+01:00'));
    const { confirmToken } = s.workers.services.subscribers.subscribe('prenumerant@vard.example');
    s.workers.services.subscribers.confirm(confirmToken!);
    const root = join(__dirname, '..', '..');
    const { readdirSync } = await import('node:fs');
    const files = [
      ...readdirSync(join(root, 'bpmn')).filter((f) => f.endsWith('.bpmn')).map((f) => join(root, 'bpmn', f)),
      ...readdirSync(join(root, 'forms')).filter((f) => f.endsWith('.form')).map((f) => join(root, 'forms', f)),
    ];
    await s.camunda.deployResourcesFromFiles(files);
    const camunda = s.camunda;
    const completeTask = async (elementId: string, variables: Record<string, unknown>) => {
      const task = await waitFor(`user task ${elementId}`, async () => (await camunda.searchUserTasks({ filter: { elementId, state: 'CREATED' } } as Parameters<CamundaRestClient['searchUserTasks']>[0])).items[0]);
      // R3: approvals are claimed by the system owner first (Tasklist requires claiming before completing)
      if (elementId === 'UserTask_ApproveNotice') await camunda.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'systemansvarig' });
      await camunda.completeUserTask({ userTaskKey: task.userTaskKey, variables });
    };
    const approval = { approved: true, approvedBy: 'systemansvarig' };
    // when the desk reports and assesses "Sesam down for everyone"
    seedReports(s.workers.services, DISRUPTION.disruptionId, REPORTS);
    const { processInstanceKey } = await camunda.createProcessInstance({
      processDefinitionId: 'driftstorning-sesam',
      // T1: no reportedAt – the model takes it from the engine's clock, so the 4-hour and SLA timers (R17, P6) are not yet due
      variables: { disruptionId: DISRUPTION.disruptionId, reportCount: REPORTS.length },
    });
    await completeTask('UserTask_AssessScope', { scope: 'sesam-down', summary: 'Sesam svarar inte vid inloggning' });
    // and the system owner approves the first notice
    await completeTask('UserTask_ApproveNotice', { noticeTitle: 'Driftstörning i Sesam och Visma webSesam', noticeBody: 'Sesam går inte att nå. IT felsöker.', noticeState: 'investigating', ...approval });
    await waitFor('first notice mailed', () => s!.smtp.to('prenumerant@vard.example').length === 1);
    await waitFor('R14 and R15 done', () => s!.smtp.to('servicedesk@region-skane.example').length === 1 && s!.smtp.to('support@visma.example').length === 1);
    // then the callers' receipts (T5), R13, R14 (off duty on Juldagen), R15 and the first notice (R3, R4) went out
    const first = s.smtp.mails.map((m) => m.envelopeTo[0]).sort();
    expect(first).toEqual([
      'enhetschef-it@region-skane.example',
      'karin.lind@vard.example',
      'per.ek@vard.example',
      'prenumerant@vard.example',
      'servicedesk@region-skane.example',
      'support@visma.example',
      'systemansvarig-sesam@region-skane.example',
    ]);
    // when IT reports Sesam restored and the system owner approves the resolved notice
    await camunda.publishMessage({ name: 'system-restored', correlationKey: DISRUPTION.disruptionId, variables: { restoredAt: '2026-12-25T13:00:00+01:00' }, timeToLive: 60_000 });
    await completeTask('UserTask_ApproveNotice', { noticeTitle: 'Sesam fungerar igen', noticeBody: 'Sesam fungerar igen.', noticeState: 'resolved', ...approval });
    // and VO Hjälpmedel completes the review
    await completeTask('UserTask_ReviewDisruption', { reviewSummary: 'Avbrott i tre timmar, rutinen följdes.', slaMet: true, deviationReportFiled: false });
    // then
    await waitFor('instance completed', async () => (await instanceState(camunda, processInstanceKey)) === 'COMPLETED');
    const subjects = s.smtp.mails.map((m) => `${m.envelopeTo[0]} ${m.subject}`);
    expect(subjects).toEqual(
      expect.arrayContaining([
        'prenumerant@vard.example Driftinformation: Sesam fungerar igen (Åtgärdat)',
        'karin.lind@vard.example Sesam / Visma webSesam fungerar igen',
        'per.ek@vard.example Sesam / Visma webSesam fungerar igen',
        'vo-hjalpmedel@region-skane.example Uppföljning väntar – driftstörning i Sesam / Visma webSesam (DS-2026-0042)',
      ]),
    );
    expect(s.smtp.mails).toHaveLength(11);
    const vars = await variablesOf(camunda, processInstanceKey);
    expect(vars).toMatchObject({ systemOwnerOnDuty: false, serviceDeskTicketId: 'E-POST-DS-2026-0042', publishedNotice: { updateNumber: 2 } });
  });

  test('R17, R20, R21 (real models): 4 hours without prognosis – Aktiv Ortopedteknik told, backup-routine notice with the backup document published to subscribers', async () => {
    // given every model and form deployed and a disruption whose first notice is published
    s = await setup(new Date('2026-11-24T10:00:00+01:00'));
    const { confirmToken } = s.workers.services.subscribers.subscribe('prenumerant@vard.example');
    s.workers.services.subscribers.confirm(confirmToken!);
    const root = join(__dirname, '..', '..');
    const { readdirSync } = await import('node:fs');
    await s.camunda.deployResourcesFromFiles([
      ...readdirSync(join(root, 'bpmn')).filter((f) => f.endsWith('.bpmn')).map((f) => join(root, 'bpmn', f)),
      ...readdirSync(join(root, 'forms')).filter((f) => f.endsWith('.form')).map((f) => join(root, 'forms', f)),
    ]);
    const camunda = s.camunda;
    const completeTask = async (elementId: string, variables: Record<string, unknown>) => {
      const task = await waitFor(`user task ${elementId}`, async () => (await camunda.searchUserTasks({ filter: { elementId, state: 'CREATED' } } as Parameters<CamundaRestClient['searchUserTasks']>[0])).items[0]);
      // R3: approvals are claimed by the system owner first (Tasklist requires claiming before completing)
      if (elementId === 'UserTask_ApproveNotice') await camunda.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'systemansvarig' });
      await camunda.completeUserTask({ userTaskKey: task.userTaskKey, variables });
    };
    const engineNow = (await (await fetch(`${s.runtime.monitoringAddress}/actuator/clock`, { headers: { authorization: DEMO_AUTH } })).json()) as { epochMilli: number };
    seedReports(s.workers.services, DISRUPTION.disruptionId, REPORTS);
    const { processInstanceKey } = await camunda.createProcessInstance({
      processDefinitionId: 'driftstorning-sesam',
      // the P3 update reminders are kept out of the way (a timer variable of the routine), so that the next approval is the backup routine's
      variables: { disruptionId: DISRUPTION.disruptionId, reportedAt: new Date(engineNow.epochMilli).toISOString(), reportCount: REPORTS.length, noticeUpdateInterval: 'PT24H' },
    });
    await completeTask('UserTask_AssessScope', { scope: 'sesam-down', summary: 'Sesam svarar inte vid inloggning' });
    // on duty (Tuesday 10:00): the system owner acknowledges (P4)
    await waitFor('system owner told', () => s!.smtp.to('systemansvarig-sesam@region-skane.example').length === 1);
    await camunda.publishMessage({ name: 'system-owner-acknowledged', correlationKey: DISRUPTION.disruptionId, variables: { acknowledgedBy: 'systemansvarig' }, timeToLive: 60_000 });
    await completeTask('UserTask_ApproveNotice', { noticeTitle: 'Driftstörning i Sesam', noticeBody: 'Sesam går inte att nå.', noticeState: 'investigating', approved: true, approvedBy: 'systemansvarig' });
    await waitFor('first notice mailed', () => s!.smtp.to('prenumerant@vard.example').length === 1);
    // and the 4-hour timer is active and has not fired
    const active = await camunda.searchElementInstances({ filter: { processInstanceKey, elementId: 'Timer_BackupRoutineCheck', state: 'ACTIVE' } } as Parameters<CamundaRestClient['searchElementInstances']>[0]);
    expect(active.items).toHaveLength(1);
    expect(s.smtp.to('remisser@aktiv-ortopedteknik.example')).toHaveLength(0);
    // when 4 hours pass on the engine clock without a prognosis
    await fetch(`${s.runtime.monitoringAddress}/actuator/clock/add`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: DEMO_AUTH }, body: JSON.stringify({ offsetMilli: 4 * 3600_000 + 60_000 }) });
    // then Aktiv Ortopedteknik is told (R20)
    const [workshop] = await waitFor('workshop mail', () => {
      const m = s!.smtp.to('remisser@aktiv-ortopedteknik.example');
      return m.length > 0 ? m : undefined;
    });
    expect(workshop.subject).toBe('Reservrutin för akuta OT-remisser gäller – Sesam / Visma webSesam är nere');
    // when the system owner approves the backup-routine notice (R17, R21)
    await completeTask('UserTask_ApproveNotice', {
      noticeTitle: 'Reservrutin för akuta OT-remisser gäller',
      noticeBody: 'Akuta OT-remisser skickas på papper till Aktiv Ortopedteknik.',
      noticeState: 'in-effect',
      approved: true,
      approvedBy: 'systemansvarig',
    });
    // then every subscriber gets it, with the backup routine document linked (R21, R22)
    const [backupNotice] = await waitFor('backup notice mailed', () => {
      const m = s!.smtp.to('prenumerant@vard.example').filter((x) => x.subject.includes('Reservrutin'));
      return m.length > 0 ? m : undefined;
    });
    expect(backupNotice.subject).toBe('Driftinformation: Reservrutin för akuta OT-remisser gäller (Gäller tills vidare)');
    expect(backupNotice.text).toContain('Reservrutin Ortopedtekniska tjänster: https://vardgivare.skane.se/');
    expect(s.workers.services.notices.activeBackupRoutine()).toMatchObject({ kind: 'backup-routine' });
  });

  test('P5, P9: on the engine\'s simulated clock (pinned to Juldagen 10:00) the on-duty check decides for that time', async () => {
    // given no clock injected into the workers, the engine clock pinned to Juldagen
    s = await setup();
    await s.camunda.pinInternalClock(new Date('2026-12-25T10:00:00+01:00').getTime());
    // when the system owner approves; then the instance completes
    const processInstanceKey = await runFixturePath(s, 'systemansvarig');
    const vars = await variablesOf(s.camunda, processInstanceKey);
    expect(vars.systemOwnerOnDuty).toBe(false);
    expect(vars.systemOwnerOnDutyReason).toContain('Helgdag: Juldagen (fredag 2026-12-25 kl. 10:00)');
    expect(s.smtp.to('enhetschef-it@region-skane.example')).toHaveLength(1);
  });
});
