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
      .replace('<bpmn:exclusiveGateway id="Gateway_Severe"', '<bpmn:inclusiveGateway id="Gateway_Severe"')
      .replace('</bpmn:exclusiveGateway>', '</bpmn:inclusiveGateway>');
    // when
    const attempt = broker.deploy([{ name: 'bad.bpmn', content: Buffer.from(xml) }]);
    // then
    await expect(attempt).rejects.toThrow(Problem);
    await expect(attempt).rejects.toMatchObject({ status: 400, detail: expect.stringContaining("Element 'Gateway_Severe' (bpmn:InclusiveGateway)") });
    expect(broker.processDefinitions()).toEqual([]);
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
