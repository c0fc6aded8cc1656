/**
 * The task list (stand-in for Camunda Tasklist) in a real browser against the real local runtime
 * and the real models: sign-in, candidate groups, claim, Camunda Forms with form-js, completion.
 */
import { DEMO, expectText, expectVisible, LocalWebHarness } from './support/LocalWebHarness';

jest.setTimeout(90_000);

const h = new LocalWebHarness();

beforeAll(async () => {
  await h.start();
});

afterAll(async () => {
  await h.stop();
});

test('R6, R13: the desk signs in, sees its task, claims it, fills the Camunda Form and completes it', async () => {
  // given a new disruption waiting for the desk's assessment
  const disruptionId = `D-DESK-${Date.now()}`;
  const pi = await h.startDisruption({ disruptionId });
  const task = await h.waitForTask(pi, 'UserTask_AssessScope');
  const { page, consoleErrors } = await h.newPage();

  // when the desk signs in
  await h.signIn(page, DEMO.desk);

  // then its task is in the list with the disruption id
  const row = page.getByRole('row').filter({ hasText: disruptionId });
  await expectVisible(row.getByRole('link', { name: task.name }));
  await h.screenshot(page, 'tasklist-desk');

  // when it claims the task from the list and opens it
  await row.getByRole('button', { name: /Ta uppgiften/ }).click();
  await page.waitForURL(/\/tasks\?ok=claimed/);
  await page.getByRole('row').filter({ hasText: disruptionId }).getByRole('link', { name: task.name }).click();
  await page.waitForURL(new RegExp(`/tasks/${task.userTaskKey}`));
  await page.locator('#task-form .fjs-form').waitFor();
  await h.screenshot(page, 'task-assess-scope-empty');

  // and submits without filling the required fields, form-js refuses
  await page.getByRole('button', { name: 'Slutför uppgiften' }).click();
  await expectText(page.locator('#form-errors'), 'fel');
  await h.screenshot(page, 'task-assess-scope-invalid');

  // when it fills the form and completes the task
  await page.getByLabel(/Sesam nås inte av någon användare/).check();
  await page.getByLabel(/Sammanfattning/).fill('Sesam går inte att nå för någon förskrivare sedan 08.10.');
  await page.getByRole('button', { name: 'Slutför uppgiften' }).click();
  await page.waitForURL(/\/tasks\?ok=completed/);

  // then the user task is completed in the engine with the form's variables
  const done = await h.client.getUserTask(task.userTaskKey as never);
  expect(done.state).toBe('COMPLETED');
  const vars = await h.client.searchVariables({ filter: { processInstanceKey: pi, name: 'scope' } } as never);
  expect(JSON.parse((vars.items[0] as { value: string }).value)).toBe('sesam-down');
  await expectVisible(page.getByRole('status').filter({ hasText: 'Uppgiften är slutförd.' }));

  // and it is under "Slutförda", where its form shows the submitted values read-only
  await page.getByRole('link', { name: 'Slutförda' }).click();
  await page.getByRole('row').filter({ hasText: disruptionId }).getByRole('link', { name: 'Visa' }).click();
  await page.locator('#task-form .fjs-form').waitFor();
  expect(await page.getByLabel(/Sammanfattning/).inputValue()).toBe('Sesam går inte att nå för någon förskrivare sedan 08.10.');
  expect(await page.getByLabel(/Sammanfattning/).isEditable()).toBe(false);
  expect(await page.getByRole('button', { name: /Slutför/ }).count()).toBe(0);
  await h.screenshot(page, 'task-completed-readonly');
  expect(consoleErrors).toEqual([]);
});

/** A published-notice subprocess waiting for the system owner's approval (R3, R11). */
async function startNoticeApproval(disruptionId: string): Promise<{ pi: string; task: { userTaskKey: string; name: string } }> {
  const pi = await h.startProcess('publicera-driftinformation', {
    disruptionId,
    system: 'sesam',
    reportedAt: new Date().toISOString(),
    drill: false,
    noticeKind: 'disruption',
    // prefilled by the routine's call activity, as in bpmn/driftstorning-sesam.bpmn
    noticeState: 'investigating',
    noticeTitle: 'Driftstörning i Sesam och Visma webSesam',
    noticeBody: 'Sesam S2, Websesam och Visma webSesam går inte att nå. Region Skånes IT felsöker.',
  });
  return { pi, task: await h.waitForTask(pi, 'UserTask_ApproveNotice') };
}

async function csrfTokenOf(page: import('playwright-core').Page): Promise<string> {
  return (await page.locator('input[name="_csrf"]').first().getAttribute('value')) ?? '';
}

