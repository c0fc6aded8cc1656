import type { Broker } from '../../../../runtime/src/broker/types';
import { activateOne, activeElementIds, fixture, memoryBroker } from '../helpers';

const HOUR = 3600_000;

describe('event-based gateway (after a parallel fork; with the parallel join and a terminate end event)', () => {
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

  it('parallel join waits for both branches; the event-based gateway takes the message', () => {
    // given
    const pi = broker.createProcessInstance({ processDefinitionId: 'gateways', variables: { caseId: 'M' } });
    expect(activeElementIds(broker, pi.processInstanceKey).sort()).toEqual(['Task_A', 'Wait']);
    // when
    broker.completeJob(activateOne(broker, 'a').jobKey, {});
    // then
    expect(broker.processInstances({ processInstanceKey: pi.processInstanceKey })[0].state).toBe('ACTIVE');
    broker.publishMessage({ name: 'vendor-answered', correlationKey: 'M', variables: { answer: 'ok' } });
    expect(broker.processInstances({ processInstanceKey: pi.processInstanceKey })[0].state).toBe('COMPLETED');
    const ids = broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).map((e) => e.elementId);
    expect(ids).toContain('Event_Answer');
    expect(ids).not.toContain('Event_Timeout');
  });

  it('the event-based gateway timer wins when no message comes; the terminate end event ends everything', () => {
    // given
    const pi = broker.createProcessInstance({ processDefinitionId: 'gateways', variables: { caseId: 'N' } });
    // when
    broker.addClockOffset(2 * HOUR);
    // then
    expect(broker.processInstances({ processInstanceKey: pi.processInstanceKey })[0].state).toBe('COMPLETED');
    expect(broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).find((e) => e.elementId === 'Task_A')?.state).toBe('TERMINATED');
    expect(broker.activateJobs({ type: 'a', worker: 'w', timeout: 1000, maxJobsToActivate: 1 })).toEqual([]);
  });
});
