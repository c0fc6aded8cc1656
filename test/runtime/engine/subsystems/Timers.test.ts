import type { Broker } from '../../../../runtime/src/broker/types';
import { activateOne, activeElementIds, fixture, memoryBroker, rootVariables } from '../helpers';

const HOUR = 3600_000;
const DAY = 24 * 3600_000;

describe('timers on the controlled clock', () => {
  describe('timer catch events and boundary timers', () => {
    let broker: Broker;
    beforeEach(async () => {
      broker = await memoryBroker();
      broker.pinClock(Date.parse('2026-11-25T08:00:00Z'));
      await broker.deploy([fixture('boundary-timers.bpmn'), fixture('timer-feel.bpmn')]);
    });
    afterEach(() => broker.close());

    it('a non-interrupting timer cycle fires each hour and an interrupting 4 h duration ends the wait', () => {
      // given
      const pi = broker.createProcessInstance({ processDefinitionId: 'boundary-timers' });
      expect(activeElementIds(broker, pi.processInstanceKey)).toEqual(['UserTask_Confirm']);
      // when
      broker.addClockOffset(HOUR);
      // then
      expect(activeElementIds(broker, pi.processInstanceKey).sort()).toEqual(['Task_Remind', 'UserTask_Confirm']);
      broker.completeJob(activateOne(broker, 'remind').jobKey, {});
      broker.addClockOffset(HOUR);
      expect(broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).filter((e) => e.elementId === 'Timer_Remind')).toHaveLength(2);
      // and when 4 hours have passed
      broker.addClockOffset(2 * HOUR);
      expect(broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).find((e) => e.elementId === 'UserTask_Confirm')?.state).toBe('TERMINATED');
      expect(broker.userTasks({ processInstanceKey: pi.processInstanceKey })[0].state).toBe('CANCELED');
      expect(broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).some((e) => e.elementId === 'End_Backup')).toBe(true);
    });

    it('a FEEL timeDate fires at date and time(reportedAt) + duration(backupAfter), not before', () => {
      // given
      const pi = broker.createProcessInstance({ processDefinitionId: 'timer-feel', variables: { reportedAt: '2026-11-25T07:30:00Z', backupAfter: 'PT4H' } });
      expect(activeElementIds(broker, pi.processInstanceKey)).toEqual(['Timer_Backup']);
      // when
      broker.pinClock(Date.parse('2026-11-25T11:29:59Z'));
      // then
      expect(activeElementIds(broker, pi.processInstanceKey)).toEqual(['Timer_Backup']);
      broker.pinClock(Date.parse('2026-11-25T11:30:00Z'));
      expect(broker.processInstances({ processInstanceKey: pi.processInstanceKey })[0].state).toBe('COMPLETED');
    });

    it('a timer whose date has passed fires immediately', () => {
      // given / when
      const pi = broker.createProcessInstance({ processDefinitionId: 'timer-feel', variables: { reportedAt: '2026-11-24T00:00:00Z', backupAfter: 'PT1H' } });
      // then
      expect(broker.processInstances({ processInstanceKey: pi.processInstanceKey })[0].state).toBe('COMPLETED');
    });

    it('resetClock returns to system time', () => {
      // given
      broker.addClockOffset(HOUR);
      // when
      broker.resetClock();
      // then
      expect(Math.abs(broker.now() - Date.now())).toBeLessThan(1000);
    });
  });

  describe('timer start events', () => {
    let broker: Broker;
    beforeEach(async () => {
      broker = await memoryBroker();
      broker.pinClock(Date.parse('2026-11-25T08:00:00Z'));
    });
    afterEach(() => broker.close());

    it('a timer start event with R2/PT24H starts two instances on the clock, FEEL now() reads the runtime clock', async () => {
      // given
      await broker.deploy([fixture('timer-start.bpmn')]);
      expect(broker.processInstances()).toHaveLength(0);
      // when
      broker.addClockOffset(DAY);
      broker.addClockOffset(DAY);
      broker.addClockOffset(DAY);
      // then
      const instances = broker.processInstances();
      expect(instances.map((p) => p.state)).toEqual(['COMPLETED', 'COMPLETED']);
      expect(String(rootVariables(broker, instances[0].processInstanceKey).firedAt)).toContain('2026-11-26T08:00:00');
    });
  });
});
