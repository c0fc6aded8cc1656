import type { Broker } from '../../../../runtime/src/broker/types';
import { activateOne, activeElementIds, fixture, memoryBroker } from '../helpers';

/**
 * Canceling task listeners (Camunda 8.8) when something else ends the user task: whatever follows the termination
 * (the terminate end event's scope completion, an interrupting event subprocess, a call activity's boundary event)
 * waits until the listeners have run. The other event types, denial and corrections: http/taskListeners.int.test.ts.
 */
describe('task listeners: canceling listeners hold back what follows a termination', () => {
  let broker: Broker;
  beforeEach(async () => {
    broker = await memoryBroker();
    await broker.deploy([fixture('task-listener-termination.bpmn')]);
    await broker.pinClock(Date.parse('2026-03-02T08:00:00Z'));
  });
  afterEach(() => broker.close());

  const state = (pi: string) => broker.processInstances({ processInstanceKey: pi })[0].state;
  const taskState = (pi: string) => broker.userTasks({ processInstanceKey: pi })[0].state;

  it('a terminate end event completes the instance only after the canceling listener of the open task', () => {
    // given
    const pi = broker.createProcessInstance({ processDefinitionId: 'tl-terminate', variables: { caseId: 'c-1' } }).processInstanceKey;
    // when
    broker.completeJob(activateOne(broker, 'tlt-stop').jobKey, {});
    const meanwhile = { instance: state(pi), task: taskState(pi), active: activeElementIds(broker, pi) };
    const job = activateOne(broker, 'tlt-canceling');
    broker.completeJob(job.jobKey, {});
    // then
    expect(job).toMatchObject({ kind: 'TASK_LISTENER', listenerEventType: 'CANCELING', elementId: 'Task_Review' });
    expect(meanwhile).toEqual({ instance: 'ACTIVE', task: 'CANCELING', active: ['Task_Review'] });
    expect(taskState(pi)).toBe('CANCELED');
    expect(state(pi)).toBe('COMPLETED');
  });

  it('an interrupting event subprocess starts only after the canceling listener of the open task', () => {
    // given
    const pi = broker.createProcessInstance({ processDefinitionId: 'tl-terminate', variables: { caseId: 'c-2' } }).processInstanceKey;
    // when
    broker.publishMessage({ name: 'tlt-recall', correlationKey: 'c-2', timeToLive: 0 });
    const meanwhile = broker.elementInstances({ processInstanceKey: pi }).map((e) => e.elementId);
    broker.completeJob(activateOne(broker, 'tlt-canceling').jobKey, {});
    // then
    expect(meanwhile).not.toContain('EventSub_Recall');
    expect(broker.elementInstances({ processInstanceKey: pi }).map((e) => `${e.elementId}:${e.state}`)).toEqual(
      expect.arrayContaining(['Task_Review:TERMINATED', 'Job_Stop:TERMINATED', 'EventSub_Recall:COMPLETED', 'End_Recalled:COMPLETED']),
    );
    expect(state(pi)).toBe('COMPLETED');
  });

  it('a boundary event of a call activity follows once the called instance\'s canceling listener has run', () => {
    // given
    const parent = broker.createProcessInstance({ processDefinitionId: 'tl-caller', variables: { caseId: 'c-3' } }).processInstanceKey;
    const child = broker.processInstances().find((p) => p.parentProcessInstanceKey === parent)!.processInstanceKey;
    // when
    broker.addClockOffset(3_600_000);
    const meanwhile = { parent: activeElementIds(broker, parent), child: state(child) };
    broker.completeJob(activateOne(broker, 'tlt-canceling').jobKey, {});
    // then
    expect(meanwhile).toEqual({ parent: ['Call_Terminate'], child: 'ACTIVE' });
    expect(state(child)).toBe('TERMINATED');
    expect(broker.elementInstances({ processInstanceKey: parent }).map((e) => `${e.elementId}:${e.state}`)).toEqual([
      'Caller_Start:COMPLETED',
      'Call_Terminate:TERMINATED',
      'Timer_Caller:COMPLETED',
      'Caller_TimedOut:COMPLETED',
    ]);
    expect(state(parent)).toBe('COMPLETED');
  });
});
