/**
 * Issue #3, start: `npm run runtime` starts the runtime from the environment, prints its URLs, serves
 * the REST API and the monitoring port, and stops cleanly on SIGINT; bad configuration fails fast and
 * lists every problem.
 */
import { createServer, type Server } from 'node:net';
import { runRuntime, startChildRuntime } from './http/support/childRuntime';
import { fixture, raw, sdkClient } from './http/support/localRuntime';

describe('npm run runtime (issue #3, start)', () => {
  test('starts in memory from the environment, prints its URLs and stops on SIGINT', async () => {
    // given
    const runtime = await startChildRuntime({ RUNTIME_IN_MEMORY: 'true' });
    // when
    const topology = await sdkClient(runtime).getTopology();
    const clock = await raw(runtime, 'GET', '/actuator/clock');
    const health = await raw(runtime, 'GET', '/actuator/health');
    runtime.child.kill('SIGINT');
    const exit = await runtime.exited;
    // then
    expect(runtime.output()).toContain(`Camunda 8 REST API (ZEEBE_REST_ADDRESS)            ${runtime.restAddress}`);
    expect(runtime.output()).toContain(`Monitoring (CAMUNDA_MONITORING_API_ADDRESS)        ${runtime.monitoringAddress}`);
    expect(topology).toMatchObject({ clusterSize: 1, partitionsCount: 1, gatewayVersion: '8.8.0' });
    expect(clock.body).toEqual({ epochMilli: expect.any(Number), instant: expect.any(String) });
    expect(health).toMatchObject({ status: 200, body: { status: 'UP' } });
    expect(exit).toEqual({ code: 0, signal: null });
    expect(runtime.output()).toContain('local runtime stopped');
  }, 30_000);

  test('no personal data in the logs, even at LOG_LEVEL=trace', async () => {
    // given: a runtime logging everything, and variables with a caller's name and personal identity number
    const runtime = await startChildRuntime({ RUNTIME_IN_MEMORY: 'true', LOG_LEVEL: 'trace' });
    const client = sdkClient(runtime);
    await client.deployResourcesFromFiles([fixture('api-service-task.bpmn')]);
    // when
    await client.createProcessInstance({ processDefinitionId: 'api-service-task', variables: { caller: 'Tolvan Tolvansson', pnr: '19121212-1212' } });
    const [job] = await client.activateJobs({ type: 'api-do-work', worker: 'w', timeout: 60_000, maxJobsToActivate: 1 });
    await client.completeJob({ jobKey: job.jobKey, variables: { note: 'Tolvansson ringde' } });
    await raw(runtime, 'POST', '/v2/process-instances', JSON.stringify({ processDefinitionId: 'api-service-task', variables: { pnr: 19121212 }, bogus: 'Tolvansson' }));
    runtime.child.kill('SIGTERM');
    await runtime.exited;
    // then
    expect(runtime.output()).toContain('"level":10');
    expect(runtime.output()).not.toContain('Tolvansson');
    expect(runtime.output()).not.toContain('19121212');
  }, 30_000);

  test('invalid configuration fails fast and lists every problem', async () => {
    // given
    const { output, exited } = runRuntime({ RUNTIME_REST_PORT: 'eighty', RUNTIME_MONITORING_PORT: '70000', LOG_LEVEL: 'loud', RUNTIME_IN_MEMORY: 'maybe' });
    // when
    const exit = await exited;
    // then
    expect(exit.code).toBe(2);
    for (const variable of ['RUNTIME_REST_PORT', 'RUNTIME_MONITORING_PORT', 'LOG_LEVEL', 'RUNTIME_IN_MEMORY']) {
      expect(output()).toContain(variable);
    }
    expect(output()).not.toMatch(/\n\s+at /);
  }, 30_000);

  test('an unusable data directory is reported by its variable name, without a stack trace', async () => {
    // given: a data directory below a regular file
    const { output, exited } = runRuntime({ RUNTIME_DATA_DIR: `${__filename}/data`, RUNTIME_REST_PORT: '0', RUNTIME_MONITORING_PORT: '0' });
    // when
    const exit = await exited;
    // then
    expect(exit.code).toBe(1);
    expect(output()).toContain('The local runtime could not start: Cannot create the data directory');
    expect(output()).toContain('set RUNTIME_DATA_DIR');
    expect(output()).not.toMatch(/\n\s+at /);
  }, 30_000);

  test('a busy port is reported by its variable name', async () => {
    // given: a port that is taken
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      // when
      const { output, exited } = runRuntime({ RUNTIME_IN_MEMORY: 'true', RUNTIME_HOST: '127.0.0.1', RUNTIME_REST_PORT: String(port), RUNTIME_MONITORING_PORT: '0' });
      const exit = await exited;
      // then
      expect(exit.code).toBe(1);
      expect(output()).toContain(`Port ${port} is already in use: set RUNTIME_REST_PORT`);
    } finally {
      blocker.close();
    }
  }, 30_000);
});
