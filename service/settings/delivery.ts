import { z } from 'zod';
import { setting } from '../../lib/config/Setting';
import { logLevel, nonNegativeInt, port, positiveInt } from '../../lib/config/valueTypes';

/** How the service stores, sends and retries: database, mail, service desk, webhook, back-off, outbox, log. */

const LOCAL_DOMAIN = 'region-skane.example';

export const dbSettings = {
  file: setting({ env: 'SERVICE_DB_FILE', type: z.string().min(1).default('.data/service.sqlite'), doc: 'SQLite file (WAL), shared by the workers and the service web' }),
};

export const mailSettings = {
  smtpUrl: setting({ env: 'SMTP_URL', secret: true, type: z.url().optional(), doc: 'real delivery (`smtp[s]://user:pass@host:port`); unset → local capture, nothing leaves the machine' }),
  captureHost: setting({ env: 'SMTP_CAPTURE_HOST', type: z.string().default('127.0.0.1'), doc: 'local SMTP capture (also for every drill mail)' }),
  capturePort: setting({ env: 'SMTP_CAPTURE_PORT', type: port().default(2525), doc: 'port of the local SMTP capture' }),
  from: setting({ env: 'MAIL_FROM', type: z.string().min(3).default(`Driftinformation Sesam <driftinformation-sesam@${LOCAL_DOMAIN}>`), doc: 'sender' }),
  poolMaxConnections: setting({ env: 'SMTP_POOL_MAX_CONNECTIONS', type: positiveInt().default(5), doc: 'pooled SMTP connections' }),
  batchSize: setting({ env: 'MAIL_BATCH_SIZE', type: positiveInt().default(20), doc: 'subscriber mails sent concurrently per batch (publish-notice)' }),
};

export const serviceDeskSettings = {
  adapter: setting({ env: 'SERVICE_DESK_ADAPTER', type: z.enum(['email', 'servicenow']).default('email'), doc: '`email` (a mail to the intake address) or `servicenow` (Table API)' }),
  intakeEmail: setting({ env: 'SERVICE_DESK_EMAIL', type: z.email().default(`servicedesk@${LOCAL_DOMAIN}`), doc: 'intake address (e-mail adapter)' }),
  serviceNow: {
    baseUrl: setting({ env: 'SERVICENOW_URL', type: z.url().optional(), doc: 'Table API base URL (required for `servicenow`)' }),
    auth: setting({ env: 'SERVICENOW_AUTH', type: z.enum(['basic', 'bearer']).default('basic'), doc: '`basic` or `bearer`' }),
    username: setting({ env: 'SERVICENOW_USERNAME', type: z.string().min(1).optional(), doc: 'basic auth user' }),
    password: setting({ env: 'SERVICENOW_PASSWORD', secret: true, type: z.string().optional(), doc: 'basic auth password' }),
    token: setting({ env: 'SERVICENOW_TOKEN', secret: true, type: z.string().optional(), doc: 'bearer token' }),
    assignmentGroup: setting({ env: 'SERVICENOW_ASSIGNMENT_GROUP', type: z.string().optional(), doc: 'optional incident field' }),
    callerId: setting({ env: 'SERVICENOW_CALLER_ID', type: z.string().optional(), doc: 'optional incident field' }),
    timeoutMs: setting({ env: 'SERVICENOW_TIMEOUT_MS', type: positiveInt().default(10_000), doc: 'request timeout' }),
  },
};

export const webhookSettings = {
  url: setting({ env: 'NOTICE_WEBHOOK_URL', type: z.url().optional(), doc: 'CMS webhook for published notices (optional, R4)' }),
  token: setting({ env: 'NOTICE_WEBHOOK_TOKEN', secret: true, type: z.string().optional(), doc: 'bearer token for the webhook' }),
  timeoutMs: setting({ env: 'NOTICE_WEBHOOK_TIMEOUT_MS', type: positiveInt().default(10_000), doc: 'webhook request timeout' }),
};

export const retrySettings = {
  backoffBaseMs: setting({ env: 'RETRY_BACKOFF_BASE_MS', type: nonNegativeInt().default(10_000), doc: 'first back-off of a failed effect' }),
  backoffMaxMs: setting({ env: 'RETRY_BACKOFF_MAX_MS', type: nonNegativeInt().default(600_000), doc: 'back-off cap' }),
  assumedRetries: setting({ type: positiveInt().default(3), doc: "retries the models give a task (`zeebe:taskDefinition` retries, Zeebe's default 3)" }),
};

export const outboxSettings = {
  leaseMs: setting({ env: 'OUTBOX_LEASE_MS', type: positiveInt().default(120_000), doc: 'how long an in-flight effect is locked' }),
};

export const logSettings = {
  level: setting({ env: 'LOG_LEVEL', type: logLevel().default('info'), doc: 'pino level (`fatal` … `trace`, `silent`)' }),
};
