import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../lib/config/ConfigError';

/**
 * The service's configuration: ONE zod schema over the environment and an optional JSON file
 * (`SERVICE_CONFIG_FILE`), parsed once at start-up by `loadConfig()`, which fails fast listing every
 * problem. Secrets (SMTP credentials inside `SMTP_URL`, ServiceNow password/token, OAuth client secret,
 * webhook token) come only from the environment: the file's sections are strict and have no secret fields.
 *
 * Precedence: environment variable > config file > default.
 * Every environment variable and its default is listed in docs/workers.md.
 */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');
const isoDate = z.iso.date();
const url = z.url();
const port = z.coerce.number().int().min(0).max(65535);

/** A person (or function mailbox) that a role resolves to. `userId` is the login used in Tasklist. */
export const recipientSchema = z
  .object({
    name: z.string().min(1),
    email: z.email(),
    userId: z.string().min(1).optional(),
  })
  .strict();
export type Recipient = z.infer<typeof recipientSchema>;

/** Roles → recipients (R13, R14, R20, P6). `prescribers` is not here: they come from the reports. */
export const DIRECTORY_ROLES = ['desk', 'system-owner', 'unit-manager', 'orthopaedic-workshop', 'assistive-devices-operation'] as const;
export type DirectoryRole = (typeof DIRECTORY_ROLES)[number];

const LOCAL_DOMAIN = 'region-skane.example';
const defaultDirectory: Record<DirectoryRole, Recipient[]> = {
  desk: [{ name: 'Hjälpmedel Administration', email: `hjalpmedel-administration@${LOCAL_DOMAIN}`, userId: 'desk' }],
  'system-owner': [{ name: 'Systemansvarig Sesam', email: `systemansvarig-sesam@${LOCAL_DOMAIN}`, userId: 'systemansvarig' }],
  'unit-manager': [{ name: 'Enhetschef IT', email: `enhetschef-it@${LOCAL_DOMAIN}`, userId: 'enhetschef' }],
  'orthopaedic-workshop': [{ name: 'Aktiv Ortopedteknik', email: `remisser@aktiv-ortopedteknik.example` }],
  'assistive-devices-operation': [{ name: 'VO Hjälpmedel', email: `vo-hjalpmedel@${LOCAL_DOMAIN}`, userId: 'vo-hjalpmedel' }],
};

const directorySchema = z
  .object(Object.fromEntries(DIRECTORY_ROLES.map((r) => [r, z.array(recipientSchema).min(1, `role ${r} needs at least one recipient`)])) as Record<
    DirectoryRole,
    z.ZodArray<typeof recipientSchema>
  >)
  .strict();

const standInSchema = z
  .object({
    from: isoDate,
    to: isoDate,
    /** Display name shown in forms and the timeline. */
    name: z.string().min(1),
    /** Where the stand-in gets the system owner's mails while appointed. */
    email: z.email().optional(),
  })
  .strict()
  .refine((s) => s.from <= s.to, { message: 'stand-in "from" must not be after "to"' });

/** P5: when the system owner is on duty. Times are local time in Europe/Stockholm. */
const onDutySchema = z
  .object({
    systemOwnerName: z.string().min(1).default('Systemansvarig Sesam'),
    timeZone: z.literal('Europe/Stockholm').default('Europe/Stockholm'),
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    workDays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
    start: hhmm.default('08:00'),
    end: hhmm.default('16:30'),
    /** `date-holidays` types that are days off. `bank` covers midsommarafton, julafton and nyårsafton. */
    holidayTypes: z.array(z.enum(['public', 'bank', 'school', 'optional', 'observance'])).default(['public', 'bank']),
    standIns: z.array(standInSchema).default([]),
  })
  .strict()
  .refine((o) => o.start < o.end, { message: 'office hours: start must be before end' });

