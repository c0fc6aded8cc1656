/**
 * The cockpit (stand-in for Camunda Operate) in a real browser against the real local runtime and
 * the real models: instance list, diagram with markers, incidents and retry, timeline (P7),
 * deviation report (P7, P8), drill mode and a moved clock (P9), escaping of everything shown.
 */
import { join } from 'node:path';
import { ARTIFACTS, DEMO, ENGINE_AUTH_HEADER, expectText, expectVisible, LocalWebHarness } from './support/LocalWebHarness';

jest.setTimeout(90_000);

const h = new LocalWebHarness();
const XSS = '<script>window.__xss = 1</script><img src="x" onerror="window.__xss = 2">';
const disruptionId = `D-COCKPIT-${Date.now()}`;
let pi: string;
let failedJobKey: string;

/** A new disruption the desk assessed as "Sesam down" (R13), through the REST API. */
async function assessedDisruption(id: string, summary = 'Sesam går inte att nå'): Promise<string> {
  const key = await h.startDisruption({ disruptionId: id, summary });
  const assess = await h.waitForTask(key, 'UserTask_AssessScope');
  await h.client.assignUserTask({ userTaskKey: assess.userTaskKey, assignee: DEMO.desk.id } as never);
  await h.client.completeUserTask({ userTaskKey: assess.userTaskKey, variables: { scope: 'sesam-down', summary } } as never);
  return key;
}

beforeAll(async () => {
  await h.start();
  // A disruption assessed by the desk as "Sesam down" (R13), whose first notification job then fails
  // without retries – an incident, as when the mail server is unreachable.
  pi = await assessedDisruption(disruptionId, `Sesam nere ${XSS}`);
  failedJobKey = await h.workJob(pi, 'notify-role', { fail: `SMTP-servern svarar inte ${XSS}` }, 'ServiceTask_NotifySystemOwner');
  await h.waitFor(async () => (await h.activeIncidents(pi)).length > 0, 'the incident');
});

afterAll(async () => {
  await h.stop();
});

test('P10: the cockpit lists the disruption with its state, routine version, incidents and disruptionId', async () => {
  // given the failing disruption
  const { page, consoleErrors } = await h.newPage();
  await h.signIn(page, DEMO.operation);

  // when VO Hjälpmedel opens the cockpit
  await page.goto(`${h.web.url}/cockpit`);

  // then the disruption's row shows its id, the process version and one incident
  const row = page.getByRole('row').filter({ hasText: disruptionId });
  await expectVisible(row);
  await expectText(row, 'Driftstörning Sesam v1');
  await expectText(row, 'Incident');
  expect((await row.locator('td[data-label="Incidenter"]').textContent())?.trim()).toBe('1');
  await h.screenshot(page, 'cockpit-list');
  expect(consoleErrors).toEqual([]);
});

test('R2: only VO Hjälpmedel and the system owner may retry – the desk gets 403, also by direct POST', async () => {
  // given an incident of its own and a signed-in desk user
  const own = await assessedDisruption(`D-RETRY-403-${Date.now()}`);
  await h.workJob(own, 'notify-role', { fail: 'SMTP-servern svarar inte' });
  const [incident] = await h.waitFor(async () => {
    const list = await h.activeIncidents(own);
    return list.length ? list : undefined;
  }, 'the incident');
  const { page } = await h.newPage();
  await h.signIn(page, DEMO.desk);

  // when the desk opens the instance
  await page.goto(`${h.web.url}/cockpit/instances/${own}`);

  // then it sees the incident but no retry button
  await expectText(page.locator('.incident-box'), 'SMTP-servern svarar inte');
  expect(await page.getByRole('button', { name: 'Försök igen' }).count()).toBe(0);

  // when it posts the retry directly with its valid CSRF token
  const token = (await page.locator('input[name="_csrf"]').first().getAttribute('value')) ?? '';
  const res = await page.request.post(`${h.web.url}/cockpit/incidents/${incident.incidentKey}/retry`, { form: { _csrf: token, retries: '3' }, maxRedirects: 0 });

  // then it is refused and the incident stays open
  expect(res.status()).toBe(403);
  expect((await h.activeIncidents(own)).length).toBe(1);
});

