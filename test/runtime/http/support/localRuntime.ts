/**
 * Test support: the local runtime started in-process (in memory, ephemeral ports) and clients of it:
 * the unchanged @camunda8/sdk REST client, and plain fetch for requests the SDK would never send.
 */
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { startRuntime, type RunningRuntime } from '../../../../runtime/src/startRuntime';

export const FIXTURES = path.resolve(__dirname, '../../fixtures');

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

export function startTestRuntime(): Promise<RunningRuntime> {
  return startRuntime({ inMemory: true, restPort: 0, monitoringPort: 0, host: '127.0.0.1', web: false, logLevel: 'silent' });
}

/** A new Camunda8 SDK REST client of the runtime, configured as a user would against Camunda 8 (no auth). */
export function sdkClient(runtime: Pick<RunningRuntime, 'restAddress'>) {
  const camunda = new Camunda8({
    ZEEBE_REST_ADDRESS: runtime.restAddress,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
  });
  return camunda.getCamundaRestClient();
}

export type RestClient = ReturnType<typeof sdkClient>;

export interface RawResponse {
  status: number;
  contentType: string | null;
  body: unknown;
  text: string;
}

/** A raw HTTP request, for bodies the SDK would never send. */
export async function raw(runtime: Pick<RunningRuntime, 'restAddress' | 'monitoringAddress'>, method: string, urlPath: string, body?: string, contentType = 'application/json'): Promise<RawResponse> {
  const base = urlPath.startsWith('/actuator') ? runtime.monitoringAddress : runtime.restAddress;
  const res = await fetch(base + urlPath, {
    method,
    headers: body === undefined ? {} : { 'content-type': contentType },
    body,
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type'), body: parsed, text };
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
