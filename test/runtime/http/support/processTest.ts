/**
 * @camunda8/process-test in REMOTE mode against the local runtime started in this test file.
 * MANAGED mode (Docker) is made impossible: testcontainers is replaced by a module that throws, and
 * the resolved configuration is checked before any test runs.
 */
import { setupCamundaProcessTest } from '@camunda8/process-test';
import { ContainerRuntimePropertiesUtil } from '@camunda8/process-test/distribution/runtime/CamundaRuntimeProperties';
import { CamundaSDKConfiguration } from '@camunda8/sdk/dist/lib/Configuration';
import type { RunningRuntime } from '../../../../runtime/src/startRuntime';
import { basicAuth, DEMO_USER, startTestRuntime } from './localRuntime';

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

/**
 * process-test 1.12's clock (`CamundaClock`: increaseTime) calls the monitoring port with a bare `fetch`, without the
 * credentials it uses for the REST API; the runtime's clock answers only an authenticated caller (as docs/runtime.md
 * says). While the test file runs, requests to this runtime's monitoring address carry the demo admin's Basic
 * credentials – the harness passes them, as a test passes them to its own clients.
 */
function sendCredentialsToMonitoring(monitoringAddress: string): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(monitoringAddress)) return original(input, init);
    const headers = new Headers(init?.headers);
    if (!headers.has('authorization')) headers.set('authorization', basicAuth());
    return original(input, { ...init, headers });
  };
  return () => {
    globalThis.fetch = original;
  };
}

export interface LocalProcessTestOptions {
  /** process-test's CAMUNDA_FLUSH_PROCESSES: cancel active instances when it starts. */
  flushProcesses?: boolean;
  /** Runs against the fresh runtime before process-test starts. */
  seed?: (runtime: RunningRuntime) => Promise<void>;
}

export function setupLocalProcessTest(options: LocalProcessTestOptions = {}) {
  let runtime: RunningRuntime | undefined;
  let restoreFetch: () => void = () => undefined;
  beforeAll(async () => {
    runtime = await startTestRuntime();
    await options.seed?.(runtime);
    process.env.CAMUNDA_FLUSH_PROCESSES = options.flushProcesses ? 'true' : 'false';
    process.env.CAMUNDA_RUNTIME_MODE = 'REMOTE';
    process.env.ZEEBE_REST_ADDRESS = runtime.restAddress;
    process.env.CAMUNDA_MONITORING_API_ADDRESS = runtime.monitoringAddress;
    // Basic credentials of the runtime's demo admin. process-test builds its clients from CAMUNDA_AUTH_STRATEGY alone and
    // leaves the user and password to the SDK, which read its environment once, when it was loaded: both are given.
    const credentials = { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: DEMO_USER.username, CAMUNDA_BASIC_AUTH_PASSWORD: DEMO_USER.password };
    Object.assign(process.env, credentials);
    Object.assign(CamundaSDKConfiguration, credentials);
    delete process.env.CAMUNDA_OAUTH_URL;
    restoreFetch = sendCredentialsToMonitoring(runtime.monitoringAddress);
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
    restoreFetch();
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