test('P7: the instance page shows the diagram with completed, active and incident markers; retry raises the job’s retries and resolves the incident', async () => {
  // given the incident on the system owner notification
  const { page, consoleErrors } = await h.newPage({ width: 1400, height: 1000 });
  await h.signIn(page, DEMO.operation);

  // when VO Hjälpmedel opens the instance
  await page.goto(`${h.web.url}/cockpit/instances/${pi}`);
  await page.locator('#diagram[data-ready="true"]').waitFor();

  // then the diagram marks the assessment as completed and the failing task as incident
  await expectVisible(page.locator('.djs-element.lw-completed[data-element-id="UserTask_AssessScope"]'));
  await expectVisible(page.locator('.djs-element.lw-incident[data-element-id="ServiceTask_NotifySystemOwner"]'));
  await expectVisible(page.locator('.lw-badge-incident'));
  await h.screenshot(page, 'cockpit-instance-incident');

  // when it retries with 2 new attempts
  await page.getByLabel('Nya försök').fill('2');
  await page.getByRole('button', { name: 'Försök igen' }).click();
  await page.waitForURL(/ok=retried/);

  // then the incident is resolved and the job can be worked again, with the retries given
  await expectVisible(page.getByRole('status').filter({ hasText: 'incidenten är löst' }));
  expect(await h.activeIncidents(pi)).toEqual([]);
  const resolved = await h.client.searchIncidents({ filter: { processInstanceKey: pi } } as never);
  expect((resolved.items[0] as { state: string }).state).toBe('RESOLVED');
  const jobs = await h.waitFor(async () => {
    const js = (await h.client.activateJobs({ type: 'notify-role', worker: 'local-web-test', maxJobsToActivate: 50, timeout: 60000, requestTimeout: 500 } as never)) as unknown as Array<{ jobKey: string; retries: number }>;
    return js.find((j) => String(j.jobKey) === failedJobKey);
  }, 'the retried job');
  expect(jobs.retries).toBe(2);
  await h.client.completeJob({ jobKey: failedJobKey, variables: {} } as never);
  expect(consoleErrors).toEqual([]);
});

