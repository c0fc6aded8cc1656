import type { Broker } from '../../../../runtime/src/broker/types';
import { activeElementIds, fixture, memoryBroker } from '../helpers';

describe('process instance start', () => {
  let broker: Broker;
  beforeEach(async () => {
    broker = await memoryBroker();
    broker.pinClock(Date.parse('2026-11-25T08:00:00Z'));
  });
  afterEach(() => broker.close());

  it('a correlation key that cannot be evaluated when the process starts raises an incident on the process; resolving continues', async () => {
    // given
    await broker.deploy([fixture('event-subprocess.bpmn')]);
    const pi = broker.createProcessInstance({ processDefinitionId: 'event-subprocess' });
    const [incident] = broker.incidents({ processInstanceKey: pi.processInstanceKey });
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'event-subprocess' });
    expect(activeElementIds(broker, pi.processInstanceKey)).toEqual([]);
    // when
    broker.setVariables(pi.processInstanceKey, { caseId: 'Z' }, true);
    broker.resolveIncident(incident.incidentKey);
    // then
    expect(activeElementIds(broker, pi.processInstanceKey)).toEqual(['Task_Main']);
    broker.publishMessage({ name: 'report-withdrawn', correlationKey: 'Z' });
    expect(broker.processInstances({ processInstanceKey: pi.processInstanceKey })[0].state).toBe('COMPLETED');
  });
});
