/**
 * `npm run deploy` against a Camunda 8 REST API (here the local runtime, in-process): the same command deploys to
 * the region's cluster by configuration alone. Each deployment gets a version, which each disruption records (P10).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startRuntime, type RunningRuntime } from '../../runtime/src/startRuntime';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');

async function deploy(env: Record<string, string>) {
  const { ZEEBE_REST_ADDRESS: _drop, ...rest } = process.env;
  return run(process.execPath, [tsx, 'scripts/deploy.ts'], { cwd: root, env: { ...rest, ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/** The runtime's API is protected (Basic): its default user, Camunda 8 Run's demo / demo. */
const DEMO_BASIC = { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: 'demo', CAMUNDA_BASIC_AUTH_PASSWORD: 'demo' };

describe('npm run deploy (P10: versioned routine)', () => {
  let runtime: RunningRuntime;
  beforeAll(async () => {
    runtime = await startRuntime({ inMemory: true, restPort: 0, monitoringPort: 0, web: false, logLevel: 'silent' });
  });
  afterAll(async () => runtime.close());

  test('deploys every process and form with Swedish text intact; deploying them unchanged again keeps their version', async () => {
    // when the models are deployed
    const first = await deploy({ ZEEBE_REST_ADDRESS: runtime.restAddress, ...DEMO_BASIC });
    // then every process is listed with a version
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/process driftstorning-sesam version 1/);
    expect(first.stdout).toMatch(/formulär approve-notice version 1/);
    // and the stored XML carries the Swedish names unchanged
    const definitions = runtime.broker.processDefinitions().filter((d) => d.processDefinitionId === 'driftstorning-sesam');
    expect(runtime.broker.processDefinitionXml(definitions[0].processDefinitionKey)).toContain('Bedöm omfattning');
    // when the same models are deployed again, the version stays (Zeebe deduplicates identical resources)
    const again = await deploy({ ZEEBE_REST_ADDRESS: runtime.restAddress, ...DEMO_BASIC });
    expect(again.stdout).toMatch(/process driftstorning-sesam version 1/);
  });

  test('without ZEEBE_REST_ADDRESS it says what is missing, without a stack trace', async () => {
    // when no cluster is configured
    const result = await deploy({});
    // then it fails with a Swedish explanation
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ZEEBE_REST_ADDRESS saknas');
    expect(result.stderr).not.toMatch(/at .+\.ts:\d+/);
  });
});
