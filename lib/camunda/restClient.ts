import type { Camunda8, CamundaRestClient } from '@camunda8/sdk';

/** The SDK's configuration: its own variables by name (`ZEEBE_REST_ADDRESS`, `CAMUNDA_AUTH_STRATEGY`, …). */
export type SdkConfiguration = NonNullable<ConstructorParameters<typeof Camunda8>[0]>;
type Sdk = typeof import('@camunda8/sdk');

let sdk: Promise<Sdk> | undefined;

/**
 * The SDK, loaded on first use: its package index also loads the gRPC, Operate, Tasklist and Optimize clients
 * (≈0.3 s more than the REST client alone), which the local runtime's start should not wait for.
 */
export function loadSdk(): Promise<Sdk> {
  return (sdk ??= import('@camunda8/sdk'));
}

/**
 * The SDK's own variables (`ZEEBE_*`, `CAMUNDA_*`) that `env` sets, typed as the SDK reads them from the environment:
 * numbers and booleans by the type of the SDK's own default, everything else as text. So an environment other than
 * `process.env` (`npm start`'s local one, a test's) configures the client exactly as the SDK configures itself from
 * `process.env`. The gRPC settings are left out: this project speaks REST only.
 */
export async function sdkVariables(env: Readonly<Record<string, string | undefined>>): Promise<Record<string, string | number | boolean>> {
  const { CamundaSDKConfiguration: known } = await loadSdk();
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
  const { Camunda8 } = await loadSdk();
  // Values by the SDK's own names and types (above): the SDK's configuration object, not re-mapped field by field.
  const configuration = { ...(await sdkVariables(env)), ...explicit } as SdkConfiguration;
  return new Camunda8(configuration).getCamundaRestClient();
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
