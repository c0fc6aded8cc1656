/**
 * The task list as Camunda Tasklist 8.8 shows it: due and follow-up dates (zeebe:taskSchedule) and priority
 * (zeebe:priorityDefinition) shown and sortable, overdue tasks marked (on the engine's clock), filters by group and
 * disruption, and search. The routine's own models set them (the acknowledgement's 30 minutes, follow-ups).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO, LocalWebHarness } from './support/LocalWebHarness';

jest.setTimeout(90_000);

const h = new LocalWebHarness();

/** A process with three desk tasks of different priorities and dates (the clock is pinned at TEST_CLOCK). */
const PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D" targetNamespace="http://example">
  <bpmn:process id="tasklist-fixture" name="Uppgiftslistans testprocess" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>F0</bpmn:outgoing></bpmn:startEvent>
    <bpmn:parallelGateway id="Split"><bpmn:incoming>F0</bpmn:incoming><bpmn:outgoing>F1</bpmn:outgoing><bpmn:outgoing>F2</bpmn:outgoing><bpmn:outgoing>F3</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:userTask id="Overdue" name="Ring tillbaka förskrivaren"><bpmn:extensionElements><zeebe:userTask /><zeebe:taskSchedule dueDate="=now() - duration(&#34;PT10M&#34;)" /><zeebe:priorityDefinition priority="40" /><zeebe:assignmentDefinition candidateGroups="desk" /></bpmn:extensionElements><bpmn:incoming>F1</bpmn:incoming></bpmn:userTask>
    <bpmn:userTask id="Urgent" name="Kontrollera faxen"><bpmn:extensionElements><zeebe:userTask /><zeebe:taskSchedule dueDate="=now() + duration(&#34;PT30M&#34;)" followUpDate="=now() + duration(&#34;PT5M&#34;)" /><zeebe:priorityDefinition priority="90" /><zeebe:assignmentDefinition candidateGroups="desk" /></bpmn:extensionElements><bpmn:incoming>F2</bpmn:incoming></bpmn:userTask>
    <bpmn:userTask id="Later" name="Arkivera anteckningar"><bpmn:extensionElements><zeebe:userTask /><zeebe:taskSchedule followUpDate="=now() + duration(&#34;P1D&#34;)" /><zeebe:priorityDefinition priority="10" /><zeebe:assignmentDefinition candidateGroups="desk" /></bpmn:extensionElements><bpmn:incoming>F3</bpmn:incoming></bpmn:userTask>
    <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Split" /><bpmn:sequenceFlow id="F1" sourceRef="Split" targetRef="Overdue" /><bpmn:sequenceFlow id="F2" sourceRef="Split" targetRef="Urgent" /><bpmn:sequenceFlow id="F3" sourceRef="Split" targetRef="Later" />
  </bpmn:process>
