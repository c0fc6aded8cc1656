/**
 * Configuration of the local runtime: one table of settings (lib/config), parsed once – from the environment by the CLI
 * (`loadConfig`), from options by code (`resolveConfig`). A bad value fails fast listing every problem at once.
 * docs/runtime.md's table is generated from it (`npm run config-docs`).
 */
import { z } from 'zod';
import { ConfigError } from '../../lib/config/ConfigError';
import { ConfigSpec } from '../../lib/config/ConfigSpec';
import { setting, type ConfigOf } from '../../lib/config/Setting';
import { flag, LOG_LEVELS, logLevel, port, positiveInt, text } from '../../lib/config/valueTypes';

export { ConfigError, LOG_LEVELS };

export const runtimeSettings = {
  restPort: setting({ env: 'RUNTIME_REST_PORT', type: port().default(8080), doc: "REST API v2 (`/v2/...`), Camunda's gateway port. `0` = any free port." }),
  monitoringPort: setting({ env: 'RUNTIME_MONITORING_PORT', type: port().default(9600), doc: "Monitoring port: `/actuator/clock` (process-test's clock), `/actuator/health`, `/ready`." }),
  webPort: setting({ env: 'RUNTIME_WEB_PORT', type: port().default(8081), doc: 'Local Tasklist / Operate stand-ins (`runtime/web`, see `docs/local-web.md`).' }),
  web: setting({ env: 'RUNTIME_WEB', type: flag().default(true), doc: '`false` starts only the API and the monitoring port.' }),
  dataDir: setting({ env: 'RUNTIME_DATA_DIR', type: text().default('./.data'), doc: 'Directory of the SQLite database `runtime.sqlite` (created if missing).' }),
  inMemory: setting({ env: 'RUNTIME_IN_MEMORY', type: flag().default(false), doc: '`true` keeps all state in memory (tests, demos); nothing survives a restart.' }),
  sqliteSynchronous: setting({
    env: 'RUNTIME_SQLITE_SYNCHRONOUS',
    type: z.enum(['NORMAL', 'FULL'], { error: 'must be NORMAL or FULL' }).default('NORMAL'),
    doc: '`NORMAL`: every acknowledged command survives a killed process (kill -9); `FULL`: also power loss (an fsync per command, slower).',
  }),
  host: setting({ env: 'RUNTIME_HOST', type: text().default('localhost'), doc: 'Interface to listen on (`localhost` = 127.0.0.1 and ::1; `0.0.0.0` for all).' }),
  usersFile: setting({
    env: 'RUNTIME_USERS_FILE',
    type: text().optional(),
    shownDefault: "`runtime/web/users.json` (the local web's; `LOCAL_WEB_USERS_FILE` when set)",
    doc: 'Users, API users and authorizations of the REST API and the clock (see *Who can do what*). Programmatic `startRuntime()` without one: `demo` / `demo`, admin.',
  }),
  clockControl: setting({
    env: 'RUNTIME_CLOCK_CONTROL',
    type: flag().default(false),
    shownDefault: '`false` (`npm start`: `true`)',
    doc: "Camunda's `zeebe.clock.controlled`: `true` lets the admin role move the clock (`/actuator/clock/add`, `pin`, `DELETE`; `PUT /v2/clock`); shown in the start banner.",
  }),
  feelTimeoutMs: setting({
    env: 'RUNTIME_FEEL_TIMEOUT_MS',
    type: positiveInt().default(5000),
    doc: "Camunda's `camunda.expression.timeout`: how long one FEEL evaluation with a loop, quantifier, function definition or regular expression may run; then it is stopped and becomes an `EXTRACT_VALUE_ERROR` incident on its element.",
  }),
  logLevel: setting({ env: 'LOG_LEVEL', type: logLevel().default('info'), doc: '`fatal`, `error`, `warn`, `info`, `debug` (one line per request), `trace`, `silent`.' }),
};

export const runtimeConfigSpec = new ConfigSpec(runtimeSettings, { heading: 'Invalid runtime configuration' });

export type RuntimeConfig = ConfigOf<typeof runtimeSettings>;

/** Parse the environment once (CLI). The web pages start by default from the CLI. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  return runtimeConfigSpec.parse({ env });
}

/**
 * The table's defaults overlaid with the given options (programmatic start; the environment is not read). The one
 * difference to the CLI: the web pages start only when asked (`web: true`).
 */
export function resolveConfig(options: Partial<RuntimeConfig> = {}): RuntimeConfig {
  return runtimeConfigSpec.parse({ options: { ...options, web: options.web ?? false } });
}
