import type { Broker } from '../../../../runtime/src/broker/types';
import { fixture, memoryBroker } from '../helpers';

describe('deployment: versions and deletion', () => {
  describe('versions per process id', () => {
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
  });

  describe('deleting a version', () => {
    let broker: Broker;
    beforeEach(async () => {
      broker = await memoryBroker();
      broker.pinClock(Date.parse('2026-11-25T08:00:00Z'));
    });
    afterEach(() => broker.close());

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
  });
});
