import type { Camunda8, CamundaRestClient } from '@camunda8/sdk';

/** The SDK's configuration: its own variables by name (`ZEEBE_REST_ADDRESS`, `CAMUNDA_AUTH_STRATEGY`, …). */
export type SdkConfiguration = NonNullable<ConstructorParameters<typeof Camunda8>[0]>;

/**
 * The parts of the SDK (8.8.13, pinned exactly) that make its REST client: configuration, authentication and the
 * client itself – not the package index, which also loads the gRPC, Operate, Tasklist, Optimize, Admin and Modeler
 * clients and the Orchestration Cluster API client: 20 MB of resident memory this project never uses (issue #12), and
 * ≈0.3 s that the local runtime's start should not wait for. `createRestClient` builds the client exactly as
 * `new Camunda8(config).getCamundaRestClient()` does (node_modules/@camunda8/sdk/dist/c8/index.js).
 */
interface Sdk {
  lib: typeof import('@camunda8/sdk/dist/lib/index.js');
  client: typeof import('@camunda8/sdk/dist/c8/lib/CamundaRestClient.js');
}

let sdk: Promise<Sdk> | undefined;

/** The SDK's REST parts, loaded on first use. */
export function loadSdk(): Promise<Sdk> {
  return (sdk ??= Promise.all([import('@camunda8/sdk/dist/lib/index.js'), import('@camunda8/sdk/dist/c8/lib/CamundaRestClient.js')]).then(([lib, client]) => ({ lib, client })));
}

/**
 * The SDK's own variables (`ZEEBE_*`, `CAMUNDA_*`) that `env` sets, typed as the SDK reads them from the environment:
 * numbers and booleans by the type of the SDK's own default, everything else as text. So an environment other than
 * `process.env` (`npm start`'s local one, a test's) configures the client exactly as the SDK configures itself from
 * `process.env`. The gRPC settings are left out: this project speaks REST only.
 */
export async function sdkVariables(env: Readonly<Record<string, string | undefined>>): Promise<Record<string, string | number | boolean>> {
  const { CamundaSDKConfiguration: known } = (await loadSdk()).lib;
  const out: Record<string, string | number | boolean> = {};
  for (const [name, fallback] of Object.entries(known)) {
    const text = env[name];
    if (name === 'zeebeGrpcSettings' || text === undefined || text === '') continue;
    if (typeof fallback === 'number' && Number.isFinite(Number(text))) out[name] = Number(text);
    else if (typeof fallback === 'boolean') out[name] = text.toLowerCase() === 'true' || text === '1';
    else out[name] = text;
  }
  return out;
}

/**
 * The SDK's REST client (REST API v2), configured the SDK's way: its variables from `env`, then `explicit` ones (the
 * values we validated, or a local engine's address) on top.
 */
export async function createRestClient(env: Readonly<Record<string, string | undefined>>, explicit: Readonly<Record<string, unknown>> = {}): Promise<CamundaRestClient> {
  const { lib, client } = await loadSdk();
  // Values by the SDK's own names and types (above): the SDK's configuration object, not re-mapped field by field.
  const config = { ...(await sdkVariables(env)), ...explicit } as SdkConfiguration;
  // As the Camunda8 constructor and getCamundaRestClient() do it.
  const configuration = lib.CamundaEnvironmentConfigurator.mergeConfigWithEnvironment(config);
  const oAuthProvider = config.oAuthProvider ?? lib.constructOAuthProvider(configuration, { explicitFromConstructor: Object.prototype.hasOwnProperty.call(config, 'CAMUNDA_AUTH_STRATEGY') });
  return new client.CamundaRestClient({ config: configuration, oAuthProvider }) as CamundaRestClient;
}

/** The local runtime's API user (Camunda 8 Run's initial user): its API is protected like a self-managed Camunda 8.8. */
export const LOCAL_API_USER = { username: 'demo', password: 'demo' } as const;

/**
 * A quiet client of the local runtime at `restAddress`, signed in with Basic authentication as `credentials` (the
 * local API user by default); `null` for an engine without authentication.
 */
export function localRestClient(restAddress: string, credentials: { username: string; password: string } | null = LOCAL_API_USER): Promise<CamundaRestClient> {
  const auth = credentials
    ? { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: credentials.username, CAMUNDA_BASIC_AUTH_PASSWORD: credentials.password }
    : { CAMUNDA_AUTH_STRATEGY: 'NONE' };
  return createRestClient({}, { ZEEBE_REST_ADDRESS: restAddress.replace(/\/+$/, ''), ...auth, CAMUNDA_LOG_LEVEL: 'none' });
}
