/**
 * Across the boundary: the local web and the real service (intake, job workers, notice page, feeds) on the
 * real runtime. The desk logs the call in the intake and assesses in the task list, the system owner approves
 * in the task list, the real publish-notice worker accepts the approval (approver = signed-in system owner),
 * and the notice is on the public page and in the RSS, Atom and JSON feeds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startService, type RunningService } from '../../../apps/service';
import { buildTimeline, DiagramIndex, DisruptionLoader, EngineGateway, renderDeviationReport } from '../../../lib/timeline';
import { DEMO, ENGINE_AUTH, expectText, LocalWebHarness, TEST_CLOCK } from './support/LocalWebHarness';

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
      ...ENGINE_AUTH,
      MAIL_CAPTURE: 'true',
      SERVICE_PORT: '0',
      SMTP_CAPTURE_PORT: '0',
      SERVICE_DB_FILE: join(dataDir, 'service.sqlite'),
      SERVICE_CONFIG_FILE: join(__dirname, '..', '..', '..', 'config', 'local', 'service.json'),
      DESK_USERS_FILE: join(__dirname, '..', '..', '..', 'config', 'local', 'desk-users.json'),
      LOG_LEVEL: 'error',
    },
    logger: pino({ level: 'silent' }),
    // T1: the service's clock pinned with the engine's
    now: () => new Date(TEST_CLOCK),
  });
});

afterAll(async () => {
  await service?.close();
  await h.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('R6, R3, R11, R13: the desk logs a call in the intake, assesses in the task list; the system owner approves; the real worker publishes – page and feeds show it (P7 timeline)', async () => {
  // given the desk logging a prescriber's call in the service's intake page (R6)
  const { page: desk } = await h.newPage();
  await desk.goto(`${service.url}/intag/logga-in`);
  await desk.getByLabel('Användarnamn').fill(DEMO.desk.id);
  await desk.getByLabel('Lösenord').fill(DEMO.desk.password);
  await desk.getByRole('button', { name: 'Logga in' }).click();
  await desk.waitForURL(/\/intag$/);
  await desk.getByLabel('Förskrivarens namn').fill('Karin Förskrivare');
  await desk.getByLabel(/^Enhet/).fill('Vårdcentral Lund');
  await desk.getByLabel('Produktområde').selectOption('ortopedteknik');
  await desk.getByLabel('Vad fungerar inte?').fill('Kan inte logga in i Visma webSesam, felmeddelande vid inloggning.');
  await desk.getByLabel('Telefonnummer').fill('046-123 45 67');
  await desk.getByRole('button', { name: 'Logga samtalet' }).click();
  await desk.waitForURL(/\/intag\/anmalan\//);
  await h.screenshot(desk, 'e2e-intake-logged');
  const started = (await desk.getByRole('status').first().textContent()) ?? '';
  const disruptionId = /Ny driftstörning registrerad: (\S+?)\./.exec(started)?.[1] ?? '';
  expect(disruptionId).not.toBe('');
  const pi = await h.waitFor(async () => {
    const vars = await h.client.searchVariables({ filter: { name: 'disruptionId' } } as never);
    const hit = (vars.items as Array<{ value: string; processInstanceKey: string; scopeKey: string }>).find(
      (v) => JSON.parse(v.value) === disruptionId && v.scopeKey === v.processInstanceKey,
    );
    return hit ? String(hit.processInstanceKey) : undefined;
  }, 'the started disruption');

  // when the desk sees the new task in the task list and assesses it as "Sesam down"
  await h.signIn(desk, DEMO.desk);
  const row = desk.getByRole('row').filter({ hasText: disruptionId });
  await row.getByRole('link', { name: 'Bedöm omfattning' }).click();
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
  for (const path of ['/driftinfo', '/driftinfo/rss.xml', '/driftinfo/atom.xml', '/driftinfo/feed.json']) {
    const res = await fetch(`${service.url}${path}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(title);
  }

  // and the cockpit's timeline has the owner's decision and the publication with its link
  const { page: vo } = await h.newPage();
  await h.signIn(vo, DEMO.operation);
  await vo.goto(`${h.web.url}/cockpit/instances/${pi}`);
  await expectText(vo.locator('.timeline'), 'av Sara Svensson');
  await expectText(vo.locator('.timeline'), 'Driftinformation publicerad');
  await h.screenshot(vo, 'e2e-timeline-published');

  // and the service can build the same deviation report from a configured SDK client alone (beside Camunda 8)
  const loader = new DisruptionLoader(new EngineGateway(h.client), new DiagramIndex());
  const disruption = await loader.load(pi);
  expect(disruption).toBeDefined();
  const report = renderDeviationReport({
    disruption: disruption!,
    timeline: buildTimeline(disruption!),
    author: { name: 'Vera Nilsson', id: DEMO.operation.id },
    clock: TEST_CLOCK.getTime(),
    stylesheetHref: '/report.css',
  }).value;
  expect(report).toContain(`Störning ${disruptionId}`);
  expect(report).toContain('Driftinformation publicerad');
  expect(report).toContain(`av ${DEMO.systemOwner.id}`);
});
