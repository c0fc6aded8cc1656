import type { Broker } from '../../../../runtime/src/broker/types';
import { activateOne, fixture, memoryBroker, rootVariables } from '../helpers';

describe('job elements and the receive task', () => {
  let broker: Broker;
  beforeEach(async () => {
    broker = await memoryBroker();
    broker.pinClock(Date.parse('2026-11-25T08:00:00Z'));
  });
  afterEach(() => broker.close());

  it('a receive task waits for its message; a message throw event with a task definition and a job-based user task are jobs', async () => {
    // given
    await broker.deploy([fixture('receive-throw.bpmn')]);
    const pi = broker.createProcessInstance({ processDefinitionId: 'receive-throw', variables: { caseId: 'R' } });
    expect(broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).find((e) => e.elementId === 'Receive_Answer')?.type).toBe('RECEIVE_TASK');
    // when
    broker.publishMessage({ name: 'vendor-answer', correlationKey: 'R', variables: { answer: 42 } });
    broker.completeJob(activateOne(broker, 'send-out').jobKey, {});
    const legacy = activateOne(broker, 'io.camunda.zeebe:userTask');
    broker.completeJob(legacy.jobKey, { done: true });
    // then
    expect(legacy.customHeaders).toEqual({ formKey: 'camunda-forms:bpmn:x' });
    expect(rootVariables(broker, pi.processInstanceKey)).toEqual({ caseId: 'R', answer: 42, done: true });
    expect(broker.processInstances({ processInstanceKey: pi.processInstanceKey })[0].state).toBe('COMPLETED');
  });
});
