import type { Broker } from '../../../../runtime/src/broker/types';
import { activateOne, fixture, memoryBroker } from '../helpers';

describe('process instance commands', () => {
  describe('awaitCompletion', () => {
    let broker: Broker;
    beforeEach(async () => {
      broker = await memoryBroker();
    });
    afterEach(async () => {
      await broker.close();
    });

    it('resolves awaitCompletion with the root variables', async () => {
      // given
      await broker.deploy([fixture('service-gateway.bpmn')]);
      const pi = broker.createProcessInstance({ processDefinitionId: 'service-gateway', variables: { count: 1 } });
      const done = broker.awaitCompletion(pi.processInstanceKey, 5000, ['severity']);
      // when
      broker.completeJob(activateOne(broker, 'check-severity').jobKey, { severity: 'low' });
      // then
      await expect(done).resolves.toEqual({ severity: 'low' });
    });
  });

  describe('start instructions', () => {
    let broker: Broker;
    beforeEach(async () => {
      broker = await memoryBroker();
      broker.pinClock(Date.parse('2026-11-25T08:00:00Z'));
    });
    afterEach(() => broker.close());

    it('startInstructions start at the given element; updateJob timeout moves the deadline', async () => {
      // given
      await broker.deploy([fixture('service-gateway.bpmn')]);
      const pi = broker.createProcessInstance({ processDefinitionId: 'service-gateway', startInstructions: [{ elementId: 'ServiceTask_Check' }], variables: { count: 1 } });
      expect(broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).map((e) => e.elementId)).toEqual(['ServiceTask_Check']);
      const job = broker.activateJobs({ type: 'check-severity', worker: 'w', timeout: 1000, maxJobsToActivate: 1 })[0];
      // when
      broker.updateJob(job.jobKey, { timeout: 60_000 });
      broker.addClockOffset(2000);
      // then
      expect(broker.activateJobs({ type: 'check-severity', worker: 'w', timeout: 1000, maxJobsToActivate: 1 })).toEqual([]);
    });
  });
});
