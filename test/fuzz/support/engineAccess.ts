/**
 * How the fuzz and fault suites reach the runtime's REST API v2 – the one place to change when the API is protected
 * (issue #9 adds Basic authentication on /v2): `FUZZ_ENGINE_USER` / `FUZZ_ENGINE_PASSWORD`, default none (as on main).
 */
export const ENGINE_CREDENTIALS: { username: string; password: string } | undefined = process.env.FUZZ_ENGINE_USER
  ? { username: process.env.FUZZ_ENGINE_USER, password: process.env.FUZZ_ENGINE_PASSWORD ?? '' }
  : undefined;

/** The header a legitimate client of /v2 sends (none without credentials). */
export function engineAuthHeaders(): Array<[string, string]> {
  if (!ENGINE_CREDENTIALS) return [];
  return [['Authorization', `Basic ${Buffer.from(`${ENGINE_CREDENTIALS.username}:${ENGINE_CREDENTIALS.password}`).toString('base64')}`]];
}

/** The SDK's variables for the same client (`@camunda8/sdk`). */
export function engineClientEnv(): Record<string, string> {
  return ENGINE_CREDENTIALS
    ? { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: ENGINE_CREDENTIALS.username, CAMUNDA_BASIC_AUTH_PASSWORD: ENGINE_CREDENTIALS.password }
    : { CAMUNDA_AUTH_STRATEGY: 'NONE' };
}
