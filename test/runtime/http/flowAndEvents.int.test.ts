/**
 * Conformance through @camunda8/sdk, issue #3 items 3, 6 and 7: gateways, subprocesses, event
 * subprocesses, boundary and intermediate events, multi-instance, end events, messages and timers on the
 * one controllable clock (PUT /v2/clock, POST /actuator/clock/add). Every timer is asserted active
 * before the clock moves.
 */
import type { RunningRuntime } from '../../../runtime/src/startRuntime';
import { raw, sdkClient, startTestRuntime, type RestClient } from './support/localRuntime';
import { HOUR, MINUTE, activate, activeElementIds, deploy, elements, instance, openUserTasks, processVariables, trail } from './support/sdkHelpers';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');

describe('SDK conformance: flow, events, messages and timers (issue #3 items 3, 6, 7)', () => {
  let runtime: RunningRuntime;
  let client: RestClient;
  const addTime = async (ms: number) => {
    const res = await raw(runtime, 'POST', '/actuator/clock/add', JSON.stringify({ offsetMilli: ms }));
    expect(res.status).toBe(200);
  };
  const now = async () => ((await raw(runtime, 'GET', '/actuator/clock')).body as { epochMilli: number }).epochMilli;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    client = sdkClient(runtime);
    await client.pinInternalClock(T0);
    await deploy(
      client,
      'api-exclusive-gateway.bpmn',
      'api-parallel-gateway.bpmn',
      'api-event-based-gateway.bpmn',
      'api-boundary-events.bpmn',
      'api-intermediate-catch.bpmn',
      'api-feel-timer.bpmn',
      'api-timer-cycle.bpmn',
      'api-event-subprocess.bpmn',
      'api-multi-instance.bpmn',
      'api-error-end.bpmn',
      'api-message-start.bpmn',
      'api-task-variants.bpmn',
    );
  });
  afterAll(async () => {
    await runtime?.close();
  });

  test.each([
    { hours: 6, end: 'EndEvent_Long' },
    { hours: 2, end: 'EndEvent_Medium' },
    { hours: 0.5, end: 'EndEvent_Short' },
  ])('exclusive gateway: FEEL conditions and default flow (hours $hours → $end)', async ({ hours, end }) => {
    // given / when
    const result = await client.createProcessInstanceWithResult({ processDefinitionId: 'api-exclusive-gateway', variables: { hours } });
    // then
    expect(await trail(client, result.processInstanceKey)).toEqual(['StartEvent_Received:COMPLETED', 'Gateway_HowLong:COMPLETED', `${end}:COMPLETED`]);
  });

  test('parallel gateway: both branches get jobs; the join waits for both', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-parallel-gateway', variables: {} });
    const [desk] = await activate(client, 'api-notify-desk');
    const [vendor] = await activate(client, 'api-notify-vendor');
    // when: one branch done
    await client.completeJob({ jobKey: desk.jobKey, variables: { deskNotified: true } });
    // then: still waiting at the join
    expect((await instance(client, created.processInstanceKey)).state).toBe('ACTIVE');
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(expect.arrayContaining(['ServiceTask_NotifyVendor']));
    // when: the other branch done
    await client.completeJob({ jobKey: vendor.jobKey, variables: { vendorNotified: true } });
    // then
    expect((await instance(client, created.processInstanceKey)).state).toBe('COMPLETED');
    expect(await processVariables(client, created.processInstanceKey)).toEqual({ deskNotified: true, vendorNotified: true });
  });

  test('event-based gateway: the message wins when it comes first; the timer is cancelled', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-event-based-gateway', variables: { outageId: 'EB-1' } });
    // as in Zeebe, the token waits on the gateway itself
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(['Gateway_WhatHappensFirst']);
    // when
    const correlated = await client.correlateMessage({ name: 'api-system-restored', correlationKey: 'EB-1', variables: { restoredBy: 'Visma' } });
    // then
    expect(correlated).toMatchObject({ processInstanceKey: created.processInstanceKey, messageKey: expect.stringMatching(/^\d+$/), tenantId: '<default>' });
    expect((await instance(client, created.processInstanceKey)).state).toBe('COMPLETED');
    const byId = Object.fromEntries((await elements(client, created.processInstanceKey)).map((e) => [e.elementId, e.state]));
    expect(byId).toMatchObject({ Event_SystemRestored: 'COMPLETED', EndEvent_Restored: 'COMPLETED' });
    expect(byId.EndEvent_BackupStarted).toBeUndefined();
    expect(await processVariables(client, created.processInstanceKey)).toEqual({ outageId: 'EB-1', restoredBy: 'Visma' });
  });

  test('event-based gateway: the timer wins after 4 hours on the controlled clock', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-event-based-gateway', variables: { outageId: 'EB-2' } });
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(['Gateway_WhatHappensFirst']);
    // when
    await addTime(4 * HOUR - 1);
    expect((await instance(client, created.processInstanceKey)).state).toBe('ACTIVE');
    await addTime(1);
    // then
    expect(await trail(client, created.processInstanceKey)).toEqual(
      expect.arrayContaining(['Event_FourHoursPassed:COMPLETED', 'EndEvent_BackupStarted:COMPLETED']),
    );
    expect((await instance(client, created.processInstanceKey)).state).toBe('COMPLETED');
  });

  test('boundary events: non-interrupting timer spawns a reminder, interrupting message cancels the task', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-boundary-events', variables: { outageId: 'BE-1' } });
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(['ServiceTask_ReachOwner']);
    // when: 30 minutes pass
    await addTime(30 * MINUTE);
    // then: the task is still active and a reminder job exists
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(expect.arrayContaining(['ServiceTask_ReachOwner', 'ServiceTask_SendReminder']));
    const [reminder] = await activate(client, 'api-send-reminder');
    await client.completeJob({ jobKey: reminder.jobKey, variables: {} });
    // when: the outage is cancelled
    await client.publishMessage({ name: 'api-outage-cancelled', correlationKey: 'BE-1', variables: {}, timeToLive: 0 });
    // then
    const byId = Object.fromEntries((await elements(client, created.processInstanceKey)).map((e) => [e.elementId, e.state]));
    expect(byId).toMatchObject({ ServiceTask_ReachOwner: 'TERMINATED', Event_OutageCancelled: 'COMPLETED', EndEvent_Cancelled: 'COMPLETED', EndEvent_Reminded: 'COMPLETED' });
    expect((await instance(client, created.processInstanceKey)).state).toBe('COMPLETED');
    expect(await activate(client, 'api-reach-owner')).toEqual([]);
  });

  test('intermediate timer then message catch; the correlation key is evaluated when the catch opens', async () => {
    // given: the instance waits on its 4-hour timer; meanwhile the outage id changes
    const created = await client.createProcessInstance({ processDefinitionId: 'api-intermediate-catch', variables: { outageId: 'IC-1' } });
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(['Event_FourHoursPassed']);
    const before = await now();
    await client.updateElementInstanceVariables({ elementInstanceKey: created.processInstanceKey, variables: { outageId: 'IC-1b' } } as never);
    // when: 4 hours pass
    await addTime(4 * HOUR);
    // then: the timer fired at exactly T + 4 h and the message catch is open
    const timer = (await elements(client, created.processInstanceKey)).find((e) => e.elementId === 'Event_FourHoursPassed')!;
    expect(timer).toMatchObject({ state: 'COMPLETED', endDate: new Date(before + 4 * HOUR).toISOString() });
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(['Event_SystemRestored']);
    // when: a message for the old id, then for the id current when the catch opened
    await client.publishMessage({ name: 'api-restored', correlationKey: 'IC-1', variables: { wrong: true }, timeToLive: 0 });
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(['Event_SystemRestored']);
    await client.publishMessage({ name: 'api-restored', correlationKey: 'IC-1b', variables: { restored: true }, timeToLive: 0 });
    // then
    expect((await instance(client, created.processInstanceKey)).state).toBe('COMPLETED');
    expect(await processVariables(client, created.processInstanceKey)).toEqual({ outageId: 'IC-1b', restored: true });
  });

  test('message buffering: a message published before the catch opens correlates within its time to live', async () => {
    // given: the message is published first, with one hour to live
    const published = await client.publishMessage({ name: 'api-restored', correlationKey: 'BUF-1', variables: { early: true }, timeToLive: HOUR });
    expect(published).toMatchObject({ messageKey: expect.stringMatching(/^\d+$/), tenantId: '<default>' });
    const created = await client.createProcessInstance({ processDefinitionId: 'api-intermediate-catch', variables: { outageId: 'BUF-1' } });
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(['Event_FourHoursPassed']);
    // when: the catch opens after 4 hours — past the message's time to live
    await addTime(4 * HOUR);
    // then: the message expired; the instance waits
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(['Event_SystemRestored']);
    // and: a message with a long time to live is buffered until the catch opens
    const second = await client.createProcessInstance({ processDefinitionId: 'api-intermediate-catch', variables: { outageId: 'BUF-2' } });
    await client.publishMessage({ name: 'api-restored', correlationKey: 'BUF-2', variables: { buffered: true }, timeToLive: 5 * HOUR });
    expect(await activeElementIds(client, second.processInstanceKey)).toEqual(['Event_FourHoursPassed']);
    await addTime(4 * HOUR);
    expect((await instance(client, second.processInstanceKey)).state).toBe('COMPLETED');
    expect(await processVariables(client, second.processInstanceKey)).toEqual({ outageId: 'BUF-2', buffered: true });
    await client.cancelProcessInstance({ processInstanceKey: created.processInstanceKey });
  });

  test('messageId: a second publication with the same id while the first is buffered → 409', async () => {
    // given
    await client.publishMessage({ name: 'api-restored', correlationKey: 'DUP-1', messageId: 'msg-1', variables: {}, timeToLive: HOUR });
    // when
    const duplicate = await raw(runtime, 'POST', '/v2/messages/publication', JSON.stringify({ name: 'api-restored', correlationKey: 'DUP-1', messageId: 'msg-1', timeToLive: HOUR }));
    // then
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ status: 409, title: 'ALREADY_EXISTS' });
  });

  test('correlate: 404 when no subscription or message start waits for the message', async () => {
    // given / when
    const res = await raw(runtime, 'POST', '/v2/messages/correlation', JSON.stringify({ name: 'api-restored', correlationKey: 'NOBODY' }));
    // then
    expect(res.status).toBe(404);
  });

  test('message start event: starts an instance; at most one active instance per correlation key', async () => {
    // given / when
    const first = await client.correlateMessage({ name: 'api-outage-reported', correlationKey: 'REP-1', variables: { reporter: 'vårdcentral' } });
    await client.publishMessage({ name: 'api-outage-reported', correlationKey: 'REP-1', variables: {}, timeToLive: 0 });
    const other = await client.correlateMessage({ name: 'api-outage-reported', correlationKey: 'REP-2', variables: {} });
    // then
    const started = await client.searchProcessInstances({ filter: { processDefinitionId: 'api-message-start' } } as never);
    expect(started.items.map((i) => i.processInstanceKey).sort()).toEqual([first.processInstanceKey, other.processInstanceKey].sort());
    expect(await processVariables(client, first.processInstanceKey)).toEqual({ reporter: 'vårdcentral' });
  });

  test('FEEL timers: duration from a variable, then a date from a variable', async () => {
    // given
    const start = await now();
    const deadline = new Date(start + 5 * HOUR).toISOString();
    const created = await client.createProcessInstance({ processDefinitionId: 'api-feel-timer', variables: { waitHours: 2, deadline } });
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(['Event_WaitPeriodOver']);
    // when
    await addTime(2 * HOUR);
    // then
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(['Event_DeadlineReached']);
    await addTime(3 * HOUR - 1);
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(['Event_DeadlineReached']);
    await addTime(1);
    expect((await instance(client, created.processInstanceKey)).state).toBe('COMPLETED');
  });

  test('timeCycle R3/PT1H on a non-interrupting boundary fires three times, an hour apart', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-timer-cycle', variables: {} });
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(['UserTask_CloseOutage']);
    const statusJobs = async () => (await elements(client, created.processInstanceKey)).filter((e) => e.elementId === 'ServiceTask_PublishStatus').length;
    // when / then
    await addTime(HOUR - 1);
    expect(await statusJobs()).toBe(0);
    for (const expected of [1, 2, 3]) {
      await addTime(expected === 1 ? 1 : HOUR);
      expect(await statusJobs()).toBe(expected);
    }
    await addTime(HOUR);
    expect(await statusJobs()).toBe(3);
    await client.cancelProcessInstance({ processInstanceKey: created.processInstanceKey });
  });

  test('event subprocesses: non-interrupting timer runs beside the task; interrupting message ends it', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-event-subprocess', variables: { reportId: 'R-9' } });
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(['UserTask_HandleOutage']);
    // when: a day passes
    await addTime(24 * HOUR);
    // then: a reminder job while the user task is still open
    const [reminder] = await activate(client, 'api-daily-reminder');
    expect(reminder.processInstanceKey).toBe(created.processInstanceKey);
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(expect.arrayContaining(['UserTask_HandleOutage', 'SubProcess_Reminder', 'ServiceTask_Remind']));
    await client.completeJob({ jobKey: reminder.jobKey, variables: {} });
    // when: the report is withdrawn
    await client.correlateMessage({ name: 'api-report-withdrawn', correlationKey: 'R-9', variables: {} });
    // then
    const byId = Object.fromEntries((await elements(client, created.processInstanceKey)).map((e) => [e.elementId, e.state]));
    expect(byId).toMatchObject({ UserTask_HandleOutage: 'TERMINATED', EndEvent_Withdrawn: 'COMPLETED' });
    expect((await instance(client, created.processInstanceKey)).state).toBe('COMPLETED');
    expect(await openUserTasks(client, created.processInstanceKey)).toEqual([]);
  });

  test('multi-instance: parallel over a FEEL collection with an output collection, then sequential', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-multi-instance', variables: { units: ['Lund', 'Malmö', 'Ystad'] } });
    // when: all three parallel jobs exist at once
    const parallel = await activate(client, 'api-notify-unit');
    const unitOf = (j: { variables: unknown }) => (j.variables as { unit: string }).unit;
    expect(parallel.map(unitOf).sort()).toEqual(['Lund', 'Malmö', 'Ystad']);
    for (const job of [...parallel].reverse()) await client.completeJob({ jobKey: job.jobKey, variables: { receipt: `ok-${unitOf(job)}` } });
    // then: the output collection keeps the input order; the sequential part runs one at a time
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const jobs = await activate(client, 'api-call-unit');
      expect(jobs).toHaveLength(1);
      order.push(unitOf(jobs[0]));
      await client.completeJob({ jobKey: jobs[0].jobKey, variables: {} });
    }
    expect(order).toEqual(['Lund', 'Malmö', 'Ystad']);
    expect((await instance(client, created.processInstanceKey)).state).toBe('COMPLETED');
    expect((await processVariables(client, created.processInstanceKey)).receipts).toEqual(['ok-Lund', 'ok-Malmö', 'ok-Ystad']);
  });

  test('error end event in a subprocess is caught by its boundary event', async () => {
    // given / when: no vendor → the subprocess throws VENDOR_UNKNOWN
    const result = await client.createProcessInstanceWithResult({ processDefinitionId: 'api-error-end', variables: {} });
    // then: as in Zeebe, the throwing end event and its subprocess are terminated, the boundary path completes
    expect(await trail(client, result.processInstanceKey)).toEqual([
      'StartEvent_Started:COMPLETED',
      'SubProcess_Check:TERMINATED',
      'StartEvent_CheckStarted:COMPLETED',
      'Gateway_VendorKnown:COMPLETED',
      'EndEvent_VendorUnknown:TERMINATED',
      'Event_VendorUnknown:COMPLETED',
      'EndEvent_AskedDesk:COMPLETED',
    ]);
  });

  test('terminate end event completes the instance and cancels the other branch', async () => {
    // given / when: a vendor is known → parallel branch with a user task and a terminate end
    const result = await client.createProcessInstanceWithResult({ processDefinitionId: 'api-error-end', variables: { vendor: 'Visma' } });
    // then
    expect((await instance(client, result.processInstanceKey)).state).toBe('COMPLETED');
    const byId = Object.fromEntries((await elements(client, result.processInstanceKey)).map((e) => [e.elementId, e.state]));
    expect(byId).toMatchObject({ EndEvent_Terminated: 'COMPLETED', UserTask_Wait: 'TERMINATED' });
    expect(await openUserTasks(client, result.processInstanceKey)).toEqual([]);
  });

  test('send and business rule tasks are jobs; output mappings keep job variables local', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-task-variants', variables: { caseId: 'TV-1' } });
    // when
    const [send] = await activate(client, 'api-send-notice');
    await client.completeJob({ jobKey: send.jobKey, variables: { receipt: { id: 'N-17', channel: 'sms' } } });
    const [classify] = await activate(client, 'api-classify');
    await client.completeJob({ jobKey: classify.jobKey, variables: { category: 'acute' } });
    // then: the send task's output mapping took noticeId only; the business rule task propagated category
    expect(send.elementId).toBe('SendTask_SendNotice');
    expect(classify.elementId).toBe('BusinessRuleTask_Classify');
    expect(await processVariables(client, created.processInstanceKey)).toEqual({ caseId: 'TV-1', noticeId: 'N-17', category: 'acute' });
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(['UserTask_ReviewCase']);
    await client.cancelProcessInstance({ processInstanceKey: created.processInstanceKey });
  });

  test('boundary events: non-interrupting message keeps the user task; interrupting timer cancels it', async () => {
    // given: the review task is open
    const created = await client.createProcessInstance({ processDefinitionId: 'api-task-variants', variables: { caseId: 'TV-2' } });
    for (const type of ['api-send-notice', 'api-classify']) {
      const [job] = await activate(client, type);
      await client.completeJob({ jobKey: job.jobKey, variables: { receipt: { id: 'N-18' } } });
    }
    const [task] = await openUserTasks(client, created.processInstanceKey);
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(['UserTask_ReviewCase']);
    // when: a comment arrives
    await client.correlateMessage({ name: 'api-review-comment', correlationKey: 'TV-2', variables: { comment: 'ring verkstaden' } });
    // then: the task stays open
    expect(await client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CREATED' });
    expect(await trail(client, created.processInstanceKey)).toEqual(expect.arrayContaining(['Event_CommentReceived:COMPLETED', 'EndEvent_CommentNoted:COMPLETED']));
    // when: two hours pass
    await addTime(2 * HOUR);
    // then: the task is cancelled and the escalation path completes
    expect(await client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CANCELED' });
    expect(await trail(client, created.processInstanceKey)).toEqual(expect.arrayContaining(['UserTask_ReviewCase:TERMINATED', 'Event_ReviewOverdue:COMPLETED', 'EndEvent_Escalated:COMPLETED']));
    expect((await instance(client, created.processInstanceKey)).state).toBe('COMPLETED');
  });

  test('timer start event R2/PT1H starts an instance every hour, twice', async () => {
    // given: deployed now
    await deploy(client, 'api-timer-start.bpmn');
    const started = async () => (await client.searchProcessInstances({ filter: { processDefinitionId: 'api-timer-start' } } as never)).page.totalItems;
    expect(await started()).toBe(0);
    // when / then
    await addTime(HOUR - 1);
    expect(await started()).toBe(0);
    await addTime(1);
    expect(await started()).toBe(1);
    await addTime(HOUR);
    expect(await started()).toBe(2);
    await addTime(HOUR);
    expect(await started()).toBe(2);
  });

  test('clock: PUT /v2/clock pins, POST /v2/clock/reset returns to system time', async () => {
    // given
    const pinned = Date.parse('2027-01-01T00:00:00Z');
    // when
    await client.pinInternalClock(pinned);
    const afterPin = await now();
    await client.resetClock();
    const afterReset = await now();
    await client.pinInternalClock(T0 + 100 * HOUR);
    // then
    expect(afterPin).toBe(pinned);
    expect(Math.abs(afterReset - Date.now())).toBeLessThan(5000);
  });
});
