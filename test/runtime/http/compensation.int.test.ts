/**
 * Compensation (Camunda 8.8, issue #14) through @camunda8/sdk on a Modeler-style model (api-compensation.bpmn): a
 * compensation end event runs the handlers of the completed activities of its scope and of its completed subprocess,
 * latest completed first, waits for them, and completes; without a compensation the handlers never run.
 */
import { runtimeWithFixtures } from './support/localRuntime';
import { trail } from './support/sdkHelpers';

describe('compensation through the SDK', () => {
  const rt = runtimeWithFixtures(['api-compensation.bpmn']);

  const activate = (type: string) => rt.client.activateJobs({ type, worker: 'test', timeout: 60_000, maxJobsToActivate: 5, requestTimeout: 1_000 });
  const completeOne = async (type: string) => {
    const jobs = await activate(type);
    if (jobs.length !== 1) throw new Error(`expected one '${type}' job, got ${jobs.length}`);
    await rt.client.completeJob({ jobKey: jobs[0].jobKey, variables: {} });
  };
  const stateOf = async (processInstanceKey: string) => (await rt.client.searchProcessInstances({ filter: { processInstanceKey } } as never)).items[0].state;

  test('the compensation end event runs both handlers, the notice first (completed last), and completes when they have', async () => {
    // given
    const pi = await rt.client.createProcessInstance({ processDefinitionId: 'api-compensation', variables: { failed: true } });
    await completeOne('comp-book');
    await completeOne('comp-notice');
    // when
    const waiting = await trail(rt.client, pi.processInstanceKey);
    await completeOne('comp-retract');
    const afterOne = await stateOf(pi.processInstanceKey);
    await completeOne('comp-cancel');
    // then
    const handlers = waiting.filter((t) => t.startsWith('ServiceTask_Retract') || t.startsWith('ServiceTask_CancelBooking'));
    expect(handlers).toEqual(['ServiceTask_Retract:ACTIVE', 'ServiceTask_CancelBooking:ACTIVE']);
    expect(waiting).toContain('EndEvent_Undo:ACTIVE');
    expect(afterOne).toBe('ACTIVE');
    expect(await stateOf(pi.processInstanceKey)).toBe('COMPLETED');
    expect(await trail(rt.client, pi.processInstanceKey)).toContain('EndEvent_Undo:COMPLETED');
  });

  test('without a compensation event the handlers never run', async () => {
    // given
    const pi = await rt.client.createProcessInstance({ processDefinitionId: 'api-compensation', variables: { failed: false } });
    // when
    await completeOne('comp-book');
    await completeOne('comp-notice');
    // then
    expect(await stateOf(pi.processInstanceKey)).toBe('COMPLETED');
    expect(await activate('comp-cancel')).toEqual([]);
    expect(await activate('comp-retract')).toEqual([]);
  });
});
