import type { Broker } from '../../../../runtime/src/broker/types';
import { activateOne, fixture, memoryBroker, rootVariables } from '../helpers';

describe('jobs, retries and job incidents', () => {
  let broker: Broker;
  beforeEach(async () => {
    broker = await memoryBroker();
    broker.pinClock(Date.parse('2026-11-25T08:00:00Z'));
    await broker.deploy([fixture('service-gateway.bpmn'), fixture('error-boundary.bpmn')]);
  });
  afterEach(() => broker.close());

  it('a job whose deadline passes becomes activatable again', () => {
    // given
    broker.createProcessInstance({ processDefinitionId: 'service-gateway', variables: { count: 1 } });
    const job = broker.activateJobs({ type: 'check-severity', worker: 'w', timeout: 1000, maxJobsToActivate: 5 })[0];
    expect(broker.activateJobs({ type: 'check-severity', worker: 'w', timeout: 1000, maxJobsToActivate: 5 })).toHaveLength(0);
    // when
    broker.addClockOffset(1001);
    // then
    const again = broker.activateJobs({ type: 'check-severity', worker: 'w2', timeout: 1000, maxJobsToActivate: 5 });
    expect(again.map((j) => j.jobKey)).toEqual([job.jobKey]);
    expect(again[0].worker).toBe('w2');
  });

  it('fail with retries and back-off makes the job activatable after the back-off on the runtime clock', () => {
    // given
    broker.createProcessInstance({ processDefinitionId: 'service-gateway', variables: { count: 1 } });
    const job = activateOne(broker, 'check-severity');
    // when
    broker.failJob(job.jobKey, { retries: 2, errorMessage: 'ITSM down', retryBackOff: 30000 });
    // then
    expect(broker.activateJobs({ type: 'check-severity', worker: 'w', timeout: 1000, maxJobsToActivate: 1 })).toHaveLength(0);
    broker.addClockOffset(30000);
    expect(activateOne(broker, 'check-severity').retries).toBe(2);
  });

  it('fail with no retries left raises JOB_NO_RETRIES; raising retries and resolving retries the job', () => {
    // given
    const pi = broker.createProcessInstance({ processDefinitionId: 'service-gateway', variables: { count: 1 } });
    const job = activateOne(broker, 'check-severity');
    // when
    broker.failJob(job.jobKey, { retries: 0, errorMessage: 'ITSM answered 500' });
    // then
    const [incident] = broker.incidents({ processInstanceKey: pi.processInstanceKey });
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', errorMessage: 'ITSM answered 500', jobKey: job.jobKey, state: 'ACTIVE', elementId: 'ServiceTask_Check' });
    expect(broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).find((e) => e.elementId === 'ServiceTask_Check')).toMatchObject({ hasIncident: true, incidentKey: incident.incidentKey });
    broker.updateJob(job.jobKey, { retries: 1 });
    broker.resolveIncident(incident.incidentKey);
    expect(broker.incidents({ incidentKey: incident.incidentKey })[0].state).toBe('RESOLVED');
    broker.completeJob(activateOne(broker, 'check-severity').jobKey, { severity: 'low' });
    expect(broker.processInstances({ processInstanceKey: pi.processInstanceKey })[0]).toMatchObject({ state: 'COMPLETED', hasIncident: false });
  });

  it('job completion variables propagate to the process scope (no output mappings)', () => {
    // given
    const pi = broker.createProcessInstance({ processDefinitionId: 'error-boundary' });
    // when
    broker.completeJob(activateOne(broker, 'risky').jobKey, { result: { ok: true } });
    // then
    expect(rootVariables(broker, pi.processInstanceKey)).toEqual({ result: { ok: true } });
    expect(broker.processInstances({ processInstanceKey: pi.processInstanceKey })[0].state).toBe('COMPLETED');
  });

  it('fetchVariable limits the variables of an activated job', () => {
    // given
    broker.createProcessInstance({ processDefinitionId: 'service-gateway', variables: { count: 3, secret: 'x' } });
    // when
    const job = activateOne(broker, 'check-severity', ['count']);
    // then
    expect(job.variables).toEqual({ count: 3 });
  });

  it('refuses unsafe integers in variables', () => {
    // when / then
    expect(() => broker.createProcessInstance({ processDefinitionId: 'service-gateway', variables: { count: 2 ** 60 } })).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('notifies long-pollers when a job is created and again when its back-off has passed on the clock', () => {
    // given
    const calls: string[] = [];
    const unsubscribe = broker.onJobsAvailable('check-severity', () => calls.push('available'));
    broker.createProcessInstance({ processDefinitionId: 'service-gateway', variables: { count: 1 } });
    expect(calls).toEqual(['available']);
    const job = activateOne(broker, 'check-severity');
    broker.failJob(job.jobKey, { retries: 1, retryBackOff: 60_000 });
    expect(calls).toEqual(['available']);
    // when
    broker.addClockOffset(60_000);
    // then
    expect(calls).toEqual(['available', 'available']);
    unsubscribe();
  });
});
