/**
 * Across the boundary: the local web and the real service (job workers, notice page) on the real runtime.
 * The desk assesses in the task list, the system owner approves in the task list, the real publish-notice
 * worker accepts the approval (approver = signed-in system owner) and the notice is on the public page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startService, type RunningService } from '../../../service/main';
import { DEMO, expectText, LocalWebHarness } from './support/LocalWebHarness';

jest.setTimeout(120_000);

const h = new LocalWebHarness();
let service: RunningService;
let dataDir: string;

beforeAll(async () => {
  await h.start();
  dataDir = mkdtempSync(join(tmpdir(), 'local-web-e2e-'));
  service = await startService({
    env: {
      ZEEBE_REST_ADDRESS: h.runtime.restAddress,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      MAIL_CAPTURE: 'true',
      SERVICE_PORT: '0',
      SMTP_CAPTURE_PORT: '0',
      SERVICE_DB_FILE: join(dataDir, 'service.sqlite'),
      SERVICE_CONFIG_FILE: join(__dirname, '..', '..', '..', 'config', 'local', 'service.json'),
      LOG_LEVEL: 'error',
    },
    logger: pino({ level: 'silent' }),
  });
});

afterAll(async () => {
  await service?.close();
  await h.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('R3, R11, R13: desk assesses and the system owner approves in the task list; the real worker publishes the notice (P7 timeline)', async () => {
  // given a new disruption
  const disruptionId = `D-E2E-${Date.now()}`;
  const pi = await h.startDisruption({ disruptionId });
  const assess = await h.waitForTask(pi, 'UserTask_AssessScope');

  // when the desk assesses it as "Sesam down" in the task list
  const { page: desk } = await h.newPage();
  await h.signIn(desk, DEMO.desk);
  await desk.goto(`${h.web.url}/tasks/${assess.userTaskKey}`);
  await desk.locator('#task-form .fjs-form').waitFor();
  await desk.getByLabel(/Sesam nås inte av någon användare/).check();
  await desk.getByLabel(/Sammanfattning/).fill('Sesam går inte att nå från två olika datorer.');
  await desk.getByRole('button', { name: 'Ta och slutför uppgiften' }).click();
  await desk.waitForURL(/ok=completed/);
  // (during office hours the routine waits for the owner's acknowledgement, P4: give it, buffered)
  await h.client.publishMessage({ name: 'system-owner-acknowledged', correlationKey: disruptionId, variables: {}, timeToLive: 60_000 } as never);

  // and the system owner approves the first notice the routine asks for
  const notice = await h.waitFor(async () => {
    const called = await h.client.searchProcessInstances({ filter: { parentProcessInstanceKey: pi } } as never);
    for (const c of called.items as Array<{ processInstanceKey: string }>) {
      const t = await h.client.searchUserTasks({ filter: { processInstanceKey: c.processInstanceKey, elementId: 'UserTask_ApproveNotice', state: 'CREATED' } } as never);
      if (t.items[0]) return { child: String(c.processInstanceKey), userTaskKey: String((t.items[0] as { userTaskKey: string }).userTaskKey) };
    }
    return undefined;
  }, 'the notice approval task', 30_000);
  const { page: owner } = await h.newPage();
  await h.signIn(owner, DEMO.systemOwner);
  await owner.goto(`${h.web.url}/tasks/${notice.userTaskKey}`);
  await owner.locator('#task-form .fjs-form').waitFor();
  const title = `Sesam går inte att nå (${disruptionId})`;
  await owner.getByLabel(/^Rubrik/).fill(title);
  await owner.getByLabel(/Jag godkänner/).check();
  await owner.getByRole('button', { name: 'Ta och slutför uppgiften' }).click();
  await owner.waitForURL(/ok=completed/);

  // then the worker published it: the called process completed without a refusal, and the public page shows it
  await h.waitFor(async () => {
    const r = await h.client.searchProcessInstances({ filter: { processInstanceKey: notice.child } } as never);
    return (r.items[0] as { state: string } | undefined)?.state === 'COMPLETED';
  }, 'the published notice', 30_000);
  const refusals = await h.client.searchElementInstances({ filter: { processInstanceKey: notice.child, elementId: 'Event_NoticeNotApproved' } } as never);
  expect(refusals.items).toEqual([]);
  const publicPage = await (await fetch(`${service.url}/driftinfo`)).text();
  expect(publicPage).toContain(title);

  // and the cockpit's timeline has the owner's decision and the publication with its link
  const { page: vo } = await h.newPage();
  await h.signIn(vo, DEMO.operation);
  await vo.goto(`${h.web.url}/cockpit/instances/${pi}`);
  await expectText(vo.locator('.timeline'), `av ${DEMO.systemOwner.id}`);
  await expectText(vo.locator('.timeline'), 'Driftinformation publicerad');
  await h.screenshot(vo, 'e2e-timeline-published');
});
