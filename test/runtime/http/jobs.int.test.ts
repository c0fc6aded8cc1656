/**
 * Conformance through @camunda8/sdk, issue #3 item 5 (jobs) and item 9 (incidents): job workers,
 * long polling, custom headers, fetchVariable, fail with retries and back-off, timeout, incidents and
 * their resolution, BPMN errors to a catch or to an incident.
 */
import type { RunningRuntime } from '../../../runtime/src/startRuntime';
import { basicAuth, eventually, raw, sdkClient, startTestRuntime, type RestClient } from './support/localRuntime';
import { MINUTE, activate, activeElementIds, deploy, elements, incidents, instance, processVariables, trail } from './support/sdkHelpers';

describe('SDK conformance: jobs and incidents (issue #3 items 5, 9)', () => {
  let runtime: RunningRuntime;
  let client: RestClient;
  const workers: Array<{ stop(): Promise<unknown> }> = [];

  beforeAll(async () => {
    runtime = await startTestRuntime();
    client = sdkClient(runtime);
    await client.pinInternalClock(Date.parse('2026-03-02T08:00:00Z'));
    await deploy(client, 'api-service-task.bpmn', 'api-boundary-events.bpmn', 'api-parallel-gateway.bpmn');
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });
  afterAll(async () => {
    await runtime?.close();
  });

  test('an SDK job worker gets the job with headers and variables and completes it', async () => {
    // given
    const seen: Array<{ headers: unknown; variables: unknown; elementId: string; retries: number }> = [];
    workers.push(
      client.createJobWorker({
        type: 'api-do-work',
        worker: 'conformance-worker',
        timeout: 30_000,
        maxJobsToActivate: 5,
        jobHandler: (job) => {
          seen.push({ headers: { ...job.customHeaders }, variables: { ...job.variables }, elementId: job.elementId, retries: job.retries });
          return job.complete({ result: 'done', count: 2 });
        },
      }),
    );
    // when
    const created = await client.createProcessInstance({ processDefinitionId: 'api-service-task', variables: { outageId: 'OUT-1' } });
    // then
    await eventually(async () => ((await instance(client, created.processInstanceKey)).state === 'COMPLETED' ? true : undefined), 'instance completed');
    expect(seen).toEqual([{ headers: { channel: 'desk' }, variables: { outageId: 'OUT-1' }, elementId: 'ServiceTask_DoWork', retries: 3 }]);
    expect(await processVariables(client, created.processInstanceKey)).toEqual({ outageId: 'OUT-1', result: 'done', count: 2 });
  });

  test('activated job: Camunda 8.8 shape with string keys, deadline from the runtime clock, fetchVariable', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-service-task', variables: { outageId: 'OUT-2', other: 1 } });
    // when
    const jobs = await client.activateJobs({ type: 'api-do-work', worker: 'w1', timeout: 60_000, maxJobsToActivate: 1, fetchVariable: ['outageId'] });
    const clock = (await raw(runtime, 'GET', '/actuator/clock')).body as { epochMilli: number };
    // then
    expect(jobs).toHaveLength(1);
    const { variables, customHeaders, ...job } = jobs[0] as unknown as Record<string, unknown>;
    expect({ ...(variables as object) }).toEqual({ outageId: 'OUT-2' });
    expect({ ...(customHeaders as object) }).toEqual({ channel: 'desk' });
    expect(job).toMatchObject({
      jobKey: expect.stringMatching(/^\d+$/),
      type: 'api-do-work',
      processInstanceKey: created.processInstanceKey,
      processDefinitionId: 'api-service-task',
      processDefinitionVersion: 1,
      processDefinitionKey: created.processDefinitionKey,
      elementId: 'ServiceTask_DoWork',
      elementInstanceKey: expect.stringMatching(/^\d+$/),
      worker: 'w1',
      retries: 3,
      tenantId: '<default>',
    });
    expect(Number(job.deadline)).toBe(clock.epochMilli + 60_000);
    await client.completeJob({ jobKey: job.jobKey as string, variables: {} });
  });

  test('long polling: a held activation answers as soon as a job is created', async () => {
    // given: a poll that may wait up to 20 s, sent before any job exists
    const poll = client.activateJobs({ type: 'api-notify-desk', worker: 'long-poller', timeout: 60_000, maxJobsToActivate: 5, requestTimeout: 20_000 });
    await new Promise((r) => setTimeout(r, 100));
    // when
    const created = await client.createProcessInstance({ processDefinitionId: 'api-parallel-gateway', variables: {} });
    // then: the held poll returns the new job (without long polling it would have answered empty)
    const jobs = await poll;
    expect(jobs.map((j) => j.processInstanceKey)).toEqual([created.processInstanceKey]);
    await client.completeJob({ jobKey: jobs[0].jobKey, variables: {} });
    await client.cancelProcessInstance({ processInstanceKey: created.processInstanceKey });
  });

  test('long polling: a poll whose client hung up activates nothing; the job goes to the next poll', async () => {
    // given: a held poll that its client aborts (as a stopping SDK worker does)
    const aborted = new AbortController();
    const held = fetch(`${runtime.restAddress}/v2/jobs/activation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basicAuth() },
      body: JSON.stringify({ type: 'api-notify-vendor', worker: 'leaving', timeout: 600_000, maxJobsToActivate: 5, requestTimeout: 20_000 }),
      signal: aborted.signal,
    }).catch((err: Error) => err.name);
    await new Promise((r) => setTimeout(r, 100));
    aborted.abort();
    expect(await held).toBe('AbortError');
    await new Promise((r) => setTimeout(r, 50));
    // when
    const created = await client.createProcessInstance({ processDefinitionId: 'api-parallel-gateway', variables: {} });
    // then: the job was not activated for the client that left
    const jobs = await activate(client, 'api-notify-vendor');
    expect(jobs.map((j) => j.processInstanceKey)).toEqual([created.processInstanceKey]);
    await client.cancelProcessInstance({ processInstanceKey: created.processInstanceKey });
  });

  test('long polling: with no job the poll is held for requestTimeout and answers empty', async () => {
    // given
    const started = Date.now();
    // when
    const jobs = await client.activateJobs({ type: 'api-no-such-type', worker: 'w', timeout: 1000, maxJobsToActivate: 1, requestTimeout: 300 });
    // then
    expect(jobs).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  test('job timeout: an activated job that is not completed becomes activatable again after its timeout', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-service-task', variables: {} });
    const [first] = await client.activateJobs({ type: 'api-do-work', worker: 'slow', timeout: 5 * MINUTE, maxJobsToActivate: 1 });
    expect(first.processInstanceKey).toBe(created.processInstanceKey);
    expect(await activate(client, 'api-do-work')).toEqual([]);
    // when
    await raw(runtime, 'POST', '/actuator/clock/add', JSON.stringify({ offsetMilli: 5 * MINUTE + 1 }));
    // then
    const again = await activate(client, 'api-do-work');
    expect(again.map((j) => j.jobKey)).toEqual([first.jobKey]);
    await client.completeJob({ jobKey: first.jobKey, variables: {} });
  });

  test('fail with retries and back-off: the job returns after the back-off; retries 0 → incident; raise retries and resolve → job again', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-service-task', variables: {} });
    const [job] = await activate(client, 'api-do-work');
    // when: failed with 2 retries left and 10 minutes back-off
    await client.failJob({ jobKey: job.jobKey, retries: 2, retryBackOff: 10 * MINUTE, errorMessage: 'Sesam svarar inte' });
    // then: not before the back-off
    expect(await activate(client, 'api-do-work')).toEqual([]);
    await raw(runtime, 'POST', '/actuator/clock/add', JSON.stringify({ offsetMilli: 10 * MINUTE }));
    const [retried] = await activate(client, 'api-do-work');
    expect(retried).toMatchObject({ jobKey: job.jobKey, retries: 2 });

    // when: failed without retries left
    await client.failJob({ jobKey: job.jobKey, retries: 0, retryBackOff: 0, errorMessage: 'Sesam svarar fortfarande inte' });
    // then: an incident, flagged on the instance and the element
    const [incident] = await incidents(client, created.processInstanceKey);
    expect(incident).toEqual({
      incidentKey: expect.stringMatching(/^\d+$/),
      errorType: 'JOB_NO_RETRIES',
      errorMessage: 'Sesam svarar fortfarande inte',
      elementId: 'ServiceTask_DoWork',
      elementInstanceKey: job.elementInstanceKey,
      jobKey: job.jobKey,
      processInstanceKey: created.processInstanceKey,
      processDefinitionKey: created.processDefinitionKey,
      processDefinitionId: 'api-service-task',
      state: 'ACTIVE',
      creationTime: expect.any(String),
      tenantId: '<default>',
    });
    expect(await instance(client, created.processInstanceKey)).toMatchObject({ hasIncident: true, state: 'ACTIVE' });
    expect((await elements(client, created.processInstanceKey)).find((e) => e.elementId === 'ServiceTask_DoWork')).toMatchObject({ hasIncident: true, incidentKey: incident.incidentKey });
    expect(await activate(client, 'api-do-work')).toEqual([]);

    // when: retries raised and the incident resolved
    await client.updateJob({ jobKey: job.jobKey, retries: 1 });
    await client.resolveIncident(incident.incidentKey);
    // then
    expect((await client.searchIncidents({ filter: { incidentKey: incident.incidentKey } } as never)).items[0]).toMatchObject({ state: 'RESOLVED' });
    expect(await instance(client, created.processInstanceKey)).toMatchObject({ hasIncident: false });
    const [back] = await activate(client, 'api-do-work');
    expect(back).toMatchObject({ jobKey: job.jobKey, retries: 1 });
    await client.completeJob({ jobKey: back.jobKey, variables: {} });
    expect((await instance(client, created.processInstanceKey)).state).toBe('COMPLETED');
  });

  test('an uncaught exception in an SDK job handler fails the job with retries - 1', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-service-task', variables: {} });
    let calls = 0;
    workers.push(
      client.createJobWorker({
        type: 'api-do-work',
        worker: 'throwing-worker',
        timeout: 30_000,
        maxJobsToActivate: 1,
        pollIntervalMs: 10,
        jobHandler: () => {
          calls++;
          throw new Error('Handläggningssystemet är nere');
        },
      }),
    );
    // then: three attempts (retries 3), then an incident with the handler's message
    const [incident] = await eventually(async () => {
      const found = await incidents(client, created.processInstanceKey);
      return found.length > 0 ? found : undefined;
    }, 'incident after three failed attempts');
    expect(calls).toBe(3);
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', errorMessage: expect.stringContaining('Handläggningssystemet är nere') });
    await client.cancelProcessInstance({ processInstanceKey: created.processInstanceKey });
  });

  test('update job timeout: a new timeout counts from now', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-service-task', variables: {} });
    const [job] = await client.activateJobs({ type: 'api-do-work', worker: 'w', timeout: MINUTE, maxJobsToActivate: 1 });
    // when
    await client.updateJob({ jobKey: job.jobKey, timeout: 30 * MINUTE });
    await raw(runtime, 'POST', '/actuator/clock/add', JSON.stringify({ offsetMilli: 2 * MINUTE }));
    // then: still activated (the old 1-minute timeout would have expired)
    expect(await activate(client, 'api-do-work')).toEqual([]);
    await client.completeJob({ jobKey: job.jobKey, variables: {} });
    expect((await instance(client, created.processInstanceKey)).state).toBe('COMPLETED');
  });

  test('throw BPMN error: caught by the matching error boundary event, with variables', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-boundary-events', variables: { outageId: 'OUT-3' } });
    const [job] = await activate(client, 'api-reach-owner');
    // when
    await client.errorJob({ jobKey: job.jobKey, errorCode: 'OWNER_UNREACHABLE', errorMessage: 'Ingen svarar', variables: { triedPhones: 3 } } as never);
    // then
    expect(await trail(client, created.processInstanceKey)).toEqual([
      'StartEvent_Started:COMPLETED',
      'ServiceTask_ReachOwner:TERMINATED',
      'Event_OwnerUnreachable:COMPLETED',
      'EndEvent_Escalated:COMPLETED',
    ]);
    expect(await processVariables(client, created.processInstanceKey)).toEqual({ outageId: 'OUT-3', triedPhones: 3 });
  });

  test('throw BPMN error with no matching catch: an UNHANDLED_ERROR_EVENT incident, the runtime keeps running', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-service-task', variables: {} });
    const [job] = await activate(client, 'api-do-work');
    // when
    await client.errorJob({ jobKey: job.jobKey, errorCode: 'NOBODY_CATCHES_THIS', errorMessage: 'Okänt fel' } as never);
    // then
    const [incident] = await incidents(client, created.processInstanceKey);
    expect(incident).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'ServiceTask_DoWork', state: 'ACTIVE' });
    expect(incident.errorMessage).toContain('NOBODY_CATCHES_THIS');
    expect(await activeElementIds(client, created.processInstanceKey)).toEqual(['ServiceTask_DoWork']);
    expect(await client.getTopology()).toMatchObject({ clusterSize: 1 });
  });

  test('completing an unknown or already completed job → 404', async () => {
    // given
    const created = await client.createProcessInstance({ processDefinitionId: 'api-service-task', variables: {} });
    const [job] = await activate(client, 'api-do-work');
    await client.completeJob({ jobKey: job.jobKey, variables: {} });
    // when
    const again = await raw(runtime, 'POST', `/v2/jobs/${job.jobKey}/completion`, '{}');
    // then
    expect(again.status).toBe(404);
    expect((await instance(client, created.processInstanceKey)).state).toBe('COMPLETED');
  });
});