test('P7, P8, T5: the timeline and the deviation report list start, decisions, incident, steps, message, called process and published notice in time order', async () => {
  // given a disruption that went through the desk's assessment, an incident that was retried, the on-duty
  // check, the system owner's acknowledgement (a message) and the vendor contact, which calls the notice process
  const id = `D-TIMELINE-${Date.now()}`;
  const tpi = await assessedDisruption(id);
  const jobKey = await h.workJob(tpi, 'notify-role', { fail: 'SMTP-servern svarar inte' }, 'ServiceTask_NotifySystemOwner');
  const [inc] = await h.waitFor(async () => {
    const list = await h.activeIncidents(tpi);
    return list.length ? list : undefined;
  }, 'the incident');
  await h.client.updateJob({ jobKey, retries: 1 } as never);
  await h.client.resolveIncident(inc.incidentKey as never);
  await h.workJob(tpi, 'notify-role', { complete: {} }, 'ServiceTask_NotifySystemOwner');
  await h.workJob(tpi, 'check-system-owner-on-duty', { complete: { systemOwnerOnDuty: true, systemOwnerOnDutyReason: 'Kontorstid', systemOwnerContact: 'Systemansvarig Sesam' } });
  // (buffered: it correlates as soon as the routine waits for the acknowledgement, P4)
  await h.client.publishMessage({ name: 'system-owner-acknowledged', correlationKey: id, variables: {}, timeToLive: 60_000 } as never);
  await h.waitFor(async () => {
    const r = await h.client.searchElementInstances({ filter: { processInstanceKey: tpi, elementId: 'Event_SystemOwnerAcknowledged', state: 'COMPLETED' } } as never);
    return r.items.length > 0;
  }, 'the acknowledgement');
  await h.workJob(tpi, 'contact-vendor', { complete: { vendorContactedAt: '2026-11-25T08:05:00.000Z' } });
  const child = await h.waitFor(async () => {
    const r = await h.client.searchProcessInstances({ filter: { parentProcessInstanceKey: tpi } } as never);
    return r.items[0] ? String((r.items[0] as { processInstanceKey: string }).processInstanceKey) : undefined;
  }, 'the called notice process');
  // and the system owner approved the first notice, which was published (R3)
  const approve = await h.waitForTask(child, 'UserTask_ApproveNotice');
  await h.client.assignUserTask({ userTaskKey: approve.userTaskKey, assignee: DEMO.systemOwner.id } as never);
  // (the approval task's completing listener, R3, played here: the completion waits for it)
  const listener = h.acceptApprovalListener(child);
  await h.client.completeUserTask({
    userTaskKey: approve.userTaskKey,
    variables: { noticeState: 'investigating', noticeTitle: 'Sesam går inte att nå', noticeBody: 'IT felsöker. Nästa uppdatering kl. 11.', approved: true, approvedBy: DEMO.systemOwner.id },
  } as never);
  await listener;
  await h.workJob(child, 'publish-notice', { complete: { publishedNotice: { noticeId: 'N-1', updateNumber: 1, url: 'http://localhost:3000/driftinformation/N-1' } } });
  const { page } = await h.newPage();
  await h.signIn(page, DEMO.operation);

  // when VO Hjälpmedel opens the instance's timeline
  await page.goto(`${h.web.url}/cockpit/instances/${tpi}`);
  const items = await page.locator('.timeline > li').allTextContents();

  // then the start, the desk's decision with its values, the incident, the steps and the message are there, in order
  // (the clock is pinned, so the order is the order in which the engine wrote them)
  const at = (text: string) => items.findIndex((t) => t.includes(text));
  const start = at('Rutinen startade');
  const decision = at('Bedöm omfattning – slutförd');
  const incident = at('Incident vid Anmäl driftstörningen till systemansvarig');
  const onDuty = at('Kontrollera om systemansvarig är i tjänst');
  const message = at('Systemansvarig har kvitterat');
  const called = at('Delprocess startade: Publicera driftinformation');
  const approval = at('Skriv och godkänn driftinformation – uppgift skapad');
  const approved = at('Skriv och godkänn driftinformation – slutförd');
  const notice = at('Driftinformation publicerad');
  expect([start, decision, incident, onDuty, message, called, approval, approved, notice].every((i) => i >= 0)).toBe(true);
  // T5: the first notice goes to approval as soon as the desk has assessed 3b, without waiting for the acknowledgement
  expect(decision).toBeLessThan(called);
  expect(called).toBeLessThan(approval);
  expect(approval).toBeLessThan(approved);
  expect(approved).toBeLessThan(notice);
  expect(items[approved]).toContain('av Sara Svensson');
  expect(items[notice]).toContain('http://localhost:3000/driftinformation/N-1');
  expect(items[approval]).toContain('i Publicera driftinformation');
  expect(start).toBeLessThan(decision);
  expect(decision).toBeLessThan(incident);
  expect(incident).toBeLessThan(onDuty);
  expect(onDuty).toBeLessThan(message);
  expect(items[decision]).toContain('Omfattning');
  expect(items[decision]).toContain('Sesam nås inte av någon användare, övrig IT fungerar (3b)');
  expect(items[decision]).toContain('av Anna Andersson');
  await h.screenshot(page, 'cockpit-timeline');

  // when it exports the deviation report
  await page.getByRole('link', { name: /Avvikelserapport/ }).click();
  await page.waitForURL(/\/report$/);

  // then the printable report carries the summary, the version (P10) and the same steps
  await expectText(page.locator('h1'), 'Avvikelserapport');
  await expectText(page.locator('.report-facts'), 'Driftstörning Sesam v1');
  await expectText(page.locator('.report-facts'), 'Sesam otillgängligt för alla');
  const rows = await page.locator('.report-table').first().locator('tbody tr').allTextContents();
  for (const text of ['Rutinen startade', 'Bedöm omfattning – slutförd', 'Incident vid', 'Systemansvarig har kvitterat', 'Delprocess startade', 'Driftinformation publicerad']) {
    expect(rows.some((r) => r.includes(text))).toBe(true);
  }
  await expectText(page.locator('#review-title + *'), 'inte genomförd');
  await h.screenshot(page, 'deviation-report');
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('.report-tools').isVisible()).toBe(false);
  await h.screenshot(page, 'deviation-report-print');
  await page.pdf({ path: join(ARTIFACTS, 'avvikelserapport.pdf'), format: 'A4' });
});

test('escaping: script and HTML in variables, incident messages and ids show as text in every page', async () => {
  // given a second disruption whose id itself carries markup
  const evilId = `D-<b>fet</b>-${Date.now()}`;
  const evil = await h.startDisruption({ disruptionId: evilId, summary: XSS });
  await h.waitForTask(evil, 'UserTask_AssessScope');
  const { page } = await h.newPage();
  await h.signIn(page, DEMO.desk);

  // when the task list, the cockpit, the instance page and the report are shown
  const pages = ['/tasks', '/cockpit', `/cockpit/instances/${pi}`, `/cockpit/instances/${evil}`, `/cockpit/instances/${pi}/report`];
  for (const path of pages) {
    await page.goto(`${h.web.url}${path}`);
    // then no injected script ran and no injected element exists
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('main img[src="x"], main b:text("fet")').count()).toBe(0);
  }
  // and the markup is visible as text
  await page.goto(`${h.web.url}/cockpit/instances/${evil}`);
  await expectText(page.locator('.var-table'), '<script>window.__xss = 1</script>');
  await expectText(page.locator('h1'), '<b>fet</b>');
  await page.goto(`${h.web.url}/tasks`);
  await expectText(page.getByRole('row').filter({ hasText: 'fet' }), '<b>fet</b>');
  await page.goto(`${h.web.url}/cockpit/instances/${pi}`);
  await expectText(page.locator('.timeline'), 'SMTP-servern svarar inte <script>');
  await h.screenshot(page, 'escaping-instance');
});

