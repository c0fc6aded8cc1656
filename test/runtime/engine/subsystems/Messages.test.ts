import type { Broker } from '../../../../runtime/src/broker/types';
import { activateOne, activeElementIds, fixture, memoryBroker, rootVariables } from '../helpers';

describe('messages', () => {
  let broker: Broker;
  beforeEach(async () => {
    broker = await memoryBroker();
    await broker.deploy([fixture('message-catch.bpmn'), fixture('boundary-message.bpmn'), fixture('message-start.bpmn')]);
  });
  afterEach(() => broker.close());

  it('correlates a published message to the waiting catch event by correlation key and merges its variables', () => {
    // given
    const a = broker.createProcessInstance({ processDefinitionId: 'message-catch', variables: { caseId: 'A' } });
    const b = broker.createProcessInstance({ processDefinitionId: 'message-catch', variables: { caseId: 'B' } });
    expect(activeElementIds(broker, a.processInstanceKey)).toEqual(['Event_Restored']);
    // when
    broker.publishMessage({ name: 'system-restored', correlationKey: 'A', variables: { restoredAt: 'now' } });
    // then
    expect(broker.processInstances({ processInstanceKey: a.processInstanceKey })[0].state).toBe('COMPLETED');
    expect(rootVariables(broker, a.processInstanceKey).restoredAt).toBe('now');
    expect(broker.processInstances({ processInstanceKey: b.processInstanceKey })[0].state).toBe('ACTIVE');
  });

  it('buffers a message with a time-to-live for a subscription opened later; it reaches a process once (Zeebe message cardinality)', () => {
    // given
    broker.publishMessage({ name: 'system-restored', correlationKey: 'C', timeToLive: 60000 });
    // when
    const first = broker.createProcessInstance({ processDefinitionId: 'message-catch', variables: { caseId: 'C' } });
    const second = broker.createProcessInstance({ processDefinitionId: 'message-catch', variables: { caseId: 'C' } });
    // then
    expect(broker.processInstances({ processInstanceKey: first.processInstanceKey })[0].state).toBe('COMPLETED');
    expect(broker.processInstances({ processInstanceKey: second.processInstanceKey })[0].state).toBe('ACTIVE');
    expect(activeElementIds(broker, second.processInstanceKey)).toEqual(['Event_Restored']);
  });

  it('drops a buffered message when its time-to-live has passed on the runtime clock', () => {
    // given
    broker.publishMessage({ name: 'system-restored', correlationKey: 'D', timeToLive: 1000 });
    // when
    broker.addClockOffset(2000);
    const pi = broker.createProcessInstance({ processDefinitionId: 'message-catch', variables: { caseId: 'D' } });
    // then
    expect(activeElementIds(broker, pi.processInstanceKey)).toEqual(['Event_Restored']);
  });

  it('refuses a duplicate messageId while the first is buffered (409 ALREADY_EXISTS)', () => {
    // given
    broker.publishMessage({ name: 'system-restored', correlationKey: 'E', timeToLive: 60000, messageId: 'm-1' });
    // when / then
    expect(() => broker.publishMessage({ name: 'system-restored', correlationKey: 'E', timeToLive: 60000, messageId: 'm-1' })).toThrow(
      expect.objectContaining({ status: 409, title: 'ALREADY_EXISTS' }),
    );
  });

  it('correlateMessage answers 404 when nothing waits, and the instance key when something does', () => {
    // given
    const pi = broker.createProcessInstance({ processDefinitionId: 'message-catch', variables: { caseId: 'F' } });
    // when / then
    expect(() => broker.correlateMessage({ name: 'system-restored', correlationKey: 'nobody' })).toThrow(expect.objectContaining({ status: 404 }));
    expect(broker.correlateMessage({ name: 'system-restored', correlationKey: 'F' }).processInstanceKey).toBe(pi.processInstanceKey);
  });

  it('an interrupting message boundary cancels the job and takes the boundary path', () => {
    // given
    const pi = broker.createProcessInstance({ processDefinitionId: 'boundary-message', variables: { caseId: 'G' } });
    const job = activateOne(broker, 'work');
    // when
    broker.publishMessage({ name: 'cancel-work', correlationKey: 'G' });
    // then
    expect(broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).find((e) => e.elementId === 'Task_Work')?.state).toBe('TERMINATED');
    expect(broker.processInstances({ processInstanceKey: pi.processInstanceKey })[0].state).toBe('COMPLETED');
    expect(() => broker.completeJob(job.jobKey, {})).toThrow(expect.objectContaining({ status: 404 }));
  });

  it('a non-interrupting message boundary starts a parallel path and keeps the task', () => {
    // given
    const pi = broker.createProcessInstance({ processDefinitionId: 'boundary-message', variables: { caseId: 'H' } });
    // when
    broker.publishMessage({ name: 'add-note', correlationKey: 'H' });
    // then
    expect(activeElementIds(broker, pi.processInstanceKey).sort()).toEqual(['Task_Note', 'Task_Work']);
  });

  it('a message start event creates an instance; at most one active instance per correlation key', () => {
    // given
    const first = broker.correlateMessage({ name: 'disruption-reported', correlationKey: 'sesam', variables: { reporter: 'desk' } });
    // when
    broker.publishMessage({ name: 'disruption-reported', correlationKey: 'sesam', timeToLive: 60000 });
    // then
    expect(broker.processInstances({ state: 'ACTIVE' }).filter((p) => p.processDefinitionId === 'message-start')).toHaveLength(1);
    expect(rootVariables(broker, first.processInstanceKey)).toEqual({ reporter: 'desk' });
    // and when the first completes, the buffered message starts the next one
    broker.completeJob(activateOne(broker, 'triage').jobKey, {});
    const active = broker.processInstances({ state: 'ACTIVE' }).filter((p) => p.processDefinitionId === 'message-start');
    expect(active).toHaveLength(1);
    expect(active[0].processInstanceKey).not.toBe(first.processInstanceKey);
  });
});
