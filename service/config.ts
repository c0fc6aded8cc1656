import { readFileSync } from 'node:fs';
import { ConfigError } from '../lib/config/ConfigError';
import { ConfigSpec } from '../lib/config/ConfigSpec';
import type { ConfigOf } from '../lib/config/Setting';
import { camundaSettings } from './settings/camunda';
import { dbSettings, logSettings, mailSettings, outboxSettings, retrySettings, serviceDeskSettings, webhookSettings } from './settings/delivery';
import { linkSettings, onDutySettings, vendorSettings } from './settings/routine';
import { serviceRules } from './settings/rules';
import { webSettings } from './settings/web';

export { DIRECTORY_ROLES, recipientSchema, type DirectoryRole, type Recipient } from './settings/routine';

/**
 * The service's configuration: each setting declared once in a table per section (service/settings/), from which
 * lib/config derives the schema, the environment reader, the config-file check (`SERVICE_CONFIG_FILE`; secrets only
 * from the environment) and the tables in docs/workers.md and docs/service-web.md (`npm run config-docs`).
 * Parsed once at start-up by `loadConfig()`, which fails fast listing every problem.
 *
 * Precedence: environment variable > config file > default.
 */
export const serviceSettings = {
  camunda: camundaSettings,
  db: dbSettings,
  mail: mailSettings,
  ...linkSettings,
  onDuty: onDutySettings,
  serviceDesk: serviceDeskSettings,
  vendor: vendorSettings,
  webhook: webhookSettings,
  retry: retrySettings,
  outbox: outboxSettings,
  log: logSettings,
  web: webSettings,
};

export type ServiceConfig = ConfigOf<typeof serviceSettings>;

export const serviceConfigSpec = new ConfigSpec(serviceSettings, { rules: serviceRules });

/**
 * Parse the configuration once. Throws `ConfigError` listing every problem (file and environment together).
 * `env` defaults to `process.env`; tests pass their own.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const problems: string[] = [];
  let file: { name: string; data: unknown } | undefined;
  if (env.SERVICE_CONFIG_FILE) {
    try {
      file = { name: env.SERVICE_CONFIG_FILE, data: JSON.parse(readFileSync(env.SERVICE_CONFIG_FILE, 'utf8')) };
    } catch (err) {
      problems.push(`SERVICE_CONFIG_FILE ${env.SERVICE_CONFIG_FILE}: ${(err as Error).message}`);
    }
  }
  // An unreadable file is one problem; the environment is still checked so that every problem is listed.
  try {
    const config = serviceConfigSpec.parse({ env, file });
    if (problems.length > 0) throw new ConfigError(problems);
    return config;
  } catch (err) {
    if (err instanceof ConfigError && problems.length > 0 && err.problems !== problems) throw new ConfigError([...problems, ...err.problems]);
    throw err;
  }
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