</bpmn:definitions>`;

let fixtureKey: string;

beforeAll(async () => {
  await h.start();
  await h.client.deployResources([{ name: 'tasklist-fixture.bpmn', content: PROCESS }] as never);
  fixtureKey = await h.startProcess('tasklist-fixture', { disruptionId: 'D-TASKLIST-1', drill: false });
  await h.waitForTask(fixtureKey, 'Later');
  // a disruption of the routine: its assessment is another desk task, of another disruption
  const other = await h.startDisruption({ disruptionId: 'D-TASKLIST-2' });
  await h.waitForTask(other, 'UserTask_AssessScope');
});

afterAll(async () => {
  await h.stop();
});

async function column(page: import('playwright-core').Page, label: string): Promise<string[]> {
  return page.locator(`.task-table tbody td[data-label="${label}"], .task-table tbody th[data-label="${label}"]`).allTextContents().then((t) => t.map((x) => x.trim().replace(/\s+/g, ' ')));
}

test('due date, follow-up date and priority are shown; an overdue task is marked on the engine clock', async () => {
  const { page, consoleErrors } = await h.newPage();
  await h.signIn(page, DEMO.desk);
  await page.goto(`${h.web.url}/tasks?storning=D-TASKLIST-1`);
  const rows = page.locator('.task-table tbody tr');
  expect(await rows.count()).toBe(3);
  const overdue = rows.filter({ hasText: 'Ring tillbaka förskrivaren' });
  expect(await overdue.getAttribute('class')).toContain('row-overdue');
  expect(await overdue.locator('td[data-label="Förfaller"]').textContent()).toContain('Försenad');
  // 09:00 in Stockholm minus 10 minutes
  expect(await overdue.locator('td[data-label="Förfaller"]').textContent()).toContain('2026-11-25 08:50:00');
  const urgent = rows.filter({ hasText: 'Kontrollera faxen' });
  expect((await urgent.locator('td[data-label="Prioritet"]').textContent())?.trim()).toBe('Kritisk');
  expect(await urgent.locator('td[data-label="Förfaller"]').textContent()).not.toContain('Försenad');
  expect(await urgent.locator('td[data-label="Uppföljning"]').textContent()).toContain('2026-11-25 09:05:00');
  await h.screenshot(page, 'tasks-tasklist-columns');
  expect(consoleErrors).toEqual([]);
});

test('sort by priority, by due date (none last) and by follow-up date', async () => {
  const { page } = await h.newPage();
  await h.signIn(page, DEMO.desk);
  await page.goto(`${h.web.url}/tasks?storning=D-TASKLIST-1&sortera=prioritet`);
  expect(await column(page, 'Uppgift')).toEqual(['Kontrollera faxen', 'Ring tillbaka förskrivaren', 'Arkivera anteckningar']);
  await page.goto(`${h.web.url}/tasks?storning=D-TASKLIST-1&sortera=forfaller`);
  expect(await column(page, 'Uppgift')).toEqual(['Ring tillbaka förskrivaren', 'Kontrollera faxen', 'Arkivera anteckningar']);
  await page.goto(`${h.web.url}/tasks?storning=D-TASKLIST-1&sortera=uppfoljning`);
  expect(await column(page, 'Uppgift')).toEqual(['Kontrollera faxen', 'Arkivera anteckningar', 'Ring tillbaka förskrivaren']);
});

test('filters: disruption, group, search – through the form, kept with the tabs', async () => {
  const { page } = await h.newPage();
  await h.signIn(page, DEMO.desk);
  await page.goto(`${h.web.url}/tasks`);
  const all = await column(page, 'Störning');
  expect(new Set(all)).toEqual(new Set(['D-TASKLIST-1', 'D-TASKLIST-2']));
  await page.getByLabel('Störning').selectOption('D-TASKLIST-2');
  await Promise.all([page.waitForURL(/storning=D-TASKLIST-2/), page.getByRole('button', { name: 'Visa', exact: true }).click()]);
  expect(await column(page, 'Uppgift')).toEqual(['Bedöm omfattning']);
  await page.goto(`${h.web.url}/tasks`);
  await page.getByLabel('Sök').fill('faxen');
  await Promise.all([page.waitForURL(/q=faxen/), page.getByRole('button', { name: 'Visa', exact: true }).click()]);
  expect(await column(page, 'Uppgift')).toEqual(['Kontrollera faxen']);
  // a group that is not the user's is ignored; the desk's own group shows its tasks
  await page.goto(`${h.web.url}/tasks?grupp=system-owner&q=faxen`);
  expect(await column(page, 'Uppgift')).toEqual(['Kontrollera faxen']);
  await page.goto(`${h.web.url}/tasks?view=unassigned&grupp=desk&q=%3Cscript%3E`);
  expect(await page.locator('.empty').textContent()).toContain('Inga');
  expect(await page.getByLabel('Sök').inputValue()).toBe('<script>');
});

test("the routine's models set the dates and priorities (Tasklist shows them)", () => {
  const main = readFileSync(join(__dirname, '../../../bpmn/driftstorning-sesam.bpmn'), 'utf8');
  const ack = /<bpmn:userTask id="UserTask_AcknowledgeDisruption"[\s\S]*?<\/bpmn:extensionElements>/.exec(main)?.[0] ?? '';
  expect(ack).toContain('<zeebe:taskSchedule dueDate="=now() + duration(acknowledgementTimeout)" />');
  expect(ack).toContain('<zeebe:priorityDefinition priority="90" />');
  const reconcile = /<bpmn:userTask id="UserTask_ReconcilePaperReferrals"[\s\S]*?<\/bpmn:extensionElements>/.exec(main)?.[0] ?? '';
  expect(reconcile).toContain('followUpDate=');
});