const serviceDeskSchema = z
  .object({
    /** `email`: a mail to the service desk's intake address (default). `servicenow`: Table API. */
    adapter: z.enum(['email', 'servicenow']).default('email'),
    intakeEmail: z.email().default(`servicedesk@${LOCAL_DOMAIN}`),
    serviceNow: z
      .object({
        baseUrl: url.optional(),
        auth: z.enum(['basic', 'bearer']).default('basic'),
        username: z.string().min(1).optional(),
        assignmentGroup: z.string().optional(),
        callerId: z.string().optional(),
        timeoutMs: z.coerce.number().int().positive().default(10_000),
      })
      .strict()
      .default({ auth: 'basic', timeoutMs: 10_000 }),
  })
  .strict();

const vendorSchema = z
  .object({
    name: z.string().default('Visma'),
    supportEmail: z.email().default('support@visma.example'),
    /** The region's customer number at the vendor, quoted in every contact. */
    customerReference: z.string().default('Region Skåne – Hjälpmedel Skåne'),
  })
  .strict();

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// service-web section (owned by "service-web": edit only inside this block)
const envBoolean = z.preprocess((v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v), z.boolean());
const isoDuration = z
  .string()
  .regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'must be an ISO 8601 duration, e.g. PT4H or PT30M');
/** P6, R17, P4, P3: timer values the intake passes as start variables when set (else the models' defaults apply). */
const disruptionTimersSchema = z
  .object({
    /** BACKUP_ROUTINE_AFTER (R17, default in the model PT4H). */
    backupRoutineAfter: isoDuration.optional(),
    /** ACKNOWLEDGEMENT_TIMEOUT (P4, PT30M). */
    acknowledgementTimeout: isoDuration.optional(),
    /** SLA_RESPONSE_TIME (P6, SLA silver B, PT1H). */
    slaResponseTime: isoDuration.optional(),
    /** SLA_RESTORE_TIME (P6, SLA silver B, PT8H). */
    slaRestoreTime: isoDuration.optional(),
    /** NOTICE_UPDATE_INTERVAL (P3, PT1H). */
    noticeUpdateInterval: isoDuration.optional(),
  })
  .strict();
const webSchema = z
  .object({
    /** SERVICE_PORT: notice page, intake and outbox (0 = ephemeral, tests). */
    port: port.default(3000),
    /** SERVICE_HOST: interface to listen on. */
    host: z.string().min(1).default('127.0.0.1'),
    /** PUBLIC_BASE_URL: origin the public reaches the notice page at (links in feeds and mails). */
    publicBaseUrl: url.default('http://localhost:3000'),
    /** INTAKE_API_TOKEN (secret, env only): bearer token for POST /api/reports and /api/disruptions/… (IT, monitors). */
    intakeApiToken: z.string().min(16, 'INTAKE_API_TOKEN must be at least 16 characters').optional(),
    /** DESK_USERS_FILE: users for the desk login, JSON `{users:[{id,name,groups,passwordHash(scrypt$…)}]}`; group `desk` may log reports. */
    deskUsersFile: z.string().min(1).optional(),
    /** SESSION_SECRET (secret, env only): signs desk session cookies; random per start when unset. */
    sessionSecret: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
    /** MAIL_CAPTURE: local only – serve the outbox page (/utkorg) with the mails the SMTP capture received. */
    mailCapture: envBoolean.default(false),
    /** TRUST_PROXY: behind the region's reverse proxy / SSO. */
    trustProxy: envBoolean.default(false),
    /** INTAKE_ENGINE_WAIT_MS: how long the intake waits for the engine before answering "queued". */
    engineWaitMs: z.coerce.number().int().positive().default(4000),
    /** INTAKE_RETRY_INTERVAL_MS: how often queued reports are re-sent to the engine. */
    retryIntervalMs: z.coerce.number().int().positive().default(15_000),
    /** MESSAGE_TTL_MS: time to live of messages published by the intake and the IT API (24 h: a catch may open late, e.g. after an approval). */
    messageTtlMs: z.coerce.number().int().min(0).default(86_400_000),
    disruptionTimers: disruptionTimersSchema.default({}),
  })
  .strict();
function webFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  return prune({
    port: env.SERVICE_PORT ?? env.SERVICE_WEB_PORT,
    host: env.SERVICE_HOST,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    intakeApiToken: env.INTAKE_API_TOKEN,
    deskUsersFile: env.DESK_USERS_FILE,
    sessionSecret: env.SESSION_SECRET,
    mailCapture: env.MAIL_CAPTURE,
    trustProxy: env.TRUST_PROXY,
    engineWaitMs: env.INTAKE_ENGINE_WAIT_MS,
    retryIntervalMs: env.INTAKE_RETRY_INTERVAL_MS,
    messageTtlMs: env.MESSAGE_TTL_MS,
    disruptionTimers: prune({
      backupRoutineAfter: env.BACKUP_ROUTINE_AFTER,
      acknowledgementTimeout: env.ACKNOWLEDGEMENT_TIMEOUT,
      slaResponseTime: env.SLA_RESPONSE_TIME,
      slaRestoreTime: env.SLA_RESTORE_TIME,
      noticeUpdateInterval: env.NOTICE_UPDATE_INTERVAL,
    }),
  });
}
// end of service-web section
// ─────────────────────────────────────────────────────────────────────────────────────────────────

export const serviceConfigSchema = z
  .object({
    camunda: z.object({
      restAddress: url.default('http://127.0.0.1:8080'),
      authStrategy: z.enum(['NONE', 'OAUTH', 'BASIC', 'BEARER']).default('NONE'),
      clientId: z.string().optional(),
      clientSecret: z.string().optional(),
      oauthUrl: url.optional(),
      tokenAudience: z.string().optional(),
      tokenScope: z.string().optional(),
      /** CAMUNDA_OAUTH_TOKEN (secret): a ready token for CAMUNDA_AUTH_STRATEGY=BEARER. */
      oauthToken: z.string().optional(),
      basicAuthUsername: z.string().optional(),
      basicAuthPassword: z.string().optional(),
      tenantId: z.string().optional(),
      workerName: z.string().default('driftstorning-sesam-workers'),
      /** How long a job is locked to this worker (ms). publish-notice gets 5× this. */
      jobTimeoutMs: z.coerce.number().int().positive().default(60_000),
      maxJobsToActivate: z.coerce.number().int().positive().default(8),
      pollIntervalMs: z.coerce.number().int().positive().default(300),
    }),
    db: z.object({ file: z.string().min(1).default('.data/service.sqlite') }),
    mail: z.object({
      /** Real delivery. Unset: everything goes to the local capture (nothing leaves the machine). */
      smtpUrl: url.optional(),
      captureHost: z.string().default('127.0.0.1'),
      capturePort: port.default(2525),
      from: z.string().min(3).default(`Driftinformation Sesam <driftinformation-sesam@${LOCAL_DOMAIN}>`),
      poolMaxConnections: z.coerce.number().int().positive().default(5),
      /** Subscriber mails sent concurrently per batch (publish-notice). */
      batchSize: z.coerce.number().int().positive().default(20),
    }),
    /** The public page where notices are read (R4); mails link to it. Default: `web.publicBaseUrl` + `/driftinfo`. */
    noticePageUrl: url.optional(),
    /** Tasklist (or the local task list) where staff claim and complete their tasks; mails link to it (P4). */
    tasklistUrl: url.default('http://localhost:8081/'),
    directory: directorySchema.default(defaultDirectory),
    onDuty: onDutySchema.default(onDutySchema.parse({})),
    serviceDesk: serviceDeskSchema.default(serviceDeskSchema.parse({})),
    serviceDeskSecrets: z.object({ password: z.string().optional(), token: z.string().optional() }),
    vendor: vendorSchema.default(vendorSchema.parse({})),
    webhook: z.object({ url: url.optional(), token: z.string().optional(), timeoutMs: z.coerce.number().int().positive().default(10_000) }),
    retry: z.object({
      backoffBaseMs: z.coerce.number().int().min(0).default(10_000),
      backoffMaxMs: z.coerce.number().int().min(0).default(600_000),
      /** Retries the models give a task (zeebe:taskDefinition retries, Zeebe's default 3). */
      assumedRetries: z.coerce.number().int().positive().default(3),
    }),
    outbox: z.object({ leaseMs: z.coerce.number().int().positive().default(120_000) }),
    log: z.object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') }),
    web: webSchema.default(webSchema.parse({})),
  })
  // Cross-field rules run even when other fields already failed, so that every problem is listed at once;
  // the value may then be partly unparsed, hence the defensive reads.
  .superRefine(
    (parsed, ctx) => {
      const c = parsed as unknown as DeepPartial<typeof parsed>;
      const cam = c.camunda ?? {};
      if (cam.authStrategy === 'OAUTH') {
        for (const [key, env] of [
          ['clientId', 'ZEEBE_CLIENT_ID'],
          ['clientSecret', 'ZEEBE_CLIENT_SECRET'],
          ['oauthUrl', 'CAMUNDA_OAUTH_URL'],
        ] as const) {
          if (!cam[key]) ctx.addIssue({ code: 'custom', path: ['camunda', key], message: `${env} is required when CAMUNDA_AUTH_STRATEGY=OAUTH` });
        }
      }
      if (cam.authStrategy === 'BEARER' && !cam.oauthToken) {
        ctx.addIssue({ code: 'custom', path: ['camunda', 'oauthToken'], message: 'CAMUNDA_OAUTH_TOKEN is required when CAMUNDA_AUTH_STRATEGY=BEARER' });
      }
      if (cam.authStrategy === 'BASIC' && (!cam.basicAuthUsername || !cam.basicAuthPassword)) {
        ctx.addIssue({ code: 'custom', path: ['camunda', 'basicAuthUsername'], message: 'CAMUNDA_BASIC_AUTH_USERNAME and CAMUNDA_BASIC_AUTH_PASSWORD are required when CAMUNDA_AUTH_STRATEGY=BASIC' });
      }
      const secrets = c.serviceDeskSecrets ?? {};
      if (c.serviceDesk?.adapter === 'servicenow') {
        const sn = c.serviceDesk.serviceNow ?? {};
        const auth = sn.auth ?? 'basic';
        if (!sn.baseUrl) ctx.addIssue({ code: 'custom', path: ['serviceDesk', 'serviceNow', 'baseUrl'], message: 'SERVICENOW_URL is required when SERVICE_DESK_ADAPTER=servicenow' });
        if (auth === 'basic' && (!sn.username || !secrets.password)) {
          ctx.addIssue({ code: 'custom', path: ['serviceDesk', 'serviceNow', 'username'], message: 'SERVICENOW_USERNAME and SERVICENOW_PASSWORD are required for basic auth' });
        }
        if (auth === 'bearer' && !secrets.token) {
          ctx.addIssue({ code: 'custom', path: ['serviceDeskSecrets', 'token'], message: 'SERVICENOW_TOKEN is required for bearer auth' });
        }
      }
      if (c.mail?.smtpUrl) {
        // Real delivery: the placeholder addresses of the local set-up must have been replaced.
        const isPlaceholder = (email: unknown) => typeof email === 'string' && email.endsWith('.example');
        const placeholders: string[] = [];
        for (const role of DIRECTORY_ROLES) {
          const list = c.directory?.[role];
          if (Array.isArray(list) && list.some((r) => isPlaceholder(r?.email))) placeholders.push(`directory.${role}`);
        }
        if ((c.serviceDesk?.adapter ?? 'email') === 'email' && isPlaceholder(c.serviceDesk?.intakeEmail)) placeholders.push('serviceDesk.intakeEmail');
        if (isPlaceholder(c.vendor?.supportEmail)) placeholders.push('vendor.supportEmail');
        for (const p of placeholders) {
          ctx.addIssue({ code: 'custom', path: p.split('.'), message: 'still a local placeholder address (*.example) while SMTP_URL sends real mail' });
        }
      }
    },
    { when: () => true },
  );

