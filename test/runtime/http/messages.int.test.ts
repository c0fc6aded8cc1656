/**
 * Message cardinality through @camunda8/sdk, as Zeebe does it (Camunda 8.8 docs, concepts/messages,
 * "Message cardinality"; Zeebe's MessageCorrelateBehavior and MessageCorrelator): a message is correlated
 * at most once per BPMN process id — to the oldest waiting subscription of that process — and to every
 * other process; catch events come before message start events; a buffered message reaches a process
 * only once, however many of its subscriptions open later.
 */
import type { RunningRuntime } from '../../../runtime/src/startRuntime';
import { sdkClient, startTestRuntime, type RestClient } from './support/localRuntime';
import { HOUR, activeElementIds, deploy, instance } from './support/sdkHelpers';

describe('messages: at most one correlation per BPMN process id (Zeebe message cardinality)', () => {
  let runtime: RunningRuntime;
  let client: RestClient;
  const waiting = async (processDefinitionId: string, outageId: string) =>
    (await client.createProcessInstance({ processDefinitionId, variables: { outageId } })).processInstanceKey;
  const state = async (processInstanceKey: string) => (await instance(client, processInstanceKey)).state;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    client = sdkClient(runtime);
    await deploy(client, 'api-cardinality-a.bpmn', 'api-cardinality-b.bpmn', 'api-cardinality-start.bpmn');
  });
  afterAll(async () => {
    await runtime?.close();
  });

  test('a published message completes the oldest waiting instance of each process, not every instance of a process', async () => {
    // given: two instances of process a and one of process b wait for the same message and key
    const a1 = await waiting('api-cardinality-a', 'OUT-1');
    const a2 = await waiting('api-cardinality-a', 'OUT-1');
    const b1 = await waiting('api-cardinality-b', 'OUT-1');
    // when
    await client.publishMessage({ name: 'api-cardinality-restored', correlationKey: 'OUT-1', variables: {}, timeToLive: 0 });
    // then: the oldest of a and the one of b; the second of a still waits
    expect(await state(a1)).toBe('COMPLETED');
    expect(await state(b1)).toBe('COMPLETED');
    expect(await state(a2)).toBe('ACTIVE');
    expect(await activeElementIds(client, a2)).toEqual(['Event_Restored']);
    // and a second message reaches the second instance
    await client.publishMessage({ name: 'api-cardinality-restored', correlationKey: 'OUT-1', variables: {}, timeToLive: 0 });
    expect(await state(a2)).toBe('COMPLETED');
  });

  test('correlate answers the oldest waiting instance of the process and leaves the others waiting', async () => {
    // given
    const a1 = await waiting('api-cardinality-a', 'OUT-2');
    const a2 = await waiting('api-cardinality-a', 'OUT-2');
    // when
    const correlated = await client.correlateMessage({ name: 'api-cardinality-restored', correlationKey: 'OUT-2', variables: {} });
    // then
    expect(correlated.processInstanceKey).toBe(a1);
    expect(await state(a1)).toBe('COMPLETED');
    expect(await activeElementIds(client, a2)).toEqual(['Event_Restored']);
  });

  test('a buffered message reaches each process once: a later instance of the same process does not get it again', async () => {
    // given: the message is buffered before anyone waits
    await client.publishMessage({ name: 'api-cardinality-restored', correlationKey: 'OUT-3', variables: { restored: true }, timeToLive: HOUR });
    // when
    const a1 = await waiting('api-cardinality-a', 'OUT-3');
    const a2 = await waiting('api-cardinality-a', 'OUT-3');
    const b1 = await waiting('api-cardinality-b', 'OUT-3');
    // then
    expect(await state(a1)).toBe('COMPLETED');
    expect(await activeElementIds(client, a2)).toEqual(['Event_Restored']);
    expect(await state(b1)).toBe('COMPLETED');
  });

  test('a waiting catch event takes the message before a message start event of the same process: no second instance starts', async () => {
    // given: the first message starts an instance, which then waits for the same message (empty correlation key)
    await client.publishMessage({ name: 'api-cardinality-item', correlationKey: '', variables: {}, timeToLive: 0 });
    const started = await client.searchProcessInstances({ filter: { processDefinitionId: 'api-cardinality-start' } } as never);
    expect(started.items).toHaveLength(1);
    const first = started.items[0].processInstanceKey;
    expect(await activeElementIds(client, first)).toEqual(['Event_NextItem']);
    // when
    await client.publishMessage({ name: 'api-cardinality-item', correlationKey: '', variables: {}, timeToLive: 0 });
    // then
    const after = await client.searchProcessInstances({ filter: { processDefinitionId: 'api-cardinality-start' } } as never);
    expect(after.items.map((i) => [i.processInstanceKey, i.state])).toEqual([[first, 'COMPLETED']]);
  });
});
