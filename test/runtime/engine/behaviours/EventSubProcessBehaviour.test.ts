import type { Broker } from '../../../../runtime/src/broker/types';
import { activeElementIds, fixture, memoryBroker } from '../helpers';

const HOUR = 3600_000;

describe('event subprocesses', () => {
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

  it('a non-interrupting timer event subprocess fires on its cycle beside the main flow', () => {
    // given
    const pi = broker.createProcessInstance({ processDefinitionId: 'event-subprocess', variables: { caseId: 'K' } });
    // when
    broker.addClockOffset(HOUR / 2);
    // then
    expect(activeElementIds(broker, pi.processInstanceKey).sort()).toEqual(['EventSub_Remind', 'Task_Main', 'Task_Remind']);
    const sub = broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).find((e) => e.elementId === 'EventSub_Remind');
    expect(sub?.type).toBe('EVENT_SUB_PROCESS');
  });

  it('an interrupting message event subprocess ends the main flow', () => {
    // given
    const pi = broker.createProcessInstance({ processDefinitionId: 'event-subprocess', variables: { caseId: 'L' } });
    // when
    broker.publishMessage({ name: 'report-withdrawn', correlationKey: 'L' });
    // then
    expect(broker.processInstances({ processInstanceKey: pi.processInstanceKey })[0].state).toBe('COMPLETED');
    expect(broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).find((e) => e.elementId === 'Task_Main')?.state).toBe('TERMINATED');
    expect(broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).map((e) => e.elementId)).toContain('End_Withdrawn');
  });
});
