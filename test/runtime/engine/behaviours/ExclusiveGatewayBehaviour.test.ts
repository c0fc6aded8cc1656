import type { Broker } from '../../../../runtime/src/broker/types';
import { activateOne, activeElementIds, fixture, memoryBroker, rootVariables } from '../helpers';

describe('exclusive gateway', () => {
  describe('conditions and default flow', () => {
    let broker: Broker;
    beforeEach(async () => {
      broker = await memoryBroker();
    });
    afterEach(async () => {
      await broker.close();
    });

    it('runs start → service task job → exclusive gateway (FEEL) → end, with input mappings and headers', async () => {
      // given
      await broker.deploy([fixture('service-gateway.bpmn')]);
      const pi = broker.createProcessInstance({ processDefinitionId: 'service-gateway', variables: { count: 21 } });
      // when
      const job = activateOne(broker, 'check-severity');
      broker.completeJob(job.jobKey, { severity: 'high' });
      // then
      expect(job.customHeaders).toEqual({ channel: 'desk' });
      expect(job.variables).toEqual({ count: 21, doubled: 42 });
      expect(job.processDefinitionId).toBe('service-gateway');
      const [inst] = broker.processInstances({ processInstanceKey: pi.processInstanceKey });
      expect(inst.state).toBe('COMPLETED');
      const ids = broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).map((e) => [e.elementId, e.type, e.state]);
      expect(ids).toEqual([
        ['StartEvent_Started', 'START_EVENT', 'COMPLETED'],
        ['ServiceTask_Check', 'SERVICE_TASK', 'COMPLETED'],
        ['Gateway_Severe', 'EXCLUSIVE_GATEWAY', 'COMPLETED'],
        ['EndEvent_Severe', 'END_EVENT', 'COMPLETED'],
      ]);
      expect(rootVariables(broker, pi.processInstanceKey)).toEqual({ count: 21, severity: 'high' });
    });

    it('takes the default flow when no condition holds', async () => {
      // given
      await broker.deploy([fixture('service-gateway.bpmn')]);
      const pi = broker.createProcessInstance({ processDefinitionId: 'service-gateway', variables: { count: 1 } });
      // when
      broker.completeJob(activateOne(broker, 'check-severity').jobKey, { severity: 'low' });
      // then
      expect(broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).map((e) => e.elementId)).toContain('EndEvent_Minor');
      expect(activeElementIds(broker, pi.processInstanceKey)).toEqual([]);
    });
  });

  describe('no condition holds', () => {
    let broker: Broker;
    beforeEach(async () => {
      broker = await memoryBroker();
      broker.pinClock(Date.parse('2026-11-25T08:00:00Z'));
    });
    afterEach(() => broker.close());

    it('no matching condition and no default flow raises CONDITION_ERROR; setting the variable and resolving continues', async () => {
      // given
      await broker.deploy([fixture('condition-incident.bpmn')]);
      const pi = broker.createProcessInstance({ processDefinitionId: 'condition-incident', variables: { choice: 'c' } });
      const [incident] = broker.incidents({ processInstanceKey: pi.processInstanceKey });
      expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'Gateway_Which' });
      // when
      broker.setVariables(pi.processInstanceKey, { choice: 'b' }, false);
      broker.resolveIncident(incident.incidentKey);
      // then
      expect(broker.processInstances({ processInstanceKey: pi.processInstanceKey })[0]).toMatchObject({ state: 'COMPLETED', hasIncident: false });
      expect(broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).map((e) => e.elementId)).toContain('End_B');
    });
  });
});
