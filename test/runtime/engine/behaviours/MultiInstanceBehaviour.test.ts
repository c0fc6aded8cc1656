import type { Broker } from '../../../../runtime/src/broker/types';
import { activateOne, fixture, memoryBroker, rootVariables } from '../helpers';

describe('multi-instance', () => {
  let broker: Broker;
  beforeEach(async () => {
    broker = await memoryBroker();
    broker.pinClock(Date.parse('2026-11-25T08:00:00Z'));
    await broker.deploy([
      fixture('call-parent.bpmn'),
      fixture('call-child.bpmn'),
      fixture('event-subprocess.bpmn'),
      fixture('multi-instance.bpmn'),
      fixture('gateways.bpmn'),
    ]);
  });
  afterEach(() => broker.close());

  it('parallel multi-instance collects outputs in order; sequential runs one at a time', () => {
    // given
    const pi = broker.createProcessInstance({ processDefinitionId: 'multi-instance', variables: { recipients: ['a', 'b', 'c'] } });
    const jobs = broker.activateJobs({ type: 'notify', worker: 'w', timeout: 1000, maxJobsToActivate: 10 });
    expect(jobs.map((j) => j.variables.recipient)).toEqual(['a', 'b', 'c']);
    // when (completed out of order)
    for (const i of [2, 0, 1]) broker.completeJob(jobs[i].jobKey, { receipt: `r-${jobs[i].variables.recipient}` });
    // then
    expect(rootVariables(broker, pi.processInstanceKey).receipts).toEqual(['r-a', 'r-b', 'r-c']);
    const body = broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).find((e) => e.type === 'MULTI_INSTANCE_BODY');
    expect(body).toMatchObject({ elementId: 'Task_Notify', state: 'COMPLETED' });
    const seq = broker.activateJobs({ type: 'archive', worker: 'w', timeout: 1000, maxJobsToActivate: 10 });
    expect(seq).toHaveLength(1);
    expect(seq[0].variables).toMatchObject({ item: 'r-a', loopCounter: 1 });
    broker.completeJob(seq[0].jobKey, {});
    broker.completeJob(activateOne(broker, 'archive').jobKey, {});
    broker.completeJob(activateOne(broker, 'archive').jobKey, {});
    expect(broker.processInstances({ processInstanceKey: pi.processInstanceKey })[0].state).toBe('COMPLETED');
  });
});
