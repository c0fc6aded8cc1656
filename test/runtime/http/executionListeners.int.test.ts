/**
 * Execution listeners (Camunda 8.8, issue #14) through @camunda8/sdk: the process's and an element's start and end
 * listeners run one after the other as EXECUTION_LISTENER jobs, their variables are set, a listener without retries
 * left is an EXECUTION_LISTENER_NO_RETRIES incident, and what Camunda refuses at deployment is refused with its message.
 */
import { raw, runtimeWithFixtures } from './support/localRuntime';
import { trail } from './support/sdkHelpers';

type Job = { jobKey: string; kind: string; listenerEventType: string; elementId: string; retries: number; variables: Record<string, unknown> };

describe('execution listeners (Camunda 8.8) through the SDK', () => {
  const rt = runtimeWithFixtures(['api-execution-listeners.bpmn']);

  const job = async (type: string): Promise<Job> => {
    const jobs = await rt.client.activateJobs({ type, worker: 'el-test', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 5_000 });
    if (jobs.length !== 1) throw new Error(`expected one '${type}' job, got ${jobs.length}`);
    return jobs[0] as unknown as Job;
  };
  const complete = (jobKey: string, variables: Record<string, unknown> = {}) => rt.client.completeJob({ jobKey, variables: variables as never });
  const stateOf = async (processInstanceKey: string) => (await rt.client.searchProcessInstances({ filter: { processInstanceKey } } as never)).items[0].state;

  test('the process start listener, the task start listener, the task, its end listener and the process end listener run in that order; listener variables are set', async () => {
    // given
    const pi = await rt.client.createProcessInstance({ processDefinitionId: 'api-execution-listeners', variables: { endListenerType: 'el-check-end' } });
    // when
    const processStart = await job('el-process-start');
    await complete(processStart.jobKey, { reportedBy: 'desk' });
    const checkStart = await job('el-check-start');
    const whileStarting = await trail(rt.client, pi.processInstanceKey);
    await complete(checkStart.jobKey, { checkedSystem: 'sesam' });
    const task = await job('el-check');
    await complete(task.jobKey, { severity: 'high' });
    const checkEnd = await job('el-check-end');
    await complete(checkEnd.jobKey, { checkedAt: 'now' });
    const processEnd = await job('el-process-end');
    const beforeProcessEnd = await stateOf(pi.processInstanceKey);
    await complete(processEnd.jobKey);
    // then
    expect(processStart).toMatchObject({ kind: 'EXECUTION_LISTENER', listenerEventType: 'START', elementId: 'api-execution-listeners' });
    expect(checkStart).toMatchObject({ kind: 'EXECUTION_LISTENER', listenerEventType: 'START', elementId: 'ServiceTask_Check', retries: 3 });
    expect(checkStart.variables).toMatchObject({ reportedBy: 'desk' });
    expect(whileStarting).toEqual(['StartEvent_Reported:COMPLETED', 'ServiceTask_Check:ACTIVE']);
    expect(task).toMatchObject({ kind: 'BPMN_ELEMENT', listenerEventType: 'UNSPECIFIED' });
    expect(task.variables).toMatchObject({ checkedSystem: 'sesam' });
    expect(checkEnd).toMatchObject({ kind: 'EXECUTION_LISTENER', listenerEventType: 'END', retries: 1 });
    expect(checkEnd.variables).toMatchObject({ severity: 'high' });
    expect(processEnd).toMatchObject({ listenerEventType: 'END', elementId: 'api-execution-listeners' });
    expect(beforeProcessEnd).toBe('ACTIVE');
    expect(await stateOf(pi.processInstanceKey)).toBe('COMPLETED');
    const vars = Object.fromEntries((await rt.client.searchVariables({ filter: { processInstanceKey: pi.processInstanceKey } } as never)).items.map((v) => [v.name, JSON.parse(v.value)]));
    expect(vars).toMatchObject({ reportedBy: 'desk', checkedSystem: 'sesam', severity: 'high', checkedAt: 'now' });
  });

  test('a listener job without retries left is an EXECUTION_LISTENER_NO_RETRIES incident; with retries again and resolved, the listener runs again and the flow goes on', async () => {
    // given
    const pi = await rt.client.createProcessInstance({ processDefinitionId: 'api-execution-listeners', variables: { endListenerType: 'el-check-end-failing' } });
    await complete((await job('el-process-start')).jobKey);
    await complete((await job('el-check-start')).jobKey);
    await complete((await job('el-check')).jobKey);
    const failing = await job('el-check-end-failing');
    // when
    await rt.client.failJob({ jobKey: failing.jobKey, retries: 0, errorMessage: 'audit log down', retryBackOff: 0 });
    const incident = (await rt.client.searchIncidents({ filter: { processInstanceKey: pi.processInstanceKey } } as never)).items[0];
    await rt.client.updateJob({ jobKey: failing.jobKey, retries: 1 } as never);
    await rt.client.resolveIncident(incident.incidentKey);
    const again = await job('el-check-end-failing');
    await complete(again.jobKey);
    await complete((await job('el-process-end')).jobKey);
    // then
    expect(incident).toMatchObject({ errorType: 'EXECUTION_LISTENER_NO_RETRIES', errorMessage: 'audit log down', elementId: 'ServiceTask_Check', jobKey: failing.jobKey });
    expect(again.jobKey).toBe(failing.jobKey);
    expect(await stateOf(pi.processInstanceKey)).toBe('COMPLETED');
  });

  test('what Camunda 8.8 refuses is refused at deployment with its message: start listeners on start events, end listeners on gateways, duplicates', async () => {
    // given
    const model = (extra: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="el-refused" isExecutable="true">
    <bpmn:startEvent id="start">${extra.includes('start-on-start') ? '<bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="start" type="a" /></zeebe:executionListeners></bpmn:extensionElements>' : ''}</bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw" />
    <bpmn:exclusiveGateway id="gw">${extra.includes('end-on-gateway') ? '<bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="end" type="b" /><zeebe:executionListener eventType="end" type="b" /></zeebe:executionListeners></bpmn:extensionElements>' : ''}</bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
    const deploy = async (xml: string) => {
      const form = new FormData();
      form.append('resources', new Blob([xml], { type: 'application/xml' }), 'el-refused.bpmn');
      const res = await fetch(`${rt.runtime.restAddress}/v2/deployments`, { method: 'POST', body: form, headers: { authorization: `Basic ${Buffer.from('demo:demo').toString('base64')}` } });
      return { status: res.status, detail: ((await res.json()) as { detail: string }).detail };
    };
    // when
    const onStart = await deploy(model('start-on-start'));
    const onGateway = await deploy(model('end-on-gateway'));
    const plain = await raw(rt.runtime, 'GET', '/v2/topology');
    // then
    expect(onStart.status).toBe(400);
    expect(onStart.detail).toContain("Element 'start' (bpmn:StartEvent): Execution listeners of type 'start' are not supported by start events");
    expect(onGateway.status).toBe(400);
    expect(onGateway.detail).toContain("Found '2' duplicates based on eventType[end] and type[b], these combinations should be unique.");
    expect(plain.status).toBe(200);
  });
});
