/**
 * @camunda8/process-test in REMOTE mode against the local runtime, started in-process for the test file
 * (in memory, ephemeral ports), with the real bpmn/ and forms/ deployed. MANAGED mode (Docker) is made
 * impossible: testcontainers is replaced by a module that throws, and the resolved mode is checked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setupCamundaProcessTest, type CamundaProcessTestContext } from '@camunda8/process-test';
import type { Camunda8 } from '@camunda8/sdk';
import { startRuntime, type RunningRuntime } from '../../../runtime/src/main';
import { FORMS, PROCESSES } from '../../../workers/contract';

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

const ROOT = path.resolve(__dirname, '../../..');

/** The committed models and forms: what a process owner deploys. */
export function routineResources(): string[] {
  const list = (dir: string, ext: string) =>
    readdirSync(path.join(ROOT, dir))
      .filter((f) => f.endsWith(ext))
      .sort()
      .map((f) => path.join(ROOT, dir, f));
  return [...list('bpmn', '.bpmn'), ...list('forms', '.form')];
}

export interface RoutineHarness {
  context(): CamundaProcessTestContext;
  camunda(): Camunda8;
  runtime(): RunningRuntime;
}

/** Start the runtime, point process-test at it (REMOTE), deploy bpmn/ + forms/ once per file. */
export function setupRoutineProcessTest(): RoutineHarness {
  let runtime: RunningRuntime | undefined;
  beforeAll(async () => {
    runtime = await startRuntime({ inMemory: true, restPort: 0, monitoringPort: 0, host: '127.0.0.1', web: false, logLevel: 'silent' });
    process.env.CAMUNDA_RUNTIME_MODE = 'REMOTE';
    process.env.ZEEBE_REST_ADDRESS = runtime.restAddress;
    process.env.CAMUNDA_MONITORING_API_ADDRESS = runtime.monitoringAddress;
    process.env.CAMUNDA_AUTH_STRATEGY = 'NONE';
    process.env.CAMUNDA_LOG_LEVEL = 'none';
    delete process.env.CAMUNDA_OAUTH_URL;
  });
  const setup = setupCamundaProcessTest();
  beforeAll(async () => {
    const context = setup.getContext();
    if (context.getRuntimeMode() !== 'REMOTE') throw new Error('process-test did not start in REMOTE mode');
    if (context.getGatewayAddress() !== runtime?.restAddress) throw new Error(`process-test talks to ${context.getGatewayAddress()}, not to the local runtime`);
    // Not context.deployResources / deployResourcesFromFiles: the SDK reads files as 'binary' (latin1) and
    // form-data re-encodes that string as UTF-8, so every å, ä, ö would arrive double-encoded (also on Camunda 8).
    const deployment = await setup
      .getClient()
      .getCamundaRestClient()
      .deployResources(routineResources().map((file) => ({ name: path.basename(file), content: readFileSync(file, 'utf8') })));
    const expected = { processes: Object.keys(PROCESSES).length, forms: Object.keys(FORMS).length };
    if (deployment.processes.length !== expected.processes || deployment.forms.length !== expected.forms) {
      throw new Error(`expected ${expected.processes} processes and ${expected.forms} forms to deploy, got ${deployment.processes.length} and ${deployment.forms.length}`);
    }
  });
  afterAll(async () => {
    await runtime?.close();
  });
  return {
    context: () => setup.getContext(),
    camunda: () => setup.getClient(),
    runtime: () => {
      if (!runtime) throw new Error('local runtime not started');
      return runtime;
    },
  };
}
