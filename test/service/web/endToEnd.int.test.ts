import type { CamundaRestClient } from '@camunda8/sdk';
import type { Browser, Page } from 'playwright-core';
import { ServiceHarness, eventually, launchBrowser, screenshot } from './support/ServiceHarness';

/** 'completed', or the HTTP status the engine refused with. */
const statusOf = (outcome: unknown) => (outcome && typeof outcome === 'object' && 'statusCode' in outcome ? (outcome as { statusCode: number }).statusCode : 'completed');

async function openTask(camunda: CamundaRestClient, elementId: string, exclude: string[] = []): Promise<string> {
  return eventually(async () => {
    const tasks = await camunda.searchUserTasks({ filter: { elementId, state: 'CREATED' }, page: { from: 0, limit: 10 }, sort: [{ field: 'creationDate', order: 'ASC' }] });
    const task = tasks.items.find((t) => t.elementId === elementId && !exclude.includes(String(t.userTaskKey)));
    return task ? String(task.userTaskKey) : undefined;
  });
}

/**
 * The whole service as deployed: web server, intake and the job workers (startService), against the local runtime
 * running the real models. Tasklist is played by the SDK completing user tasks (the local Tasklist stand-in is
 * tested by local-web).
 */
describe('end to end: a call becomes an approved, published notice that reaches page, feed and subscriber (R3, R4, R6, P1, P3)', () => {
  let h: ServiceHarness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    // the workers poll often, so that 50 approvals in a row take seconds (each completion waits for its listener job)
    h = await new ServiceHarness({ runtime: true, workers: true, env: { WORKER_POLL_INTERVAL_MS: '20' } }).start();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await h?.stop();
  });

  test('R3 R4 P3: only the system owner\'s approval publishes; the notice then shows on the page, in the feed and in the subscriber\'s mail', async () => {
    // given: a confirmed subscriber and a reported disruption, assessed by the desk as "Sesam down" (3b)
    const { confirmToken } = h.subscribers().subscribe('prenumerant@skane.example');
    const subscriber = h.subscribers().confirm(confirmToken!)!;
    const report = (await (
      await h.api('/api/reports', { method: 'POST', body: { reporterName: 'Eva Förskrivare', reporterPhone: '046-123 45 67', symptom: 'Sesam svarar inte' } })
    ).json()) as { disruptionId: string };
    const camunda = h.camunda!;
    await camunda.completeUserTask({ userTaskKey: await openTask(camunda, 'UserTask_AssessScope'), variables: { scope: 'sesam-down', summary: 'Sesam nere för alla' } });
    const approval = await openTask(camunda, 'UserTask_ApproveNotice');
    const draft = { noticeState: 'investigating', noticeTitle: 'Sesam går inte att nå', noticeBody: 'Region Skånes IT felsöker. Vänta med beställningar.', prognosis: null };

    // when: someone outside the system-owner group claims the task and "approves" (as in Tasklist: claim, then complete)
    await camunda.assignUserTask({ userTaskKey: approval, assignee: 'desk' });
    const refused = await camunda.completeUserTask({ userTaskKey: approval, variables: { ...draft, approved: true, approvedBy: 'desk' } }).then(statusOf, statusOf);
    // then: the completion itself is denied (R3, decided by the approval task's listener), the task stays open, nothing is published
    expect(refused).toBe(409);
    expect(await camunda.getUserTask(approval)).toMatchObject({ state: 'CREATED', assignee: 'desk' });
    expect((await (await fetch(`${h.url}/driftinfo/feed.json`)).json()).items).toHaveLength(0);

    // when: the system owner claims and approves
    await camunda.assignUserTask({ userTaskKey: approval, assignee: 'systemansvarig' });
    await camunda.completeUserTask({ userTaskKey: approval, variables: { ...draft, approved: true, approvedBy: 'systemansvarig' } });
    // then: the page, the feed and the subscriber's mail show it (R4, P3)
    const feed = await eventually(async () => {
      const f = (await (await fetch(`${h.url}/driftinfo/feed.json`)).json()) as { items: { title: string; url: string }[] };
      return f.items.length > 0 ? f : undefined;
    });
    expect(feed.items[0].title).toBe('[Felsökning pågår] Sesam går inte att nå');
    expect(feed.items[0].url).toBe(`${h.url}/driftinfo/meddelande/${report.disruptionId}#uppdatering-1`);
    await page.goto(`${h.url}/driftinfo`);
    await expect(page.getByRole('region', { name: 'Aktuellt' }).getByRole('heading', { name: 'Sesam går inte att nå' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'end-to-end-published-notice');
    const mail = await h.mail.waitFor((m) => ((m.to as { text: string } | undefined)?.text ?? '').includes('prenumerant@skane.example'));
    const raw = (name: string) => mail.headerLines.find((l) => l.key === name)?.line.replace(/^[^:]+:\s*/, '');
    expect(raw('list-unsubscribe')).toBe(`<${subscriber.unsubscribeUrl}>`);
    expect(raw('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    // when: the next caller reaches the desk (P1, R16)
    const next = (await h.report({ reporterName: 'Olle Andersson', reporterPhone: '040-987 65 43' })) as unknown as { outcome: string; disruptionId: string; tellCaller: { noticeUrl: string; lines: string[] } };
    // then: the call attaches, and the desk points the caller at the published notice itself
    expect(next.outcome).toBe('attached');
    expect(next.disruptionId).toBe(report.disruptionId);
    expect(next.tellCaller.noticeUrl).toBe(`${h.url}/driftinfo/meddelande/${report.disruptionId}`);
  });

  test('R3: the approval race, 50 times in a row – the desk\'s completion is denied in the completion itself, the system owner\'s always publishes, with her as the approver', async () => {
    // given the publishing process, started 50 times (one approval each)
    const camunda = h.camunda!;
    const draft = { noticeState: 'investigating', noticeTitle: 'Sesam går inte att nå', noticeBody: 'Region Skånes IT felsöker.', prognosis: null };
    const decisions: Array<[unknown, unknown]> = [];
    const instances: string[] = [];
    for (let i = 1; i <= 50; i++) {
      const { processInstanceKey } = await camunda.createProcessInstance({
        processDefinitionId: 'publicera-driftinformation',
        variables: { disruptionId: `SESAM-20261125-R${i}`, system: 'sesam', reportedAt: h.clock.toISOString(), drill: false, noticeKind: 'disruption', noticeState: 'investigating', noticeTitle: draft.noticeTitle, noticeBody: draft.noticeBody },
      });
      instances.push(processInstanceKey);
      // the task exists once the creation returned (the local runtime's records are consistent at once)
      const [task] = (await camunda.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } })).items;
      // when the desk claims and completes it, then the system owner does
      await camunda.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'desk' });
      const desk = await camunda.completeUserTask({ userTaskKey: task.userTaskKey, variables: { ...draft, approved: true, approvedBy: 'systemansvarig' } }).then(statusOf, statusOf);
      await camunda.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'systemansvarig' });
      const owner = await camunda.completeUserTask({ userTaskKey: task.userTaskKey, variables: { ...draft, approved: true, approvedBy: 'systemansvarig' } }).then(statusOf, statusOf);
      decisions.push([desk, owner]);
    }
    // then every desk completion was refused and every owner's accepted, decided by the engine, not by a later search
    expect(decisions).toEqual(Array.from({ length: 50 }, () => [409, 'completed']));
    const completed = await eventually(async () => {
      const found = await camunda.searchProcessInstances({ filter: { processDefinitionId: 'publicera-driftinformation', state: 'COMPLETED' }, page: { from: 0, limit: 100 } } as never);
      const done = found.items.map((p) => String(p.processInstanceKey)).filter((k) => instances.includes(k));
      return done.length === instances.length ? done : undefined;
    }, 60_000);
    expect(completed).toHaveLength(50);
    const published = h.notices().list().filter((n) => n.disruptionId.startsWith('SESAM-20261125-R'));
    expect(published).toHaveLength(50);
    expect(new Set(published.map((n) => n.approvedBy))).toEqual(new Set(['systemansvarig']));
  }, 180_000);
});
