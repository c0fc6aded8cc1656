/**
 * How the fuzz and fault suites reach the runtime's REST API v2 and its clock (Basic authentication as a self-managed
 * Camunda 8.8, issue #9): the demo API user of test/support/engineAuth.ts, or `FUZZ_ENGINE_USER` / `FUZZ_ENGINE_PASSWORD`.
 */
import { ENGINE_AUTH } from '../../support/engineAuth';

export const ENGINE_CREDENTIALS: { username: string; password: string } = process.env.FUZZ_ENGINE_USER
  ? { username: process.env.FUZZ_ENGINE_USER, password: process.env.FUZZ_ENGINE_PASSWORD ?? '' }
  : { username: ENGINE_AUTH.CAMUNDA_BASIC_AUTH_USERNAME, password: ENGINE_AUTH.CAMUNDA_BASIC_AUTH_PASSWORD };

/** The `Authorization` header value of that user. */
export function engineAuthorization(): string {
  return `Basic ${Buffer.from(`${ENGINE_CREDENTIALS.username}:${ENGINE_CREDENTIALS.password}`).toString('base64')}`;
}

/** The header a legitimate client of /v2 sends. */
export function engineAuthHeaders(): Array<[string, string]> {
  return [['Authorization', engineAuthorization()]];
}

/** The SDK's variables for the same client (`@camunda8/sdk`). */
export function engineClientEnv(): Record<string, string> {
  return { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: ENGINE_CREDENTIALS.username, CAMUNDA_BASIC_AUTH_PASSWORD: ENGINE_CREDENTIALS.password };
}
