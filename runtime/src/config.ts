/**
 * Configuration of the local runtime: one zod schema over the environment, parsed once at start-up.
 * A bad value fails fast with a message that lists every problem at once.
 */
import { z } from 'zod';
import { ConfigError } from '../../lib/config/ConfigError';

export { ConfigError };

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number (0-65535; 0 = any free port)' })
    .int('must be a whole port number')
    .min(0, 'must be a port number between 0 and 65535')
    .max(65535, 'must be a port number between 0 and 65535')
    .default(fallback);

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Environment variables understood by `npm run runtime` (documented in docs/runtime.md). */
export const runtimeEnvSchema = z.object({
  RUNTIME_REST_PORT: port(8080),
  RUNTIME_MONITORING_PORT: port(9600),
  RUNTIME_WEB_PORT: port(8081),
  RUNTIME_DATA_DIR: z.string().min(1, 'must not be empty').default('./.data'),
  RUNTIME_IN_MEMORY: flag(false),
  RUNTIME_HOST: z.string().min(1, 'must not be empty').default('localhost'),
  RUNTIME_WEB: flag(true),
  RUNTIME_SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL'], { error: 'must be NORMAL or FULL' }).default('NORMAL'),
  RUNTIME_USERS_FILE: z.string().min(1, 'must not be empty').optional(),
  RUNTIME_CLOCK_CONTROL: flag(false),
  RUNTIME_FEEL_TIMEOUT_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int('must be whole milliseconds').min(1, 'must be at least 1 ms').default(5000),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});

export interface RuntimeConfig {
  /** REST API v2 port (Camunda: 8080). 0 = any free port. */
  restPort: number;
  /** Monitoring port with /actuator/clock (Camunda: 9600). 0 = any free port. */
  monitoringPort: number;
  /** Port of the local Tasklist/Operate stand-ins. 0 = any free port. */
  webPort: number;
  /** Directory of the SQLite file. */
  dataDir: string;
  /** Keep all state in memory (tests); nothing survives a restart. */
  inMemory: boolean;
  /** Interface to listen on. `localhost` listens on both 127.0.0.1 and ::1. */
  host: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Start the local web pages (Tasklist/Operate stand-ins) too. */
  web: boolean;
  /** SQLite durability: NORMAL survives a killed process, FULL also power loss (fsync per command). */
  sqliteSynchronous: 'NORMAL' | 'FULL';
  /**
   * Who may call the REST API and the clock (Basic authentication) and what they may do (authorizations): a users
   * file. Without one, Camunda 8 Run's initial user `demo` / `demo` (admin) is the only user.
   */
  usersFile?: string;
  /** The clock may be moved (Camunda's `zeebe.clock.controlled`): POST /actuator/clock/…, PUT /v2/clock. */
  clockControl: boolean;
  /** How long one FEEL evaluation may run before it is stopped with an incident on its element. */
  feelTimeoutMs: number;
}

export const DEFAULT_CONFIG: RuntimeConfig = {
  restPort: 8080,
  monitoringPort: 9600,
  webPort: 8081,
  dataDir: './.data',
  inMemory: false,
  host: 'localhost',
  logLevel: 'info',
  web: false,
  sqliteSynchronous: 'NORMAL',
  clockControl: false,
  feelTimeoutMs: 5000,
};


/** Parse the environment once (CLI). The web pages start by default from the CLI. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const picked = Object.fromEntries(Object.keys(runtimeEnvSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const result = runtimeEnvSchema.safeParse(picked);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`), 'Invalid runtime configuration');
  }
  const e = result.data;
  return {
    restPort: e.RUNTIME_REST_PORT,
    monitoringPort: e.RUNTIME_MONITORING_PORT,
    webPort: e.RUNTIME_WEB_PORT,
    dataDir: e.RUNTIME_DATA_DIR,
    inMemory: e.RUNTIME_IN_MEMORY,
    host: e.RUNTIME_HOST,
    logLevel: e.LOG_LEVEL,
    web: e.RUNTIME_WEB,
    sqliteSynchronous: e.RUNTIME_SQLITE_SYNCHRONOUS,
    usersFile: e.RUNTIME_USERS_FILE,
    clockControl: e.RUNTIME_CLOCK_CONTROL,
    feelTimeoutMs: e.RUNTIME_FEEL_TIMEOUT_MS,
  };
}

const configSchema = z.strictObject({
  restPort: z.number().int().min(0).max(65535),
  monitoringPort: z.number().int().min(0).max(65535),
  webPort: z.number().int().min(0).max(65535),
  dataDir: z.string().min(1),
  inMemory: z.boolean(),
  host: z.string().min(1),
  logLevel: z.enum(LOG_LEVELS),
  web: z.boolean(),
  sqliteSynchronous: z.enum(['NORMAL', 'FULL']),
  usersFile: z.string().min(1).optional(),
  clockControl: z.boolean(),
  feelTimeoutMs: z.number().int().min(1),
});

/** Defaults overlaid with the given options (programmatic start; the environment is not read). */
export function resolveConfig(options: Partial<RuntimeConfig> = {}): RuntimeConfig {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const result = configSchema.safeParse({ ...DEFAULT_CONFIG, ...defined });
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`), 'Invalid runtime configuration');
  }
  return result.data;
}