type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

/** Remove undefined values so that defaults and the file apply. */
function prune(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge: `over` wins; arrays are replaced, not merged. */
function merge(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
  return out;
}

/** The sections a config file may contain (no secrets). */
const fileSchema = z
  .object({
    camunda: z.object({ restAddress: z.unknown(), authStrategy: z.unknown(), oauthUrl: z.unknown(), tokenAudience: z.unknown(), tokenScope: z.unknown(), tenantId: z.unknown(), clientId: z.unknown(), workerName: z.unknown(), jobTimeoutMs: z.unknown(), maxJobsToActivate: z.unknown(), pollIntervalMs: z.unknown() }).partial().strict(),
    db: z.object({ file: z.unknown() }).partial().strict(),
    mail: z.object({ captureHost: z.unknown(), capturePort: z.unknown(), from: z.unknown(), poolMaxConnections: z.unknown(), batchSize: z.unknown() }).partial().strict(),
    noticePageUrl: z.unknown(),
    tasklistUrl: z.unknown(),
    directory: z.unknown(),
    onDuty: z.unknown(),
    serviceDesk: z.unknown(),
    vendor: z.unknown(),
    webhook: z.object({ url: z.unknown(), timeoutMs: z.unknown() }).partial().strict(),
    retry: z.unknown(),
    outbox: z.unknown(),
    log: z.unknown(),
    // service-web fields a file may set (intakeApiToken and sessionSecret are secrets: environment only)
    web: z
      .object({ port: z.unknown(), host: z.unknown(), publicBaseUrl: z.unknown(), deskUsersFile: z.unknown(), mailCapture: z.unknown(), trustProxy: z.unknown(), engineWaitMs: z.unknown(), retryIntervalMs: z.unknown(), messageTtlMs: z.unknown() })
      .partial()
      .strict(),
  })
  .partial()
  .strict();

function fromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  return {
    camunda: prune({
      restAddress: env.ZEEBE_REST_ADDRESS,
      authStrategy: env.CAMUNDA_AUTH_STRATEGY,
      clientId: env.ZEEBE_CLIENT_ID,
      clientSecret: env.ZEEBE_CLIENT_SECRET,
      oauthUrl: env.CAMUNDA_OAUTH_URL,
      tokenAudience: env.ZEEBE_TOKEN_AUDIENCE,
      tokenScope: env.CAMUNDA_TOKEN_SCOPE,
      oauthToken: env.CAMUNDA_OAUTH_TOKEN,
      basicAuthUsername: env.CAMUNDA_BASIC_AUTH_USERNAME,
      basicAuthPassword: env.CAMUNDA_BASIC_AUTH_PASSWORD,
      tenantId: env.CAMUNDA_TENANT_ID,
      workerName: env.WORKER_NAME,
      jobTimeoutMs: env.JOB_TIMEOUT_MS,
      maxJobsToActivate: env.WORKER_MAX_JOBS,
      pollIntervalMs: env.WORKER_POLL_INTERVAL_MS,
    }),
    db: prune({ file: env.SERVICE_DB_FILE }),
    mail: prune({
      smtpUrl: env.SMTP_URL,
      captureHost: env.SMTP_CAPTURE_HOST,
      capturePort: env.SMTP_CAPTURE_PORT,
      from: env.MAIL_FROM,
      poolMaxConnections: env.SMTP_POOL_MAX_CONNECTIONS,
      batchSize: env.MAIL_BATCH_SIZE,
    }),
    ...prune({ noticePageUrl: env.NOTICE_PAGE_URL, tasklistUrl: env.TASKLIST_URL }),
    onDuty: prune({
      systemOwnerName: env.SYSTEM_OWNER_NAME,
      start: env.OFFICE_HOURS_START,
      end: env.OFFICE_HOURS_END,
    }),
    serviceDesk: prune({
      adapter: env.SERVICE_DESK_ADAPTER,
      intakeEmail: env.SERVICE_DESK_EMAIL,
      serviceNow: prune({
        baseUrl: env.SERVICENOW_URL,
        auth: env.SERVICENOW_AUTH,
        username: env.SERVICENOW_USERNAME,
        assignmentGroup: env.SERVICENOW_ASSIGNMENT_GROUP,
        callerId: env.SERVICENOW_CALLER_ID,
        timeoutMs: env.SERVICENOW_TIMEOUT_MS,
      }),
    }),
    serviceDeskSecrets: prune({ password: env.SERVICENOW_PASSWORD, token: env.SERVICENOW_TOKEN }),
    vendor: prune({ supportEmail: env.VENDOR_SUPPORT_EMAIL, name: env.VENDOR_NAME }),
    webhook: prune({ url: env.NOTICE_WEBHOOK_URL, token: env.NOTICE_WEBHOOK_TOKEN, timeoutMs: env.NOTICE_WEBHOOK_TIMEOUT_MS }),
    retry: prune({ backoffBaseMs: env.RETRY_BACKOFF_BASE_MS, backoffMaxMs: env.RETRY_BACKOFF_MAX_MS }),
    outbox: prune({ leaseMs: env.OUTBOX_LEASE_MS }),
    log: prune({ level: env.LOG_LEVEL }),
    web: webFromEnv(env),
  };
}

