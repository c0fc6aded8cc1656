/**
 * How tests sign in to the local runtime's REST API and clock (issue #9: Basic authentication as a self-managed
 * Camunda 8.8): the demo API user of the runtime's default users file.
 */
export const ENGINE_AUTH = { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: 'demo', CAMUNDA_BASIC_AUTH_PASSWORD: 'demo' } as const;

/** The same user as an `authorization` header, for plain `fetch` calls. */
export const ENGINE_AUTH_HEADER = `Basic ${Buffer.from('demo:demo').toString('base64')}`;
