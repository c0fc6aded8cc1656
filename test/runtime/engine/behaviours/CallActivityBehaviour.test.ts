import type { Broker } from '../../../../runtime/src/broker/types';
import { activateOne, fixture, memoryBroker, rootVariables } from '../helpers';

describe('call activity', () => {
  describe('version binding', () => {
    let broker: Broker;
    beforeEach(async () => {
      broker = await memoryBroker();
    });
    afterEach(async () => {
      await broker.close();
    });

    it('a call activity with bindingType versionTag calls the version with that tag, not the latest', async () => {
      // given
      const child = (tag: string, type: string) =>
        Buffer.from(
          fixture('flows-only.bpmn')
            .content.toString()
            .replace('<bpmn:process id="flows-only" isExecutable="true">', `<bpmn:process id="flows-only" isExecutable="true"><bpmn:extensionElements><zeebe:versionTag value="${tag}" /></bpmn:extensionElements>`)
            .replace('flows-only-work', type),
        );
      await broker.deploy([{ name: 'child-v1.bpmn', content: child('v1', 'work-v1') }]);
      await broker.deploy([{ name: 'child-v2.bpmn', content: child('v2', 'work-v2') }]);
      const parent = fixture('call-parent.bpmn')
        .content.toString()
        .replace('<zeebe:calledElement processId="=childId" propagateAllChildVariables="true" />', '<zeebe:calledElement processId="flows-only" bindingType="versionTag" versionTag="v1" />');
      await broker.deploy([{ name: 'call-parent.bpmn', content: Buffer.from(parent) }]);
      // when
      broker.createProcessInstance({ processDefinitionId: 'call-parent' });
      // then
      expect(broker.activateJobs({ type: 'work-v2', worker: 'w', timeout: 1000, maxJobsToActivate: 1 })).toEqual([]);
      expect(activateOne(broker, 'work-v1').processDefinitionVersion).toBe(1);
    });
  });

  describe('child instances', () => {
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

    it('a call activity starts the child (FEEL process id) with the parent variables and continues on child completion', () => {
      // given
      const parent = broker.createProcessInstance({ processDefinitionId: 'call-parent', variables: { childId: 'call-child', caseId: 'X' } });
      const child = broker.processInstances().find((p) => p.processDefinitionId === 'call-child');
      expect(child).toMatchObject({ parentProcessInstanceKey: parent.processInstanceKey, state: 'ACTIVE' });
      // when
      const job = activateOne(broker, 'child-work');
      broker.completeJob(job.jobKey, { childResult: 'done' });
      // then
      expect(job.variables).toMatchObject({ caseId: 'X' });
      expect(broker.processInstances({ processInstanceKey: child?.processInstanceKey })[0].state).toBe('COMPLETED');
      expect(broker.processInstances({ processInstanceKey: parent.processInstanceKey })[0].state).toBe('COMPLETED');
      expect(rootVariables(broker, parent.processInstanceKey).childResult).toBe('done');
    });

    it('cancelling the parent terminates the child', () => {
      // given
      const parent = broker.createProcessInstance({ processDefinitionId: 'call-parent', variables: { childId: 'call-child' } });
      // when
      broker.cancelProcessInstance(parent.processInstanceKey);
      // then
      expect(broker.processInstances().map((p) => p.state)).toEqual(['TERMINATED', 'TERMINATED']);
      expect(broker.activateJobs({ type: 'child-work', worker: 'w', timeout: 1000, maxJobsToActivate: 1 })).toEqual([]);
    });
  });
});
