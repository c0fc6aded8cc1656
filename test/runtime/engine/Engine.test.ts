import type { Broker } from '../../../runtime/src/broker/types';
import { activeElementIds, memoryBroker } from './helpers';

describe('Engine, the Broker facade: command input', () => {
  let broker: Broker;
  beforeEach(async () => {
    broker = await memoryBroker();
    broker.pinClock(Date.parse('2026-11-25T08:00:00Z'));
  });
  afterEach(() => broker.close());

  it('unknown keys and ids answer 404/400 problems, never crash', () => {
    // given / when / then
    expect(() => broker.createProcessInstance({ processDefinitionId: 'nope' })).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => broker.completeJob('2251799813685249', {})).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => broker.completeJob('not-a-key', {})).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => broker.completeUserTask('99', {})).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => broker.resolveIncident('99')).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => broker.cancelProcessInstance('99')).toThrow(expect.objectContaining({ status: 404 }));
    expect(broker.processInstances({ processInstanceKey: 'garbage' })).toEqual([]);
    expect(activeElementIds(broker, '1')).toEqual([]);
  });
});
