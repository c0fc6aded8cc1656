/**
 * Issue #3, durability, end to end through the REST API: the runtime (a child process on a data
 * directory) is killed with SIGKILL while a 4-hour timer, a user task, a job and a buffered message wait;
 * after a restart all resume, and the timer fires at the clock time it would have fired without the restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChildRuntime, type ChildRuntime } from './http/support/childRuntime';
import { fixture, raw, sdkClient } from './http/support/localRuntime';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const HOUR = 3_600_000;

describe('REST API: restart after kill -9 (issue #3, durability)', () => {
  let dataDir: string;
  let runtime: ChildRuntime | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'runtime-restart-'));
  });

  afterAll(async () => {
    if (runtime && runtime.child.exitCode === null && runtime.child.signalCode === null) {
      runtime.child.kill('SIGKILL');
      await runtime.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a waiting 4-hour timer, user task, job and buffered message survive SIGKILL; the timer fires at T0 + 4 h', async () => {
    // given: a runtime on a data directory, clock pinned at T0, one instance waiting on a PT4H timer and one on a user task
    runtime = await startChildRuntime({ RUNTIME_DATA_DIR: dataDir });
    let client = sdkClient(runtime);
    await client.pinInternalClock(T0);
    await client.deployResourcesFromFiles([fixture('api-intermediate-catch.bpmn'), fixture('api-user-task.bpmn'), fixture('api-confirm-outage.form'), fixture('api-service-task.bpmn')]);
    const timerInstance = await client.createProcessInstance({ processDefinitionId: 'api-intermediate-catch', variables: { outageId: 'OUT-7' } });
    const taskInstance = await client.createProcessInstance({ processDefinitionId: 'api-user-task', variables: { dueDate: '2026-03-02T12:00:00Z' } });
    // and: a job waiting for a worker, and a message buffered for 5 hours for the timer instance's catch
    const jobInstance = await client.createProcessInstance({ processDefinitionId: 'api-service-task', variables: { outageId: 'OUT-8' } });
    await client.publishMessage({ name: 'api-restored', correlationKey: 'OUT-7', variables: { restoredAt: 'förmiddag' }, timeToLive: 5 * HOUR });
    const timerActive = async () =>
      (
        await client.searchElementInstances({ filter: { processInstanceKey: timerInstance.processInstanceKey, elementId: 'Event_FourHoursPassed' } } as never)
      ).items[0];
    expect(await timerActive()).toMatchObject({ state: 'ACTIVE' });
    await raw(runtime, 'POST', '/actuator/clock/add', JSON.stringify({ offsetMilli: 3 * HOUR }));
    expect(await timerActive()).toMatchObject({ state: 'ACTIVE' });
    const task = (await client.searchUserTasks({ filter: { processInstanceKey: taskInstance.processInstanceKey } })).items[0];
    expect(task).toMatchObject({ state: 'CREATED', elementId: 'UserTask_ConfirmOutage' });

    // when: the runtime is killed without warning and started again on the same data directory
    runtime.child.kill('SIGKILL');
    expect(await runtime.exited).toEqual({ code: null, signal: 'SIGKILL' });
    runtime = await startChildRuntime({ RUNTIME_DATA_DIR: dataDir });
    client = sdkClient(runtime);

    // then: the clock, the timer and the user task are as they were
    expect((await raw(runtime, 'GET', '/actuator/clock')).body).toMatchObject({ epochMilli: T0 + 3 * HOUR });
    expect(await timerActive()).toMatchObject({ state: 'ACTIVE' });
    expect(await client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CREATED', userTaskKey: task.userTaskKey });

    // and: the timer does not fire a minute early ...
    await raw(runtime, 'POST', '/actuator/clock/add', JSON.stringify({ offsetMilli: 59 * 60_000 }));
    expect(await timerActive()).toMatchObject({ state: 'ACTIVE' });
    // ... and fires at T0 + 4 h
    await raw(runtime, 'POST', '/actuator/clock/add', JSON.stringify({ offsetMilli: 60_000 }));
    const fired = await timerActive();
    expect(fired).toMatchObject({ state: 'COMPLETED', endDate: new Date(T0 + 4 * HOUR).toISOString() });
    // and: the buffered message (published before the kill) correlates as the catch opens
    const afterTimer = await client.searchProcessInstances({ filter: { processInstanceKey: timerInstance.processInstanceKey } } as never);
    expect(afterTimer.items[0]).toMatchObject({ state: 'COMPLETED' });

    // and: the job waiting before the kill is activated and completed now
    const [job] = await client.activateJobs({ type: 'api-do-work', worker: 'after-restart', timeout: 60_000, maxJobsToActivate: 5, requestTimeout: -1 } as never);
    expect(job.processInstanceKey).toBe(jobInstance.processInstanceKey);
    await client.completeJob({ jobKey: job.jobKey, variables: {} });

    // and: the user task can be completed, which completes its instance
    await client.completeUserTask({ userTaskKey: task.userTaskKey, variables: { confirmed: true } });
    const done = await client.searchProcessInstances({ filter: { processInstanceKey: taskInstance.processInstanceKey } } as never);
    expect(done.items[0]).toMatchObject({ state: 'COMPLETED' });

    // and: SIGTERM stops the runtime cleanly
    runtime.child.kill('SIGTERM');
    expect(await runtime.exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});
