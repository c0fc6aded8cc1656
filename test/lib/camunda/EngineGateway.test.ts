import { EngineError } from '../../../lib/camunda/EngineError';
import { EngineGateway } from '../../../lib/camunda/EngineGateway';
import { EngineStub, problem } from './support/EngineStub';

describe('EngineGateway: the one adapter to the engine (lib/camunda)', () => {
  const stub = new EngineStub({
    'POST /v2/messages/publication': (body) =>
      body.messageId === 'already-buffered' ? problem(409, 'ALREADY_EXISTS', 'a message with this id is buffered') : body.messageId === 'refused' ? problem(400, 'INVALID_ARGUMENT', 'bad name') : { status: 200, body: { key: '1', tenantId: '<default>' } },
    'POST /v2/variables/search': () => ({
      status: 200,
      body: {
        items: [
          { variableKey: '1', name: 'disruptionId', value: '"D-20260301-1"', scopeKey: '9', processInstanceKey: '9', tenantId: '<default>', isTruncated: false },
          { variableKey: '2', name: 'prognosis', value: '{"expectedAt":"2026-03-01T12:00:00Z"}', scopeKey: '9', processInstanceKey: '9', tenantId: '<default>', isTruncated: false },
          { variableKey: '3', name: 'restoredAt', value: 'null', scopeKey: '9', processInstanceKey: '9', tenantId: '<default>', isTruncated: false },
          { variableKey: '4', name: 'note', value: '"Avgrävd fib', scopeKey: '9', processInstanceKey: '9', tenantId: '<default>', isTruncated: true },
        ],
        page: { totalItems: 4 },
      },
    }),
  });
  let engine: EngineGateway;

  beforeAll(async () => {
    engine = new EngineGateway(await stub.start());
  });
  afterAll(() => stub.stop());

  test('a duplicate messageId (409) counts as published; the message goes out with its id and time to live', async () => {
    // given / when
    await engine.publishMessage({ name: 'report-received', correlationKey: 'D-20260301-1', variables: { newReports: [] }, messageId: 'already-buffered', timeToLive: 60_000 });
    // then
    expect(stub.requests.at(-1)?.body).toMatchObject({ name: 'report-received', correlationKey: 'D-20260301-1', messageId: 'already-buffered', timeToLive: 60_000 });
  });

  test('any other refusal is one EngineError carrying the operation, the HTTP status, what it concerned and the detail', async () => {
    // given / when
    const refused = engine.publishMessage({ name: 'report-received', correlationKey: 'D-20260301-1', variables: {}, messageId: 'refused' });
    // then
    await expect(refused).rejects.toBeInstanceOf(EngineError);
    await expect(refused).rejects.toMatchObject({ operation: 'publishMessage', status: 400, element: 'message report-received (D-20260301-1)', detail: 'bad name' });
  });

  test('404: an EngineError with status 404 naming the user task', async () => {
    await expect(engine.userTask('2251799813685249')).rejects.toMatchObject({ name: 'EngineError', operation: 'getUserTask', status: 404, element: 'user task 2251799813685249' });
  });

  test('variable values are decoded in one place: JSON values, and a truncated text kept as its text', async () => {
    // given / when
    const values = await engine.variableValues({ processInstanceKey: '9', scopeKey: '9' });
    // then
    expect(values).toEqual({ disruptionId: 'D-20260301-1', prognosis: { expectedAt: '2026-03-01T12:00:00Z' }, restoredAt: null, note: '"Avgrävd fib' });
  });

  test('an engine that does not answer: an EngineError with status 0 (no response)', async () => {
    // given an address nothing listens on
    const nowhere = new EngineGateway('http://127.0.0.1:9');
    // when / then
    await expect(nowhere.processDefinitions()).rejects.toMatchObject({ name: 'EngineError', operation: 'searchProcessDefinitions', status: 0 });
  });
});
