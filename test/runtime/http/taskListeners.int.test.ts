/**
 * Task listeners (Camunda 8.8, issue #9) through @camunda8/sdk: creating, assigning, updating, completing and
 * canceling listeners; their TASK_LISTENER jobs with the user task's properties; denial (the operation is refused
 * with Camunda's 409 and the task stays as it was); corrections; incidents when a listener's retries run out.
 * @camunda8/sdk 8.8.13's `completeJob` drops `result`: listener jobs are completed through the SDK's own transport
 * (`callApiEndpoint`, POST /v2/jobs/{key}/completion), as docs/workers.md explains.
 */
import { runtimeWithFixtures } from './support/localRuntime';
import { instance, trail } from './support/sdkHelpers';

type Result = { denied?: boolean; deniedReason?: string; corrections?: Record<string, unknown> };

describe('task listeners (Camunda 8.8) through the SDK', () => {
  const rt = runtimeWithFixtures(['api-task-listeners.bpmn', 'api-task-listener-assignee.bpmn']);

  /** The one job of a listener type, activated as soon as it exists (long polling). */
  const listenerJob = async (type: string) => {
    const jobs = await rt.client.activateJobs({ type, worker: 'listener-test', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 5_000 });
    if (jobs.length !== 1) throw new Error(`expected one '${type}' job, got ${jobs.length}`);
    return jobs[0] as (typeof jobs)[number] & { kind: string; listenerEventType: string; userTask?: Record<string, unknown> };
  };
  /** Completes a listener job with a user task result (the SDK's transport; its completeJob drops `result`). */
  const completeListener = (jobKey: string, result: Result = {}, variables?: Record<string, unknown>) =>
    rt.client.callApiEndpoint({ method: 'POST', urlPath: `jobs/${jobKey}/completion`, body: { ...(variables ? { variables } : {}), result: { type: 'userTask', ...result } }, json: false });
  const failure = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (err) {
      const e = err as { statusCode?: number; title?: string; detail?: string };
      return { status: e.statusCode, title: e.title, detail: e.detail };
    }
    throw new Error('expected the request to fail');
  };
  const taskOf = async (processInstanceKey: string) => (await rt.client.searchUserTasks({ filter: { processInstanceKey } } as never)).items[0];

  /** An instance whose Review task is created (its creating listener accepted). */
  const created = async (outageId = 'o-1') => {
    const pi = await rt.client.createProcessInstance({ processDefinitionId: 'api-task-listeners', variables: { outageId, completingListener: 'tl-completing-2' } });
    await completeListener((await listenerJob('tl-creating')).jobKey);
    return { processInstanceKey: pi.processInstanceKey, task: await taskOf(pi.processInstanceKey) };
  };

  test('creating: the task waits in CREATING for its listener, a TASK_LISTENER job with the task as Camunda sends it; corrections of candidate groups and priority are kept', async () => {
    // given
    const pi = await rt.client.createProcessInstance({ processDefinitionId: 'api-task-listeners', variables: { outageId: 'o-c' } });
    // when
    const job = await listenerJob('tl-creating');
    const creating = await taskOf(pi.processInstanceKey);
    await completeListener(job.jobKey, { corrections: { candidateGroups: ['system-owner'], priority: 80 } });
    // then
    expect(creating.state).toBe('CREATING');
    expect(job).toMatchObject({ kind: 'TASK_LISTENER', listenerEventType: 'CREATING', elementId: 'UserTask_Review', retries: 2 });
    expect(job.customHeaders).toMatchObject({ 'io.camunda.zeebe:userTaskKey': creating.userTaskKey, 'io.camunda.zeebe:candidateGroups': '["desk"]', 'io.camunda.zeebe:priority': '40' });
    const afterCreation = await rt.client.getUserTask(creating.userTaskKey);
    expect(afterCreation).toMatchObject({ state: 'CREATED', candidateGroups: ['system-owner'], priority: 80 });
    expect(afterCreation).not.toHaveProperty('assignee');
  });

  test('creating: the assignee of the model is assigned after creation, through the assigning listener, whose correction wins', async () => {
    // given
    const pi = await rt.client.createProcessInstance({ processDefinitionId: 'api-task-listener-assignee', variables: {} });
    await completeListener((await listenerJob('tla-creating')).jobKey);
    // when
    const assigning = await listenerJob('tla-assigning');
    const meanwhile = await taskOf(pi.processInstanceKey);
    await completeListener(assigning.jobKey, { corrections: { assignee: 'bengt' } });
    // then
    expect(meanwhile).toMatchObject({ state: 'ASSIGNING' });
    expect(meanwhile).not.toHaveProperty('assignee');
    expect(assigning.userTask).toMatchObject({ action: 'assign', assignee: 'anna', changedAttributes: ['assignee'], candidateGroups: ['system-owner'], userTaskKey: meanwhile.userTaskKey });
    expect(await rt.client.getUserTask(meanwhile.userTaskKey)).toMatchObject({ state: 'CREATED', assignee: 'bengt' });
  });

  test('creating: a creating listener cannot deny (400, Camunda\'s message); the job stays to be completed', async () => {
    // given
    await rt.client.createProcessInstance({ processDefinitionId: 'api-task-listeners', variables: { outageId: 'o-d' } });
    const job = await listenerJob('tl-creating');
    // when
    const refused = await failure(completeListener(job.jobKey, { denied: true, deniedReason: 'nej' }));
    await completeListener(job.jobKey);
    // then
    expect(refused.status).toBe(400);
    expect(refused.detail).toContain(`Denying result is not supported for 'CREATING' task listener jobs (job key '${job.jobKey}'`);
    expect(refused.detail).toContain('Only the following listener event types support denying: [ASSIGNING, COMPLETING, UPDATING].');
  });

  test('assigning: the assignment waits for the listener, which sees the new assignee; its correction of the assignee wins', async () => {
    // given
    const { task } = await created('o-a1');
    // when
    const assignment = rt.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'anna' });
    const job = await listenerJob('tl-assigning');
    const meanwhile = await rt.client.getUserTask(task.userTaskKey);
    await completeListener(job.jobKey, { corrections: { assignee: 'cecilia' } });
    await assignment;
    // then
    expect(meanwhile).toMatchObject({ state: 'ASSIGNING' });
    expect(meanwhile).not.toHaveProperty('assignee');
    expect(job).toMatchObject({ kind: 'TASK_LISTENER', listenerEventType: 'ASSIGNING' });
    expect(job.userTask).toMatchObject({ action: 'assign', assignee: 'anna', changedAttributes: ['assignee'], priority: 40, userTaskKey: task.userTaskKey });
    expect(await rt.client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CREATED', assignee: 'cecilia' });
  });

  test('assigning: a denial refuses the assignment with Camunda\'s 409 and leaves the task unassigned', async () => {
    // given
    const { task } = await created('o-a2');
    // when
    const assignment = failure(rt.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'desk' }));
    await completeListener((await listenerJob('tl-assigning')).jobKey, { denied: true, deniedReason: 'Only system owners may take this task' });
    const refused = await assignment;
    // then
    expect(refused).toEqual({
      status: 409,
      title: 'INVALID_STATE',
      detail: `Assignment of the User Task with key '${task.userTaskKey}' was denied by Task Listener. Reason to deny: 'Only system owners may take this task'`,
    });
    const unassigned = await rt.client.getUserTask(task.userTaskKey);
    expect(unassigned).toMatchObject({ state: 'CREATED' });
    expect(unassigned).not.toHaveProperty('assignee');
  });

  test('updating: a denial leaves the task as it was; an accepted update keeps the listener\'s corrections', async () => {
    // given
    const { task } = await created('o-u');
    // when
    const denied = failure(rt.client.updateUserTask({ userTaskKey: task.userTaskKey, changeset: { priority: 90, dueDate: '2026-03-03T10:00:00Z' } } as never));
    const first = await listenerJob('tl-updating');
    await completeListener(first.jobKey, { denied: true, deniedReason: 'too urgent' });
    const refusal = await denied;
    const unchanged = await rt.client.getUserTask(task.userTaskKey);
    const accepted = rt.client.updateUserTask({ userTaskKey: task.userTaskKey, changeset: { candidateUsers: ['anna'], followUpDate: '2026-03-04T09:00:00Z' } } as never);
    const second = await listenerJob('tl-updating');
    await completeListener(second.jobKey, { corrections: { followUpDate: '2026-03-05T09:00:00Z', candidateUsers: ['anna', 'bengt'] } });
    await accepted;
    // then
    expect(refusal.status).toBe(409);
    expect(refusal.detail).toBe(`Update of the User Task with key '${task.userTaskKey}' was denied by Task Listener. Reason to deny: 'too urgent'`);
    expect(first.userTask).toMatchObject({ action: 'update', priority: 90, dueDate: '2026-03-03T10:00:00.000Z', changedAttributes: ['dueDate', 'priority'] });
    expect(unchanged).toMatchObject({ state: 'CREATED', priority: 40 });
    expect(unchanged).not.toHaveProperty('dueDate');
    expect(await rt.client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CREATED', candidateUsers: ['anna', 'bengt'], followUpDate: '2026-03-05T09:00:00.000Z', priority: 40 });
  });

  test('completing: listeners run in model order (type by FEEL); a denial keeps the task CREATED with its assignee and no variables; then an accepted completion continues the process', async () => {
    // given
    const { processInstanceKey, task } = await created('o-k');
    const assigned = rt.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'anna' });
    await completeListener((await listenerJob('tl-assigning')).jobKey);
    await assigned;
    // when
    const deniedCompletion = failure(rt.client.completeUserTask({ userTaskKey: task.userTaskKey, variables: { decision: 'publish' } }));
    await completeListener((await listenerJob('tl-completing')).jobKey);
    const second = await listenerJob('tl-completing-2');
    await completeListener(second.jobKey, { denied: true, deniedReason: 'anna is not a system owner' });
    const refusal = await deniedCompletion;
    const afterDenial = await rt.client.getUserTask(task.userTaskKey);
    const trailAfterDenial = await trail(rt.client, processInstanceKey);
    const completion = rt.client.completeUserTask({ userTaskKey: task.userTaskKey, variables: { decision: 'publish' } });
    await completeListener((await listenerJob('tl-completing')).jobKey);
    await completeListener((await listenerJob('tl-completing-2')).jobKey);
    await completion;
    // then
    expect(refusal).toMatchObject({ status: 409, detail: `Completion of the User Task with key '${task.userTaskKey}' was denied by Task Listener. Reason to deny: 'anna is not a system owner'` });
    expect(second).toMatchObject({ listenerEventType: 'COMPLETING', userTask: expect.objectContaining({ action: 'complete', assignee: 'anna' }) });
    expect(afterDenial).toMatchObject({ state: 'CREATED', assignee: 'anna' });
    expect(afterDenial).not.toHaveProperty('completionDate');
    expect(trailAfterDenial).toEqual(['StartEvent_Reported:COMPLETED', 'UserTask_Review:ACTIVE']);
    expect(await rt.client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'COMPLETED', assignee: 'anna' });
    expect(await instance(rt.client, processInstanceKey)).toMatchObject({ state: 'COMPLETED' });
    const vars = await rt.client.searchVariables({ filter: { processInstanceKey, name: 'reviewDecision' } } as never);
    expect(vars.items.map((v) => JSON.parse(v.value))).toEqual(['publish']);
  });

  test('completing: a correction of the assignee is kept on the completed task', async () => {
    // given
    const { task } = await created('o-k2');
    // when
    const completion = rt.client.completeUserTask({ userTaskKey: task.userTaskKey });
    await completeListener((await listenerJob('tl-completing')).jobKey, { corrections: { assignee: 'bengt' } });
    const second = await listenerJob('tl-completing-2');
    await completeListener(second.jobKey);
    await completion;
    // then
    expect(second.userTask).toMatchObject({ assignee: 'bengt', changedAttributes: ['assignee'] });
    expect(await rt.client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'COMPLETED', assignee: 'bengt' });
  });

  test('canceling: an interrupting boundary event waits for the canceling listener, then its path continues', async () => {
    // given
    const { processInstanceKey, task } = await created('o-w');
    // when
    await rt.client.publishMessage({ name: 'tl-withdrawn', correlationKey: 'o-w', variables: {} });
    const job = await listenerJob('tl-canceling');
    const meanwhile = { task: await rt.client.getUserTask(task.userTaskKey), trail: await trail(rt.client, processInstanceKey) };
    const denial = await failure(completeListener(job.jobKey, { denied: true }));
    await completeListener(job.jobKey);
    // then
    expect(job).toMatchObject({ kind: 'TASK_LISTENER', listenerEventType: 'CANCELING' });
    expect(meanwhile.task.state).toBe('CANCELING');
    expect(meanwhile.trail).toEqual(['StartEvent_Reported:COMPLETED', 'UserTask_Review:ACTIVE']);
    expect(denial.status).toBe(400);
    expect(await rt.client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CANCELED' });
    expect(await trail(rt.client, processInstanceKey)).toEqual(['StartEvent_Reported:COMPLETED', 'UserTask_Review:TERMINATED', 'Event_Withdrawn:COMPLETED', 'EndEvent_Withdrawn:COMPLETED']);
    expect(await instance(rt.client, processInstanceKey)).toMatchObject({ state: 'COMPLETED' });
  });

  test('canceling: a cancelled instance is TERMINATED once the canceling listener has run', async () => {
    // given
    const { processInstanceKey, task } = await created('o-x');
    // when
    await rt.client.cancelProcessInstance({ processInstanceKey });
    const job = await listenerJob('tl-canceling');
    const meanwhile = await instance(rt.client, processInstanceKey);
    await completeListener(job.jobKey);
    // then
    expect(meanwhile.state).toBe('ACTIVE');
    expect(await rt.client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CANCELED' });
    expect(await instance(rt.client, processInstanceKey)).toMatchObject({ state: 'TERMINATED' });
  });

  test('while a listener runs, every other operation on the task is refused with 409', async () => {
    // given
    const { task } = await created('o-busy');
    const completion = rt.client.completeUserTask({ userTaskKey: task.userTaskKey });
    const job = await listenerJob('tl-completing');
    // when
    const assign = await failure(rt.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'anna' }));
    const complete = await failure(rt.client.completeUserTask({ userTaskKey: task.userTaskKey }));
    await completeListener(job.jobKey);
    await completeListener((await listenerJob('tl-completing-2')).jobKey);
    await completion;
    // then
    expect(assign).toMatchObject({ status: 409, detail: `Expected to assign user task with key '${task.userTaskKey}', but it is in state 'COMPLETING'` });
    expect(complete.status).toBe(409);
  });

  test('a listener job without retries left is a TASK_LISTENER_NO_RETRIES incident on the user task; resolved, the listener runs again', async () => {
    // given
    const { processInstanceKey, task } = await created('o-i');
    const completion = rt.client.completeUserTask({ userTaskKey: task.userTaskKey });
    const job = await listenerJob('tl-completing');
    // when
    await rt.client.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: 'listener down', retryBackOff: 0 });
    const [incident] = (await rt.client.searchIncidents({ filter: { processInstanceKey } } as never)).items;
    await rt.client.updateJob({ jobKey: job.jobKey, retries: 1 });
    await rt.client.resolveIncident(incident.incidentKey);
    await completeListener((await listenerJob('tl-completing')).jobKey);
    await completeListener((await listenerJob('tl-completing-2')).jobKey);
    await completion;
    // then
    expect(incident).toMatchObject({ errorType: 'TASK_LISTENER_NO_RETRIES', errorMessage: 'listener down', elementId: 'UserTask_Review', jobKey: job.jobKey, state: 'ACTIVE' });
    expect(await rt.client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'COMPLETED' });
  });

  test('a listener job is not completed with variables, nor denied with corrections (400, Camunda\'s messages)', async () => {
    // given
    const { task } = await created('o-v');
    const completion = failure(rt.client.completeUserTask({ userTaskKey: task.userTaskKey }));
    const job = await listenerJob('tl-completing');
    // when
    const withVariables = await failure(completeListener(job.jobKey, {}, { approvedBy: 'anna' }));
    const deniedWithCorrections = await failure(completeListener(job.jobKey, { denied: true, corrections: { priority: 1 } }));
    await completeListener(job.jobKey, { denied: true, deniedReason: '' });
    // then
    expect(withVariables).toMatchObject({ status: 400, detail: expect.stringContaining('Task Listener job completion with variables payload provided is not yet supported') });
    expect(deniedWithCorrections).toMatchObject({ status: 400, detail: expect.stringContaining('The corrections would be reverted by the denial.') });
    expect((await completion).status).toBe(409);
  });
});