test('R3, R11: the system owner approves a notice; "Godkänd av" is the signed-in user, whatever the form sent', async () => {
  // given a notice waiting for approval
  const disruptionId = `D-NOTICE-${Date.now()}`;
  const { pi, task } = await startNoticeApproval(disruptionId);
  const { page, consoleErrors } = await h.newPage();

  // when the system owner signs in and opens the task
  await h.signIn(page, DEMO.systemOwner);
  await page.getByRole('row').filter({ hasText: disruptionId }).getByRole('link', { name: task.name }).click();
  await page.locator('#task-form .fjs-form').waitFor();

  // then the approver field is prefilled with the signed-in user's id
  expect(await page.getByLabel(/Godkänd av/).inputValue()).toBe(DEMO.systemOwner.id);

  // when the owner writes the notice, changes the approver field to someone else and submits (claim on submit)
  await page.locator('.fjs-form-field-select').filter({ hasText: 'Läge' }).locator('.fjs-select-display').click();
  await page.locator('.fjs-dropdownlist-item').filter({ hasText: 'Felsökning pågår' }).click();
  await page.getByLabel(/Godkänd av/).fill('someone.else');
  await page.getByLabel(/^Rubrik/).fill('Sesam går inte att nå');
  // (typing and clicking the checkbox at once: no input debounce may swallow the click)
  await page.getByLabel(/^Text/).fill('Beställningssystemet Sesam går inte att nå. IT felsöker. Nästa uppdatering kl. 11.');
  await page.getByLabel(/Jag godkänner/).check();
  expect(await page.getByLabel(/Jag godkänner/).isChecked()).toBe(true);
  await h.screenshot(page, 'task-approve-notice-filled');
  // (the approval task's completing listener, R3, played here: the completion waits for it)
  const listener = h.acceptApprovalListener(pi);
  await page.getByRole('button', { name: 'Ta och slutför uppgiften' }).click();
  await page.waitForURL(/\/tasks\?ok=completed/);
  await listener;

  // then the task is completed by the owner and the approval names the signed-in user (R3)
  const done = await h.client.getUserTask(task.userTaskKey as never);
  expect(done.state).toBe('COMPLETED');
  expect(done.assignee).toBe(DEMO.systemOwner.id);
  const approval = await h.waitFor(async () => {
    const r = await h.client.searchVariables({ filter: { processInstanceKey: pi, name: 'noticeApproval' } } as never);
    return r.items[0] as { value: string } | undefined;
  }, 'noticeApproval');
  expect(JSON.parse(approval.value)).toEqual({ approved: true, approvedBy: DEMO.systemOwner.id });
  expect(consoleErrors).toEqual([]);
});

test('R3: a desk user is refused the system owner’s task – not listed, 403 page, and 403 on direct POSTs', async () => {
  // given a notice approval task of the system-owner group, and a signed-in desk user
  const disruptionId = `D-FORBIDDEN-${Date.now()}`;
  const { task } = await startNoticeApproval(disruptionId);
  const { page } = await h.newPage();
  await h.signIn(page, DEMO.desk);

  // then the task is not in the desk's list
  expect(await page.getByRole('row').filter({ hasText: disruptionId }).count()).toBe(0);

  // when the desk opens the task's address directly
  const res = await page.goto(`${h.web.url}/tasks/${task.userTaskKey}`);

  // then the server answers 403 and shows why
  expect(res?.status()).toBe(403);
  await expectText(page.locator('main'), 'hör inte till någon av dina grupper');
  await h.screenshot(page, 'task-forbidden-403');

  // when the desk POSTs claim and completion directly, with its own valid CSRF token
  await page.goto(`${h.web.url}/tasks`);
  const token = await csrfTokenOf(page);
  const claim = await page.request.post(`${h.web.url}/tasks/${task.userTaskKey}/claim`, { form: { _csrf: token }, maxRedirects: 0 });
  const complete = await page.request.post(`${h.web.url}/tasks/${task.userTaskKey}/complete`, {
    headers: { 'x-csrf-token': token, accept: 'application/json' },
    data: { variables: { approved: true, approvedBy: DEMO.desk.id, noticeTitle: 'x', noticeBody: 'y', noticeState: 'resolved' } },
  });

  // then both are refused with 403 and the task is untouched
  expect(claim.status()).toBe(403);
  expect(complete.status()).toBe(403);
  expect((await complete.json()).message).toContain('hör inte till');
  const after = await h.client.getUserTask(task.userTaskKey as never);
  expect(after.state).toBe('CREATED');
  expect(after.assignee ?? null).toBeNull();
});

test('CSRF: a POST without the session’s token is refused (403) and changes nothing', async () => {
  // given the desk's own open task
  const pi = await h.startDisruption();
  const task = await h.waitForTask(pi, 'UserTask_AssessScope');
  const { page } = await h.newPage();
  await h.signIn(page, DEMO.desk);

  // when a claim is posted without and with a wrong token
  const none = await page.request.post(`${h.web.url}/tasks/${task.userTaskKey}/claim`, { form: {}, maxRedirects: 0 });
  const wrong = await page.request.post(`${h.web.url}/tasks/${task.userTaskKey}/claim`, { form: { _csrf: 'x'.repeat(43) }, maxRedirects: 0 });

  // then both are refused and the task stays unassigned
  expect(none.status()).toBe(403);
  expect(wrong.status()).toBe(403);
  expect((await h.client.getUserTask(task.userTaskKey as never)).assignee ?? null).toBeNull();
});