test('P9: a drill shows the ÖVNING banner everywhere it appears, and a moved runtime clock is shown', async () => {
  // given a drill disruption
  const drillId = `D-OVNING-${Date.now()}`;
  const drill = await h.startDisruption({ disruptionId: drillId, drill: true });
  const task = await h.waitForTask(drill, 'UserTask_AssessScope');
  const { page } = await h.newPage();
  await h.signIn(page, DEMO.desk);

  // then its task, the cockpit row and the instance page are marked ÖVNING
  await expectText(page.getByRole('row').filter({ hasText: drillId }), 'ÖVNING');
  await page.goto(`${h.web.url}/tasks/${task.userTaskKey}`);
  await expectText(page.locator('.banner-drill'), 'ÖVNING');
  await page.goto(`${h.web.url}/cockpit`);
  await expectText(page.getByRole('row').filter({ hasText: drillId }), 'ÖVNING');
  await page.goto(`${h.web.url}/cockpit/instances/${drill}`);
  await expectText(page.locator('.banner-drill'), 'ÖVNING');
  // and the engine clock, pinned by this test (T1), is shown with the time the routine counts from
  await expectText(page.locator('.banner-clock'), 'Körmiljöns klocka är flyttad');
  await expectText(page.locator('.banner-clock'), '2026-11-25 09:00');

  // when the runtime's clock is moved forward 5 hours (as a drill or a test does)
  const moved = await fetch(`${h.runtime.monitoringAddress}/actuator/clock/add`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: ENGINE_AUTH_HEADER },
    body: JSON.stringify({ offsetMilli: 5 * 60 * 60 * 1000 }),
  });
  expect(moved.ok).toBe(true);
  await page.reload();

  // then the page says so
  await expectText(page.locator('.banner-clock'), 'Körmiljöns klocka är flyttad');
  await expectText(page.locator('.banner-clock'), '2026-11-25 14:00');
  await h.screenshot(page, 'cockpit-drill-clock');

  // and on a phone-sized screen the instance page does not scroll sideways
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await page.locator('#diagram[data-ready="true"]').waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await h.screenshot(page, 'cockpit-instance-narrow');
});

test('issue #14: an instance’s timeline shows its DMN decisions with result and matched rules, and its escalations', async () => {
  // given a business rule task's instance and an escalation's instance (Modeler-style models of the runtime's tests)
  const fixtures = join(__dirname, '..', 'fixtures');
  await h.client.deployResourcesFromFiles(['api-hit-policies.dmn', 'api-business-rule.bpmn', 'api-escalations.bpmn'].map((f) => join(fixtures, f)));
  const rule = await h.client.createProcessInstance({ processDefinitionId: 'api-business-rule', variables: { amount: 500, feeDecision: 'fee_sum' } });
  const escalation = await h.client.createProcessInstance({ processDefinitionId: 'api-escalations', variables: { level: 'minor' } });
  const { page, consoleErrors } = await h.newPage();
  await h.signIn(page, DEMO.operation);

  // when VO Hjälpmedel opens them
  await page.goto(`${h.web.url}/cockpit/instances/${rule.processInstanceKey}`);
  const ruleTimeline = page.locator('.timeline');
  await expectText(ruleTimeline, 'Regelbeslut: Route → {"team":"ops","priority":1}');
  await expectText(ruleTimeline, 'Matchade regler: Regel 1 (route_r1): team = "ops", priority = 1');
  await expectText(ruleTimeline, 'Regelbeslut: Fee sum → 11');
  await page.goto(`${h.web.url}/cockpit/instances/${escalation.processInstanceKey}`);

  // then the escalation thrown, the boundary that caught it and the event subprocess's start are on the timeline
  const escalationTimeline = page.locator('.timeline');
  await expectText(escalationTimeline, 'Eskalering: Note a minor escalation');
  await expectText(escalationTimeline, 'Eskalering fångad: Minor noted');
  await expectText(escalationTimeline, 'Eskalering fångad: Audit requested');
  await h.screenshot(page, 'cockpit-escalations');
  expect(consoleErrors).toEqual([]);
});
