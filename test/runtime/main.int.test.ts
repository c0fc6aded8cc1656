/**
 * `startRuntime()` (issue #3, start): addresses, the monitoring port, the local web pages when asked,
 * and a clean shutdown that answers every held request (job long polls, create-with-result).
 */
import { startRuntime } from '../../runtime/src/startRuntime';
import { startLocalRuntime } from '../../apps/runtime';
import { fixture, raw, sdkClient, startTestRuntime } from './http/support/localRuntime';

describe('startRuntime (issue #3, start)', () => {
  test('close() answers held job polls with no jobs and held create-with-result calls with 503', async () => {
    // given: a poll held for 30 s and an instance creation waiting for completion
    const runtime = await startTestRuntime();
    const client = sdkClient(runtime);
    await client.deployResourcesFromFiles([fixture('api-service-task.bpmn')]);
    const poll = raw(runtime, 'POST', '/v2/jobs/activation', JSON.stringify({ type: 'api-nothing', timeout: 1000, maxJobsToActivate: 1, requestTimeout: 30_000 }));
    const awaiting = raw(runtime, 'POST', '/v2/process-instances', JSON.stringify({ processDefinitionId: 'api-service-task', awaitCompletion: true, requestTimeout: 30_000 }));
    await new Promise((r) => setTimeout(r, 200));
    // when
    const started = Date.now();
    await runtime.close();
    // then: both answered at once, the runtime is down
    expect(await poll).toMatchObject({ status: 200, body: { jobs: [] } });
    expect(await awaiting).toMatchObject({ status: 503, body: { title: 'UNAVAILABLE', status: 503 } });
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(fetch(`${runtime.restAddress}/v2/topology`)).rejects.toThrow();
  });

  test('monitoring port: clock and health as Zeebe serves them', async () => {
    // given
    const runtime = await startTestRuntime();
    try {
      // when
      const pinned = await raw(runtime, 'POST', '/actuator/clock/pin', JSON.stringify({ epochMilli: Date.parse('2026-03-02T08:00:00Z') }));
      const added = await raw(runtime, 'POST', '/actuator/clock/add', JSON.stringify({ offsetMilli: 90_000 }));
      const read = await raw(runtime, 'GET', '/actuator/clock');
      const reset = await raw(runtime, 'DELETE', '/actuator/clock');
      const ready = await fetch(`${runtime.monitoringAddress}/ready`);
      // then
      expect(pinned.body).toEqual({ epochMilli: Date.parse('2026-03-02T08:00:00Z'), instant: '2026-03-02T08:00:00.000Z' });
      expect(added.body).toEqual({ epochMilli: Date.parse('2026-03-02T08:01:30Z'), instant: '2026-03-02T08:01:30.000Z' });
      expect(read.body).toEqual(added.body);
      expect(Math.abs((reset.body as { epochMilli: number }).epochMilli - Date.now())).toBeLessThan(5000);
      expect(ready.status).toBe(204);
    } finally {
      await runtime.close();
    }
  });

  test('invalid options are refused before anything starts, listing every problem', async () => {
    // given / when
    const start = startRuntime({ restPort: -1, monitoringPort: 1.5, logLevel: 'loud' as never, web: false });
    // then
    await expect(start).rejects.toThrow(/restPort[\s\S]*monitoringPort[\s\S]*logLevel/);
  });

  test('with web: true the local web pages start beside the API (apps/runtime.ts composes them)', async () => {
    // given
    const runtime = await startLocalRuntime({ inMemory: true, restPort: 0, monitoringPort: 0, webPort: 0, host: '127.0.0.1', web: true, logLevel: 'silent' });
    try {
      // when
      expect(runtime.webAddress).toMatch(/^http:\/\//);
      const page = await fetch(runtime.webAddress!);
      // then
      expect(page.status).toBeLessThan(500);
    } finally {
      await runtime.close();
    }
  });
});
