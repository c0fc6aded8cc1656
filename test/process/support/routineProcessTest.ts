/**
 * The routine's process tests: @camunda8/process-test in REMOTE mode against the local runtime started
 * in-process (runtime-api's `setupLocalProcessTest`, which also forbids MANAGED mode), with the real
 * bpmn/ and forms/ deployed once per test file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CamundaAssert, type CamundaProcessTestContext } from '@camunda8/process-test';
import type { Camunda8 } from '@camunda8/sdk';
import type { RunningRuntime } from '../../../runtime/src/startRuntime';
import { FORMS, PROCESSES } from '../../../contract';
import { setupLocalProcessTest } from '../../runtime/http/support/processTest';
import { Scenario } from './scenario';

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

export interface RoutineProcessTest extends RoutineHarness {
  /** This test's scenario, with its autopilot (mocked workers) running. */
  scenario(): Scenario;
}

/**
 * Start the runtime, point process-test at it (REMOTE), deploy bpmn/ + forms/ once per file; per test a
 * scenario whose autopilot answers the jobs of the routine (stopped after the test; process-test cancels the
 * test's instances).
 */
export function setupRoutineProcessTest(): RoutineProcessTest {
  const local = setupLocalProcessTest();
  const harness: RoutineHarness = { context: local.context, camunda: local.client, runtime: local.runtime };
  let current: Scenario | undefined;
  beforeAll(async () => {
    // Assertions poll the local runtime, which answers in milliseconds (process-test's default is 500 ms).
    CamundaAssert.setAssertionInterval(50);
    if (local.context().getGatewayAddress() !== local.runtime().restAddress) {
      throw new Error(`process-test talks to ${local.context().getGatewayAddress()}, not to the local runtime`);
    }
    // Not context.deployResources / deployResourcesFromFiles: the SDK reads files as 'binary' (latin1) and
    // form-data re-encodes that string as UTF-8, so every å, ä, ö would arrive double-encoded (also on Camunda 8).
    const deployment = await local
      .client()
      .getCamundaRestClient()
      .deployResources(routineResources().map((file) => ({ name: path.basename(file), content: readFileSync(file, 'utf8') })));
    const expected = { processes: Object.keys(PROCESSES).length, forms: Object.keys(FORMS).length };
    if (deployment.processes.length !== expected.processes || deployment.forms.length !== expected.forms) {
      throw new Error(`expected ${expected.processes} processes and ${expected.forms} forms to deploy, got ${deployment.processes.length} and ${deployment.forms.length}`);
    }
  });
  beforeEach(() => {
    current = new Scenario(harness);
    current.pilot.start();
  });
  afterEach(async () => {
    await current?.pilot.stop();
    current = undefined;
  });
  return {
    ...harness,
    scenario: () => {
      if (!current) throw new Error('scenario() is only available inside a test');
      return current;
    },
  };
}
