/**
 * Test support: the local runtime started in-process (in memory, ephemeral ports) and clients of it:
 * the unchanged @camunda8/sdk REST client, and plain fetch for requests the SDK would never send.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { startRuntime, type RunningRuntime } from '../../../../runtime/src/startRuntime';

export const FIXTURES = path.resolve(__dirname, '../../fixtures');

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** The runtime's default user without a users file: Camunda 8 Run's `demo` / `demo` (admin). */
export const DEMO_USER = { username: 'demo', password: 'demo' } as const;

/** `Authorization: Basic …` of a user (the demo admin by default). */
export function basicAuth(user: { username: string; password: string } = DEMO_USER): string {
  return `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
}

/** The SDK's configuration for Basic authentication as a user (the demo admin by default). */
export function basicAuthConfig(user: { username: string; password: string } = DEMO_USER) {
  return { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: user.username, CAMUNDA_BASIC_AUTH_PASSWORD: user.password } as const;
}

/** In memory, ephemeral ports, the clock under the tests' control (RUNTIME_CLOCK_CONTROL), Basic authentication as by default. */
export function startTestRuntime(options: Partial<Parameters<typeof startRuntime>[0]> = {}): Promise<RunningRuntime> {
  return startRuntime({ inMemory: true, restPort: 0, monitoringPort: 0, host: '127.0.0.1', web: false, logLevel: 'silent', clockControl: true, ...options });
}

/** A new Camunda8 SDK REST client of the runtime, configured as a user would against a self-managed Camunda 8 (Basic). */
export function sdkClient(runtime: Pick<RunningRuntime, 'restAddress'>, user: { username: string; password: string } = DEMO_USER) {
  const camunda = new Camunda8({
    ZEEBE_REST_ADDRESS: runtime.restAddress,
    ...basicAuthConfig(user),
    CAMUNDA_LOG_LEVEL: 'none',
  });
  return camunda.getCamundaRestClient();
}

export type RestClient = ReturnType<typeof sdkClient>;

export interface RawResponse {
  headers?: Headers;
  status: number;
  contentType: string | null;
  body: unknown;
  text: string;
}

/**
 * A raw HTTP request, for bodies the SDK would never send; as the demo admin unless `authorization` says otherwise
 * (null: no credentials).
 */
export async function raw(
  runtime: Pick<RunningRuntime, 'restAddress' | 'monitoringAddress'>,
  method: string,
  urlPath: string,
  body?: string,
  contentType = 'application/json',
  authorization: string | null = basicAuth(),
): Promise<RawResponse> {
  const base = urlPath.startsWith('/actuator') || ['/ready', '/health', '/startup'].includes(urlPath) ? runtime.monitoringAddress : runtime.restAddress;
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': contentType };
  if (authorization !== null) headers.authorization = authorization;
  const res = await fetch(base + urlPath, { method, headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type'), body: parsed, text, headers: res.headers };
}

/** Poll until `probe` returns a value that is not undefined (or fail after `timeoutMs`). */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * One runtime for a test file: before its tests, started with the clock pinned at `pinnedAt` and the `fixtures`
 * (test/fixtures) deployed through the SDK; closed after them. Read `runtime` and `client` inside the tests.
 */
export function runtimeWithFixtures(fixtures: string[], pinnedAt = '2026-03-02T08:00:00Z'): { readonly runtime: RunningRuntime; readonly client: RestClient } {
  const state = {} as { runtime: RunningRuntime; client: RestClient };
  beforeAll(async () => {
    state.runtime = await startTestRuntime();
    state.client = sdkClient(state.runtime);
    await state.client.pinInternalClock(Date.parse(pinnedAt));
    await state.client.deployResources(fixtures.map((name) => ({ name, content: readFileSync(fixture(name), 'utf8') })));
  });
  afterAll(async () => {
    await state.runtime?.close();
  });
  return state;
}
