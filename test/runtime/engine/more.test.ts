import type { Broker } from '../../../runtime/src/broker/types';
import { activateOne, activeElementIds, fixture, memoryBroker, rootVariables } from './helpers';

const DAY = 24 * 3600_000;

describe('more Zeebe semantics: incidents on conditions, timer start, FEEL job type, error event subprocess, resources', () => {
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

  it('deleting the latest version makes the previous one latest again; the XML is served until then', async () => {
    // given
    const v1 = await broker.deploy([fixture('service-gateway.bpmn')]);
    const xml2 = fixture('service-gateway.bpmn').content.toString().replace('Check severity', 'Check severity v2');
    const v2 = await broker.deploy([{ name: 'service-gateway.bpmn', content: Buffer.from(xml2) }]);
    const key = (d: typeof v1) => ('processDefinition' in d.deployments[0] ? d.deployments[0].processDefinition.processDefinitionKey : '');
    expect(broker.processDefinitionXml(key(v2))).toContain('Check severity v2');
    // when
    broker.deleteResource(key(v2));
    // then
    expect(() => broker.processDefinitionXml(key(v2))).toThrow(expect.objectContaining({ status: 404 }));
    const pi = broker.createProcessInstance({ processDefinitionId: 'service-gateway', variables: { count: 1 } });
    expect(pi.processDefinitionKey).toBe(key(v1));
    expect(() => broker.deleteResource('123')).toThrow(expect.objectContaining({ status: 404 }));
  });

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

  it('a receive task waits for its message; a message throw event with a task definition and a job-based user task are jobs', async () => {
    // given
    await broker.deploy([fixture('receive-throw.bpmn')]);
    const pi = broker.createProcessInstance({ processDefinitionId: 'receive-throw', variables: { caseId: 'R' } });
    expect(broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).find((e) => e.elementId === 'Receive_Answer')?.type).toBe('RECEIVE_TASK');
    // when
    broker.publishMessage({ name: 'vendor-answer', correlationKey: 'R', variables: { answer: 42 } });
    broker.completeJob(activateOne(broker, 'send-out').jobKey, {});
    const legacy = activateOne(broker, 'io.camunda.zeebe:userTask');
    broker.completeJob(legacy.jobKey, { done: true });
    // then
    expect(legacy.customHeaders).toEqual({ formKey: 'camunda-forms:bpmn:x' });
    expect(rootVariables(broker, pi.processInstanceKey)).toEqual({ caseId: 'R', answer: 42, done: true });
    expect(broker.processInstances({ processInstanceKey: pi.processInstanceKey })[0].state).toBe('COMPLETED');
  });
});