/** Unknown keys that look like secrets: point to the environment. */
function secretHint(problem: string): string {
  return /Unrecognized key.*(password|secret|token)/i.test(problem) ? `${problem} (secrets belong in the environment, not in the file)` : problem;
}

function formatIssues(error: z.ZodError, prefix: string): string[] {
  return error.issues.map((i) => `${prefix}${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}

/**
 * Parse the configuration once. Throws `ConfigError` listing every problem (file and environment together).
 * `env` defaults to `process.env`; tests pass their own.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const problems: string[] = [];
  let fileConfig: Record<string, unknown> = {};
  if (env.SERVICE_CONFIG_FILE) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(env.SERVICE_CONFIG_FILE, 'utf8'));
      const checked = fileSchema.safeParse(parsed);
      if (checked.success) fileConfig = checked.data as Record<string, unknown>;
      else {
        problems.push(...formatIssues(checked.error, `${env.SERVICE_CONFIG_FILE}: `).map(secretHint));
        // Go on with the rest of the file so that every other problem is listed too.
        if (isObject(parsed)) fileConfig = parsed;
      }
    } catch (err) {
      problems.push(`SERVICE_CONFIG_FILE ${env.SERVICE_CONFIG_FILE}: ${(err as Error).message}`);
    }
  }
  const merged = merge(
    { camunda: {}, db: {}, mail: {}, serviceDeskSecrets: {}, webhook: {}, retry: {}, outbox: {}, log: {}, web: {} },
    merge(fileConfig, fromEnv(env)),
  );
  const result = serviceConfigSchema.safeParse(merged);
  if (!result.success) problems.push(...formatIssues(result.error, '').map(secretHint));
  if (problems.length > 0) throw new ConfigError(problems);
  return result.data as ServiceConfig;
}

/** The notice page (R4): NOTICE_PAGE_URL, or the service web's public origin + `/driftinfo`. */
export function noticePageUrl(config: ServiceConfig): string {
  return config.noticePageUrl ?? `${config.web.publicBaseUrl.replace(/\/+$/, '')}/driftinfo`;
}

/** The SMTP URL mail actually goes to: the configured server, or the local capture. */
export function effectiveSmtpUrl(config: ServiceConfig): string {
  return config.mail.smtpUrl ?? `smtp://${config.mail.captureHost}:${config.mail.capturePort}`;
}

/** The local capture's SMTP URL (drill mails always go here, P9). */
export function captureSmtpUrl(config: ServiceConfig): string {
  return `smtp://${config.mail.captureHost}:${config.mail.capturePort}`;
}
