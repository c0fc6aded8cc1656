import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createBroker } from '../../../runtime/src/broker/createBroker';
import { Problem } from '../../../runtime/src/broker/Problem';
import type { Broker } from '../../../runtime/src/broker/types';

const ROOT = join(__dirname, '../../..');
const JOB_TYPES = [
  'notify-role', 'check-system-owner-on-duty', 'create-service-desk-ticket', 'contact-vendor', 'publish-notice', 'work', 'note', 'remind',
  'risky', 'handle', 'child-work', 'notify', 'archive', 'a', 'main', 'triage', 'check-severity', 'work-mail', 'send-out', 'io.camunda.zeebe:userTask',
  // task listeners (Camunda 8.8): the approval task's, and the canceling listener of the termination fixture
  'verify-notice-approver', 'tlt-canceling', 'tlt-stop',
];
const MESSAGES = ['report-received', 'system-owner-acknowledged', 'prognosis-received', 'system-restored', 'it-instructions-received', 'cancel-work', 'add-note', 'report-withdrawn', 'vendor-answered', 'disruption-reported'];
const KEYS = ['d-1', 'd-2', 'A', 'K', 'M'];

/** Deterministic pseudo-random sequence (a seed per test run). */
function random(seed: number) {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return { next, pick: <T>(a: T[]): T => a[Math.floor(next() * a.length)] };
}

async function brokerWithAllModels(): Promise<Broker> {
  const broker = await createBroker({ databasePath: ':memory:' });
  broker.pinClock(Date.parse('2026-11-25T08:00:00Z'));
  await broker.deploy(readdirSync(join(ROOT, 'forms')).filter((f) => f.endsWith('.form')).map((f) => ({ name: f, content: readFileSync(join(ROOT, 'forms', f)) })));
  for (const f of readdirSync(join(ROOT, 'bpmn')).filter((x) => x.endsWith('.bpmn'))) await broker.deploy([{ name: f, content: readFileSync(join(ROOT, 'bpmn', f)) }]);
  const fixtures = join(__dirname, 'fixtures');
  for (const f of readdirSync(fixtures).filter((x) => x.endsWith('.bpmn') || x.endsWith('.form'))) await broker.deploy([{ name: f, content: readFileSync(join(fixtures, f)) }]);
  return broker;
}

describe('invariants under random command sequences on the team models and the fixtures', () => {
  it.each([11, 23])('seed %i: no internal error, finished instances hold nothing active, active instances hold an active element or an incident', async (seed) => {
    // given
    const broker = await brokerWithAllModels();
    const { next, pick } = random(seed);
    const processIds = broker.processDefinitions().map((d) => d.processDefinitionId);
    const internal: string[] = [];
    // when
    for (let i = 0; i < 1500; i++) {
      const op = pick(['create', 'job', 'job', 'job', 'fail', 'error', 'task', 'task', 'message', 'clock', 'cancel', 'resolve']);
      try {
        if (op === 'create') {
          broker.createProcessInstance({
            processDefinitionId: pick(processIds),
            variables: { disruptionId: pick(KEYS), caseId: pick(KEYS), reportedAt: '2026-11-25T08:00:00Z', count: 2, recipients: ['a', 'b'], childId: 'call-child', kind: 'mail', choice: pick(['a', 'b', 'c']), due: null },
          });
        } else if (op === 'job' || op === 'fail' || op === 'error') {
          for (const type of JOB_TYPES) {
            const [job] = broker.activateJobs({ type, worker: 'fuzz', timeout: pick([100, 100_000]), maxJobsToActivate: 1 });
            if (!job) continue;
            if (op === 'job') broker.completeJob(job.jobKey, pick([{}, { systemOwnerOnDuty: next() > 0.5, severity: 'high', receipt: 'r', abort: next() > 0.7 }]));
            else if (op === 'fail') broker.failJob(job.jobKey, { retries: pick([0, 1, 2]), errorMessage: 'x', retryBackOff: pick([0, 1000]) });
            else broker.throwJobError(job.jobKey, { errorCode: pick(['NOT_FOUND', 'ABORT', 'X', 'NOTICE_NOT_APPROVED']) });
            break;
          }
        } else if (op === 'task') {
          const tasks = broker.userTasks({ state: 'CREATED' });
          // (an approval task's completion waits for its task listener, and may end refused or abandoned: nobody awaits it here)
          if (tasks.length) broker.completeUserTask(pick(tasks).userTaskKey, pick([{}, { scope: pick(['sesam-down', 'desk-only', 'full-it-outage']), approved: next() > 0.3, approvedBy: 'u', paperReferralsEntered: 3, paperReferralsReceived: 3 }])).catch(() => undefined);
        } else if (op === 'message') {
          if (next() > 0.5) broker.publishMessage({ name: pick(MESSAGES), correlationKey: pick(KEYS), timeToLive: pick([0, 60_000]), variables: { prognosis: pick([null, '14.30']) } });
          else broker.correlateMessage({ name: pick(MESSAGES), correlationKey: pick(KEYS) });
        } else if (op === 'clock') broker.addClockOffset(pick([60_000, 1_800_000, 3_600_000, 14_400_000]));
        else if (op === 'cancel') {
          const active = broker.processInstances({ state: 'ACTIVE' }).filter((p) => p.parentProcessInstanceKey === null);
          if (active.length) broker.cancelProcessInstance(pick(active).processInstanceKey);
        } else if (op === 'resolve') {
          const open = broker.incidents().filter((x) => x.state === 'ACTIVE');
          if (open.length) {
            const incident = pick(open);
            if (incident.jobKey) broker.updateJob(incident.jobKey, { retries: 2 });
            broker.resolveIncident(incident.incidentKey);
          }
        }
      } catch (err) {
        if (!(err instanceof Problem)) internal.push(`${op}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    // then
    expect(internal).toEqual([]);
    const violations: string[] = [];
    for (const p of broker.processInstances()) {
      const elements = broker.elementInstances({ processInstanceKey: p.processInstanceKey });
      const active = elements.filter((e) => e.state === 'ACTIVE');
      const tasks = broker.userTasks({ processInstanceKey: p.processInstanceKey }).filter((t) => t.state === 'CREATED');
      if (p.state !== 'ACTIVE' && (active.length > 0 || tasks.length > 0)) violations.push(`${p.processDefinitionId} ${p.state} still holds ${active.map((e) => e.elementId)}`);
      if (p.state === 'ACTIVE' && active.length === 0 && !broker.incidents({ processInstanceKey: p.processInstanceKey }).some((x) => x.state === 'ACTIVE')) violations.push(`${p.processDefinitionId} active but empty`);
      for (const t of tasks) if (!active.some((e) => e.elementInstanceKey === t.elementInstanceKey)) violations.push(`user task ${t.elementId} without active element`);
    }
    expect(violations).toEqual([]);
    expect(broker.processInstances().length).toBeGreaterThan(50);
    await broker.close();
  });
});
