import type { Broker } from '../../../runtime/src/broker/types';
import { activateOne, activeElementIds, fixture, memoryBroker, rootVariables } from './helpers';

const HOUR = 3600_000;

describe('call activities, event subprocesses, multi-instance, gateways, terminate', () => {
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

  it('cancelling the parent terminates the child', () => {
    // given
    const parent = broker.createProcessInstance({ processDefinitionId: 'call-parent', variables: { childId: 'call-child' } });
    // when
    broker.cancelProcessInstance(parent.processInstanceKey);
    // then
    expect(broker.processInstances().map((p) => p.state)).toEqual(['TERMINATED', 'TERMINATED']);
    expect(broker.activateJobs({ type: 'child-work', worker: 'w', timeout: 1000, maxJobsToActivate: 1 })).toEqual([]);
  });

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