test('R6: the open task list tells the desk when a new task arrives, without reloading under it', async () => {
  // given the desk looking at its task list
  const { page } = await h.newPage();
  await h.signIn(page, DEMO.desk);
  expect(await page.locator('#list-watch').textContent()).toBe('');

  // when a new disruption arrives
  const disruptionId = `D-NEW-${Date.now()}`;
  await h.waitForTask(await h.startDisruption({ disruptionId }), 'UserTask_AssessScope');

  // then the page announces it (polite live region) and the link shows the new task
  await expectText(page.locator('#list-watch'), 'Listan har ändrats');
  expect(await page.locator('#list-watch').getAttribute('aria-live')).toBe('polite');
  await h.screenshot(page, 'tasklist-changed');
  await page.getByRole('link', { name: 'Visa den nya listan' }).click();
  await expectVisible(page.getByRole('row').filter({ hasText: disruptionId }));
});

test('claim and unclaim on the task page (as in Tasklist)', async () => {
  // given an open desk task
  const pi = await h.startDisruption();
  const task = await h.waitForTask(pi, 'UserTask_AssessScope');
  const { page } = await h.newPage();
  await h.signIn(page, DEMO.desk);
  await page.goto(`${h.web.url}/tasks/${task.userTaskKey}`);

  // when the desk claims it
  await page.getByRole('button', { name: 'Ta uppgiften' }).click();
  await page.waitForURL(/ok=claimed/);

  // then it is assigned to the desk user
  expect((await h.client.getUserTask(task.userTaskKey as never)).assignee).toBe(DEMO.desk.id);
  await expectText(page.locator('#task-assignee'), '(du)');

  // when it gives the task back
  await page.getByRole('button', { name: 'Lämna tillbaka uppgiften' }).click();
  await page.waitForURL(/ok=unclaimed/);

  // then nobody holds it
  expect((await h.client.getUserTask(task.userTaskKey as never)).assignee ?? null).toBeNull();
});

test('sign-in: pages need a session; a wrong password is refused with a clear message', async () => {
  // given a browser without a session
  const { page } = await h.newPage();

  // when it opens the cockpit
  await page.goto(`${h.web.url}/cockpit`);

  // then it is sent to the sign-in page
  expect(new URL(page.url()).pathname).toBe('/login');

  // when it signs in with a wrong password
  await page.getByLabel('Användarnamn').fill(DEMO.desk.id);
  await page.getByLabel('Lösenord').fill('fel-lösenord');
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST'), page.getByRole('button', { name: 'Logga in' }).click()]);

  // then it is refused (401) with a message, and no session cookie is set
  expect(response.status()).toBe(401);
  await expectText(page.getByRole('alert'), 'Fel användarnamn eller lösenord');
  expect((await page.context().cookies()).some((c) => c.name === 'lw_session')).toBe(false);
  await h.screenshot(page, 'login-refused');

  // when it signs in correctly, it lands on the page it asked for
  await page.getByLabel('Lösenord').fill(DEMO.desk.password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL(/\/cockpit$/);
  const session = (await page.context().cookies()).find((c) => c.name === 'lw_session');
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Strict');

  // when it signs out, the session is gone on the server too
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.waitForURL(/\/login$/);
  const replay = await page.request.get(`${h.web.url}/tasks`, { headers: { cookie: `lw_session=${session?.value}` }, maxRedirects: 0 });
  expect(replay.status()).toBe(303);
  expect(replay.headers().location).toContain('/login');
});

test('accessibility: narrow screen without horizontal scrolling; keyboard reaches the skip link first', async () => {
  // given an open desk task and a phone-sized browser
  const pi = await h.startDisruption({ disruptionId: `D-NARROW-${Date.now()}` });
  const task = await h.waitForTask(pi, 'UserTask_AssessScope');
  const { page } = await h.newPage({ width: 375, height: 740 });
  await h.signIn(page, DEMO.desk);

  // when the task list and the task are shown
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  // then nothing overflows sideways
  expect(await overflow()).toBeLessThanOrEqual(0);
  await h.screenshot(page, 'tasklist-narrow');
  await page.goto(`${h.web.url}/tasks/${task.userTaskKey}`);
  await page.locator('#task-form .fjs-form').waitFor();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await h.screenshot(page, 'task-narrow');

  // when the user presses Tab once, the skip link has focus
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hoppa till innehållet');

  // and every input of the form has a label
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input:not([type=hidden]), textarea, select')].filter((el) => {
      const id = el.getAttribute('id');
      return !(id && document.querySelector(`label[for="${id}"]`)) && !el.closest('label') && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby');
    }).length,
  );
  expect(unlabelled).toBe(0);
});
