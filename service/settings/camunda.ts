import { z } from 'zod';
import { setting } from '../../lib/config/Setting';
import { positiveInt } from '../../lib/config/valueTypes';

/**
 * The engine: the variables of `@camunda8/sdk` that we validate (address, and the auth strategy with what it needs),
 * handed on to the SDK under their own names (`passOn`); every other `ZEEBE_*` and `CAMUNDA_*` variable the SDK reads itself
 * (lib/camunda/restClient.ts). Then the job workers' own settings.
 */
export const camundaSettings = {
  restAddress: setting({ env: 'ZEEBE_REST_ADDRESS', passOn: true, type: z.url().default('http://127.0.0.1:8080'), doc: 'engine REST API (local runtime or Camunda 8)' }),
  authStrategy: setting({ env: 'CAMUNDA_AUTH_STRATEGY', passOn: true, type: z.enum(['NONE', 'OAUTH', 'BASIC', 'BEARER']).default('NONE'), doc: '`NONE`, `OAUTH`, `BASIC` or `BEARER`' }),
  clientId: setting({ env: 'ZEEBE_CLIENT_ID', passOn: true, type: z.string().optional(), doc: 'OAuth client id (required for `OAUTH`)' }),
  clientSecret: setting({ env: 'ZEEBE_CLIENT_SECRET', passOn: true, secret: true, type: z.string().optional(), doc: 'OAuth client secret (required for `OAUTH`)' }),
  oauthUrl: setting({ env: 'CAMUNDA_OAUTH_URL', passOn: true, type: z.url().optional(), doc: 'OAuth token endpoint (required for `OAUTH`)' }),
  oauthToken: setting({ env: 'CAMUNDA_OAUTH_TOKEN', passOn: true, secret: true, type: z.string().optional(), doc: 'a ready token (required for `BEARER`)' }),
  basicAuthUsername: setting({ env: 'CAMUNDA_BASIC_AUTH_USERNAME', passOn: true, type: z.string().optional(), doc: 'user (required for `BASIC`)' }),
  basicAuthPassword: setting({ env: 'CAMUNDA_BASIC_AUTH_PASSWORD', passOn: true, secret: true, type: z.string().optional(), doc: 'password (required for `BASIC`)' }),
  workerName: setting({ env: 'WORKER_NAME', type: z.string().default('driftstorning-sesam-workers'), doc: 'worker name on activated jobs' }),
  jobTimeoutMs: setting({ env: 'JOB_TIMEOUT_MS', type: positiveInt().default(60_000), doc: 'how long a job is locked to this worker (publish-notice: 5×)' }),
  maxJobsToActivate: setting({ env: 'WORKER_MAX_JOBS', type: positiveInt().default(8), doc: 'jobs per worker at once' }),
  pollIntervalMs: setting({ env: 'WORKER_POLL_INTERVAL_MS', type: positiveInt().default(300), doc: 'poll interval of the job workers' }),
};
