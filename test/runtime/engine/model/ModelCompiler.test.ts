import type { Broker } from '../../../../runtime/src/broker/types';
import { Problem } from '../../../../runtime/src/broker/Problem';
import { activateOne, fixture, memoryBroker } from '../helpers';

describe('model compilation at deployment (ModelCompiler, ProcessCompilation, scopeRules)', () => {
  let broker: Broker;
  beforeEach(async () => {
    broker = await memoryBroker();
  });
  afterEach(async () => {
    await broker.close();
  });

  it('refuses an unsupported element naming its id and type, storing nothing', async () => {
    // given
    const xml = fixture('service-gateway.bpmn')
      .content.toString()
      .replace('<bpmn:exclusiveGateway id="Gateway_Severe"', '<bpmn:complexGateway id="Gateway_Severe"')
      .replace('</bpmn:exclusiveGateway>', '</bpmn:complexGateway>');
    // when
    const attempt = broker.deploy([{ name: 'bad.bpmn', content: Buffer.from(xml) }]);
    // then
    await expect(attempt).rejects.toThrow(Problem);
    await expect(attempt).rejects.toMatchObject({ status: 400, detail: expect.stringContaining("Element 'Gateway_Severe' (bpmn:ComplexGateway)") });
    expect(broker.processDefinitions()).toEqual([]);
  });

  it('refuses execution listeners as Camunda 8.8 does: a listener without a job type, the same (event type, type) twice', async () => {
    // given
    const withListeners = (listeners: string) =>
      fixture('service-gateway.bpmn')
        .content.toString()
        .replace('<zeebe:taskDefinition type="check-severity" retries="3" />', `<zeebe:taskDefinition type="check-severity" retries="3" /><zeebe:executionListeners>${listeners}</zeebe:executionListeners>`);
    // when
    const untyped = broker.deploy([{ name: 'a.bpmn', content: Buffer.from(withListeners('<zeebe:executionListener eventType="start" />')) }]);
    const twice = broker.deploy([{ name: 'b.bpmn', content: Buffer.from(withListeners('<zeebe:executionListener eventType="end" type="audit" /><zeebe:executionListener eventType="end" type="audit" />')) }]);
    // then
    await expect(untyped).rejects.toMatchObject({ status: 400, detail: expect.stringContaining("Element 'ServiceTask_Check' (bpmn:ServiceTask): Attribute 'type' must be present and not empty") });
    await expect(twice).rejects.toMatchObject({ status: 400, detail: expect.stringContaining("Found '2' duplicates based on eventType[end] and type[audit], these combinations should be unique.") });
    expect(broker.processDefinitions()).toEqual([]);
  });

  it('refuses a task listener of an unknown event type with Camunda\'s message, and listeners on a job-based user task', async () => {
    // given
    const userTask = (extensions: string) =>
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D" targetNamespace="t"><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="S" /><bpmn:sequenceFlow id="F" sourceRef="S" targetRef="T" /><bpmn:userTask id="T"><bpmn:extensionElements>${extensions}</bpmn:extensionElements></bpmn:userTask></bpmn:process></bpmn:definitions>`,
      );
    // when
    const unknown = broker.deploy([{ name: 'a.bpmn', content: userTask('<zeebe:userTask /><zeebe:taskListeners><zeebe:taskListener eventType="claiming" type="x" /></zeebe:taskListeners>') }]);
    const untyped = broker.deploy([{ name: 'b.bpmn', content: userTask('<zeebe:userTask /><zeebe:taskListeners><zeebe:taskListener eventType="completing" /></zeebe:taskListeners>') }]);
    const jobBased = broker.deploy([{ name: 'c.bpmn', content: userTask('<zeebe:taskListeners><zeebe:taskListener eventType="completing" type="x" /></zeebe:taskListeners>') }]);
    // then
    await expect(unknown).rejects.toMatchObject({ status: 400, detail: expect.stringContaining("Element 'T' (bpmn:UserTask): Task listener event type 'claiming' is not supported. Currently, only 'creating', 'assigning', 'updating', 'completing', 'canceling' event types") });
    await expect(untyped).rejects.toMatchObject({ status: 400, detail: expect.stringContaining("attribute 'type' must be present and not empty") });
    await expect(jobBased).rejects.toMatchObject({ status: 400, detail: expect.stringContaining('only supported on Camunda user tasks (zeebe:userTask)') });
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
});
