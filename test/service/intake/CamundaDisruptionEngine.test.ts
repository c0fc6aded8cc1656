import { EngineGateway } from '../../../lib/camunda/EngineGateway';
import { CamundaDisruptionEngine } from '../../../service/intake/CamundaDisruptionEngine';
import { IntakeError } from '../../../service/intake/IntakeError';
import { EngineStub, problem } from '../../lib/camunda/support/EngineStub';

describe('the intake’s engine port over the gateway', () => {
  const stub = new EngineStub({
    'POST /v2/messages/publication': (body) =>
      body.messageId === 'report-1' ? problem(409, 'ALREADY_EXISTS', 'buffered') : problem(404, 'NOT_FOUND', 'no such subscription'),
    'POST /v2/process-instances': () => ({ status: 200, body: { processDefinitionKey: '1', processDefinitionId: 'driftstorning-sesam', processDefinitionVersion: 1, processInstanceKey: '2251799813685300', tenantId: '<default>', variables: {} } }),
  });
  let engine: CamundaDisruptionEngine;

  beforeAll(async () => {
    engine = new CamundaDisruptionEngine(new EngineGateway(await stub.start()), { messageTtlMs: 86_400_000 });
  });
  afterAll(() => stub.stop());

  test('a report re-sent with the same messageId (409) counts as published, with the configured time to live', async () => {
    // given / when
    await engine.publishMessage({ name: 'report-received', correlationKey: 'D-20260301-1', variables: {}, messageId: 'report-1' });
    // then
    expect(stub.requests.at(-1)?.body).toMatchObject({ messageId: 'report-1', timeToLive: 86_400_000 });
  });

  test('an engine refusal reaches the intake as IntakeError with the engine’s status and the disruption (404 → "unknown")', async () => {
    // given / when
    const published = engine.publishMessage({ name: 'prognosis-received', correlationKey: 'D-20260301-2', variables: {}, messageId: 'x' });
    // then
    await expect(published).rejects.toBeInstanceOf(IntakeError);
    await expect(published).rejects.toMatchObject({ message: 'Engine refused or did not answer: publish message prognosis-received', context: { operation: 'publish message', status: 404, disruptionId: 'D-20260301-2' } });
  });

  test('a new disruption starts the disruption process and answers its key', async () => {
    // given / when
    const key = await engine.startDisruption({ disruptionId: 'D-20260301-3' });
    // then
    expect(key).toBe('2251799813685300');
    expect(stub.requests.at(-1)).toMatchObject({ path: '/v2/process-instances', body: { processDefinitionId: 'driftstorning-sesam', variables: { disruptionId: 'D-20260301-3' } } });
  });
});
