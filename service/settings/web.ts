import { z } from 'zod';
import { setting } from '../../lib/config/Setting';
import { flag, nonNegativeInt, port, positiveInt, trustedProxies } from '../../lib/config/valueTypes';

/** The service web: notice page, feeds, subscriptions, intake, /it (docs/service-web.md). */

const isoDuration = z
  .string()
  .regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'must be an ISO 8601 duration, e.g. PT4H or PT30M');

export const webSettings = {
  port: setting({ env: 'SERVICE_PORT', aliases: ['SERVICE_WEB_PORT'], type: port().default(3000), doc: 'port of the web server (0 = ephemeral)' }),
  host: setting({ env: 'SERVICE_HOST', type: z.string().min(1).default('127.0.0.1'), doc: 'interface to listen on' }),
  publicBaseUrl: setting({ env: 'PUBLIC_BASE_URL', type: z.url().default('http://localhost:3000'), doc: 'origin the public reaches the notice page at; absolute links in feeds and mails' }),
  intakeApiToken: setting({
    env: 'INTAKE_API_TOKEN',
    secret: true,
    type: z.string().min(16, 'INTAKE_API_TOKEN must be at least 16 characters').optional(),
    doc: 'bearer token of `POST /api/reports` and `/api/disruptions/…` (IT, monitors; ≥ 16 characters)',
  }),
  deskUsersFile: setting({ env: 'DESK_USERS_FILE', type: z.string().min(1).optional(), doc: 'desk users (`{users:[{id,name,groups,passwordHash}]}`, scrypt hashes); group `desk` may log reports' }),
  sessionSecret: setting({
    env: 'SESSION_SECRET',
    secret: true,
    type: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
    shownDefault: 'random per start',
    doc: 'signs the desk session cookie (≥ 32 characters)',
  }),
  sharedSignInSecret: setting({
    env: 'SHARED_SIGN_IN_SECRET',
    secret: true,
    type: z.string().min(32, 'SHARED_SIGN_IN_SECRET must be at least 32 characters').optional(),
    shownDefault: '– (`npm start`: random per start)',
    doc: 'local only: one sign-in with the local task list – a sign-in on either is accepted by the other (same secret on both; ≥ 32 characters)',
  }),
  localWebUrl: setting({ env: 'LOCAL_WEB_URL', type: z.url().optional(), doc: 'local only: the local task list and cockpit, linked from the menu of `/intag` and `/it` (`npm start` sets it)' }),
  mailCapture: setting({ env: 'MAIL_CAPTURE', type: flag().default(false), doc: 'local only: serve the outbox `/utkorg` with the mails the SMTP capture received' }),
  trustProxy: setting({
    env: 'TRUST_PROXY',
    type: trustedProxies(),
    doc: "behind the region's reverse proxy / SSO: its addresses or CIDRs, comma-separated (`10.0.0.2`, `10.0.0.0/24`); only their `X-Forwarded-For` is believed. `true` and hop counts are refused",
  }),
  retryIntervalMs: setting({
    env: 'INTAKE_RETRY_INTERVAL_MS',
    type: positiveInt().default(5_000),
    doc: 'longest pause between delivery attempts while the engine is unreachable (the pause doubles from 250 ms up to this)',
  }),
  foregroundQuietMs: setting({
    env: 'INTAKE_FOREGROUND_QUIET_MS',
    type: positiveInt().default(25),
    doc: 'foreground first (issue #12): handing reports to the engine and job handlers wait until no call has been answered for this long',
  }),
  foregroundMaxWaitMs: setting({
    env: 'INTAKE_FOREGROUND_MAX_WAIT_MS',
    type: nonNegativeInt().default(2_000),
    doc: 'foreground first: the longest such background work waits for a quiet intake (then it goes on during a storm too); 0 = off',
  }),
  intakeBatchSize: setting({ env: 'INTAKE_BATCH_SIZE', type: positiveInt().default(200), doc: 'most reports one `report-received` message carries to a disruption' }),
  intakeRefreshIntervalMs: setting({
    env: 'INTAKE_REFRESH_INTERVAL_MS',
    type: positiveInt().default(5_000),
    doc: "how often the intake reads the open disruptions' state (scope, restored, ended) from the engine while no report waits",
  }),
  messageTtlMs: setting({
    env: 'MESSAGE_TTL_MS',
    type: nonNegativeInt().default(86_400_000),
    doc: 'time to live of messages published by the intake, the IT API and the workers (24 h: a catch may open late, e.g. after an approval)',
  }),
  /** P6, R17, P4, P3: timer values the intake passes as start variables when set (else the models' defaults apply). */
  disruptionTimers: {
    backupRoutineAfter: setting({ env: 'BACKUP_ROUTINE_AFTER', type: isoDuration.optional(), shownDefault: '– (model: `PT4H`)', doc: 'R17: backup routine after this long without prognosis' }),
    acknowledgementTimeout: setting({ env: 'ACKNOWLEDGEMENT_TIMEOUT', type: isoDuration.optional(), shownDefault: '– (model: `PT30M`)', doc: 'P4: the system owner must acknowledge within this' }),
    slaResponseTime: setting({ env: 'SLA_RESPONSE_TIME', type: isoDuration.optional(), shownDefault: '– (model: `PT1H`)', doc: 'P6: SLA silver B response target' }),
    slaRestoreTime: setting({ env: 'SLA_RESTORE_TIME', type: isoDuration.optional(), shownDefault: '– (model: `PT8H`)', doc: 'P6: SLA silver B restore target' }),
    noticeUpdateInterval: setting({ env: 'NOTICE_UPDATE_INTERVAL', type: isoDuration.optional(), shownDefault: '– (model: `PT1H`)', doc: 'P3: next notice update due' }),
  },
};
