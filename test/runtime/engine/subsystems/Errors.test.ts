import type { Broker } from '../../../../runtime/src/broker/types';
import { activateOne, activeElementIds, fixture, memoryBroker, rootVariables } from '../helpers';

describe('BPMN errors: the catch search and uncaught errors', () => {
  describe('thrown by a job', () => {
    let broker: Broker;
    beforeEach(async () => {
      broker = await memoryBroker();
      broker.pinClock(Date.parse('2026-11-25T08:00:00Z'));
      await broker.deploy([fixture('service-gateway.bpmn'), fixture('error-boundary.bpmn')]);
    });
    afterEach(() => broker.close());

    it('a BPMN error thrown by a job inside a subprocess is caught by the error boundary on the subprocess', () => {
      // given
      const pi = broker.createProcessInstance({ processDefinitionId: 'error-boundary' });
      const job = activateOne(broker, 'risky');
      // when
      broker.throwJobError(job.jobKey, { errorCode: 'NOT_FOUND', errorMessage: 'no such case', variables: { lookedUp: true } });
      // then
      expect(activeElementIds(broker, pi.processInstanceKey)).toEqual(['Task_Handle']);
      expect(broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).find((e) => e.elementId === 'Sub_Work')?.state).toBe('TERMINATED');
      // error variables land on the catching event; its output mapping decides what reaches the process (Zeebe)
      expect(rootVariables(broker, pi.processInstanceKey)).toEqual({ caughtMessage: 'no such case' });
    });

    it('an uncaught BPMN error raises UNHANDLED_ERROR_EVENT instead of crashing', () => {
      // given
      const pi = broker.createProcessInstance({ processDefinitionId: 'error-boundary' });
      const job = activateOne(broker, 'risky');
      // when
      broker.throwJobError(job.jobKey, { errorCode: 'SOMETHING_ELSE', errorMessage: 'boom' });
      // then
      const [incident] = broker.incidents({ processInstanceKey: pi.processInstanceKey });
      expect(incident.errorType).toBe('UNHANDLED_ERROR_EVENT');
      expect(incident.errorMessage).toContain("'SOMETHING_ELSE'");
      expect(activeElementIds(broker, pi.processInstanceKey)).toEqual(['Sub_Work', 'Task_Risky']);
    });
  });

  describe('caught by a catch-all error event subprocess', () => {
    let broker: Broker;
    beforeEach(async () => {
      broker = await memoryBroker();
      broker.pinClock(Date.parse('2026-11-25T08:00:00Z'));
    });
    afterEach(() => broker.close());

    it('a FEEL job type and retries; a catch-all error start event subprocess catches any code', async () => {
      // given
      await broker.deploy([fixture('error-event-subprocess.bpmn')]);
      const pi = broker.createProcessInstance({ processDefinitionId: 'error-event-subprocess', variables: { kind: 'mail' } });
      const job = activateOne(broker, 'work-mail');
      expect(job.retries).toBe(2);
      // when
      broker.throwJobError(job.jobKey, { errorCode: 'WHATEVER' });
      // then
      expect(broker.processInstances({ processInstanceKey: pi.processInstanceKey })[0].state).toBe('COMPLETED');
      expect(broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).find((e) => e.elementId === 'Task_Work')?.state).toBe('TERMINATED');
    });
  });

  describe('from a called child', () => {
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

    it('an error end event in the child, not caught there, is caught by the error boundary on the call activity', () => {
      // given
      const parent = broker.createProcessInstance({ processDefinitionId: 'call-parent', variables: { childId: 'call-child' } });
      // when
      broker.completeJob(activateOne(broker, 'child-work').jobKey, { abort: true });
      // then
      const child = broker.processInstances().find((p) => p.processDefinitionId === 'call-child');
      expect(child?.state).toBe('TERMINATED');
      expect(broker.elementInstances({ processInstanceKey: parent.processInstanceKey }).map((e) => e.elementId)).toContain('End_Aborted');
      expect(broker.processInstances({ processInstanceKey: parent.processInstanceKey })[0].state).toBe('COMPLETED');
    });
  });
});
