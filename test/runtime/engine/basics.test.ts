import type { Broker } from '../../../runtime/src/broker/types';
import { Problem } from '../../../runtime/src/broker/Problem';
import { activateOne, activeElementIds, fixture, memoryBroker, rootVariables } from './helpers';

describe('broker basics: deploy, instance, job, exclusive gateway', () => {
  let broker: Broker;
  beforeEach(async () => {
    broker = await memoryBroker();
  });
  afterEach(async () => {
    await broker.close();
  });

  it('deploys a process and versions a changed redeploy, returning the existing version for identical content', async () => {
    // given
    const first = await broker.deploy([fixture('service-gateway.bpmn')]);
    // when
    const same = await broker.deploy([fixture('service-gateway.bpmn')]);
    const changedXml = fixture('service-gateway.bpmn').content.toString().replace('Check severity', 'Check the severity');
    const changed = await broker.deploy([{ name: 'service-gateway.bpmn', content: Buffer.from(changedXml) }]);
    // then
    const v = (d: typeof first) => ('processDefinition' in d.deployments[0] ? d.deployments[0].processDefinition : null);
    expect(v(first)?.processDefinitionVersion).toBe(1);
    expect(v(same)?.processDefinitionKey).toBe(v(first)?.processDefinitionKey);
    expect(v(changed)?.processDefinitionVersion).toBe(2);
    expect(typeof v(first)?.processDefinitionKey).toBe('string');
    expect(broker.processDefinitions().map((d) => d.version)).toEqual([1, 2]);
  });

  it('refuses an unsupported element naming its id and type, storing nothing', async () => {
    // given
    const xml = fixture('service-gateway.bpmn')
      .content.toString()
      .replace('<bpmn:exclusiveGateway id="Gateway_Severe"', '<bpmn:inclusiveGateway id="Gateway_Severe"')
      .replace('</bpmn:exclusiveGateway>', '</bpmn:inclusiveGateway>');
    // when
    const attempt = broker.deploy([{ name: 'bad.bpmn', content: Buffer.from(xml) }]);
    // then
    await expect(attempt).rejects.toThrow(Problem);
    await expect(attempt).rejects.toMatchObject({ status: 400, detail: expect.stringContaining("Element 'Gateway_Severe' (bpmn:InclusiveGateway)") });
    expect(broker.processDefinitions()).toEqual([]);
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

  it('follows sequence flows declared only by sourceRef/targetRef (no incoming/outgoing children)', async () => {
    // given
    await broker.deploy([fixture('flows-only.bpmn')]);
    const pi = broker.createProcessInstance({ processDefinitionId: 'flows-only' });
    // when
    broker.completeJob(activateOne(broker, 'flows-only-work').jobKey, {});
    // then
    expect(broker.processInstances({ processInstanceKey: pi.processInstanceKey })[0].state).toBe('COMPLETED');
    expect(broker.elementInstances({ processInstanceKey: pi.processInstanceKey }).map((e) => e.flowScopeKey)).toEqual([pi.processInstanceKey, pi.processInstanceKey, pi.processInstanceKey]);
  });

  it('refuses execution listeners loudly instead of ignoring them', async () => {
    // given
    const xml = fixture('service-gateway.bpmn')
      .content.toString()
      .replace('<zeebe:taskDefinition type="check-severity" retries="3" />', '<zeebe:taskDefinition type="check-severity" retries="3" /><zeebe:executionListeners><zeebe:executionListener eventType="start" type="audit" /></zeebe:executionListeners>');
    // when
    const attempt = broker.deploy([{ name: 'listeners.bpmn', content: Buffer.from(xml) }]);
    // then
    await expect(attempt).rejects.toMatchObject({ status: 400, detail: expect.stringContaining("Element 'ServiceTask_Check' (bpmn:ServiceTask): zeebe:executionListeners") });
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
