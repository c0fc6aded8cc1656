/**
 * @camunda8/process-test in REMOTE mode against the local runtime started in this test file.
 * MANAGED mode (Docker) is made impossible: testcontainers is replaced by a module that throws, and
 * the resolved configuration is checked before any test runs.
 */
import { setupCamundaProcessTest } from '@camunda8/process-test';
import { ContainerRuntimePropertiesUtil } from '@camunda8/process-test/distribution/runtime/CamundaRuntimeProperties';
import type { RunningRuntime } from '../../../../runtime/src/startRuntime';
import { startTestRuntime } from './localRuntime';

jest.mock('testcontainers', () => {
  const forbidden = () => {
    throw new Error('process-test tried to start Docker containers (MANAGED mode); this project runs process-test in REMOTE mode only');
  };
  class GenericContainer {
    constructor() {
      forbidden();
    }
  }
  return { GenericContainer, Wait: new Proxy({}, { get: () => forbidden }) };
});

export interface LocalProcessTestOptions {
  /** process-test's CAMUNDA_FLUSH_PROCESSES: cancel active instances when it starts. */
  flushProcesses?: boolean;
  /** Runs against the fresh runtime before process-test starts. */
  seed?: (runtime: RunningRuntime) => Promise<void>;
}

export function setupLocalProcessTest(options: LocalProcessTestOptions = {}) {
  let runtime: RunningRuntime | undefined;
  beforeAll(async () => {
    runtime = await startTestRuntime();
    await options.seed?.(runtime);
    process.env.CAMUNDA_FLUSH_PROCESSES = options.flushProcesses ? 'true' : 'false';
    process.env.CAMUNDA_RUNTIME_MODE = 'REMOTE';
    process.env.ZEEBE_REST_ADDRESS = runtime.restAddress;
    process.env.CAMUNDA_MONITORING_API_ADDRESS = runtime.monitoringAddress;
    process.env.CAMUNDA_AUTH_STRATEGY = 'NONE';
    delete process.env.CAMUNDA_OAUTH_URL;
    const resolved = ContainerRuntimePropertiesUtil.readProperties();
    if (resolved.runtimeMode !== 'REMOTE' || resolved.zeebeRestAddress !== runtime.restAddress) {
      throw new Error(
        `process-test is not configured for REMOTE mode against the local runtime (mode ${resolved.runtimeMode}, address ${resolved.zeebeRestAddress}); refusing to run`,
      );
    }
  });
  const setup = setupCamundaProcessTest();
  beforeAll(() => {
    if (setup.getContext().getRuntimeMode() !== 'REMOTE') throw new Error('process-test did not start in REMOTE mode');
  });
  afterAll(async () => {
    await runtime?.close();
  });
  return {
    context: () => setup.getContext(),
    client: () => setup.getClient(),
    runtime: () => {
      if (!runtime) throw new Error('local runtime not started');
      return runtime;
    },
  };
}
