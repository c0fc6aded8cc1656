/**
 * The local runtime: a one-node Camunda 8 stand-in. `startRuntime()` starts the broker, the REST API v2 and the
 * monitoring port; a caller may add web pages beside them (`startWeb`: apps/runtime.ts adds the Tasklist and Operate
 * stand-ins of runtime/web). `npm run runtime` (apps/runtime.ts) starts it from the environment (docs/runtime.md).
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { ApiIdentities } from './auth/ApiIdentities';
import { Authorizations } from './auth/Authorizations';
import { createBroker } from './broker/createBroker';
import type { Broker } from './broker/types';
import { resolveConfig, type RuntimeConfig } from './config';
import { createRestServer } from './http/createRestServer';
import { JobLongPoller } from './http/JobLongPoller';
import { createMonitoringServer } from './monitoring/createMonitoringServer';

export interface StartRuntimeOptions extends Partial<RuntimeConfig> {
  /** Logger to use (default: pino at `logLevel`). */
  logger?: Logger;
  /**
   * Web pages to start beside the API once it listens (when `web` is true), stopped with the runtime. The runtime
   * itself knows none (its pages live in runtime/web and are composed in apps/runtime.ts).
   */
  startWeb?: StartWeb;
  /** Called as soon as the REST API and the monitoring port listen (before the web pages start). */
  onApiListening?: (addresses: { restAddress: string; monitoringAddress: string }) => void;
}

export interface RunningRuntime {
  /** e.g. `http://localhost:8080` (the SDK's ZEEBE_REST_ADDRESS; the API is under /v2). */
  restAddress: string;
  /** e.g. `http://localhost:9600` (process-test's CAMUNDA_MONITORING_API_ADDRESS). */
  monitoringAddress: string;
  /** The local Tasklist/Operate stand-ins, when started. */
  webAddress?: string;
  broker: Broker;
  close(): Promise<void>;
}

/** Process variables can hold personal data (callers, patients' referrals): never in the logs. */
const LOG_REDACT = { paths: ['variables', '*.variables', 'value', '*.value', 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' };

/** The runtime's logger: pino at `level`, personal data redacted; `destination` default stdout (tests capture it). */
export function createRuntimeLogger(level: RuntimeConfig['logLevel'], destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'local-runtime' }, redact: LOG_REDACT }, destination);
}

export interface RuntimeWeb {
  url: string;
  close(): Promise<void>;
}
export type StartWeb = (options: { port: number; host: string; restAddress: string; monitoringAddress: string; logger: Logger }) => Promise<RuntimeWeb>;

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

async function listen(app: FastifyInstance, port: number, host: string, variable: string): Promise<number> {
  try {
    await app.listen({ port, host });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`Port ${port} is already in use: set ${variable} to a free port (or stop the other process)`, { cause: err });
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new Error(`Cannot listen on host '${host}': set RUNTIME_HOST to a local address`, { cause: err });
    throw err;
  }
  return (app.server.address() as AddressInfo).port;
}

export async function startRuntime(options: StartRuntimeOptions = {}): Promise<RunningRuntime> {
  const { logger: givenLogger, onApiListening, startWeb, ...configOptions } = options;
  const config = resolveConfig(configOptions);
  const logger = givenLogger ?? createRuntimeLogger(config.logLevel);

  let databasePath = ':memory:';
  if (!config.inMemory) {
    const dir = path.resolve(config.dataDir);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new Error(`Cannot create the data directory '${dir}' (${(err as NodeJS.ErrnoException).code}): set RUNTIME_DATA_DIR to a writable directory`, { cause: err });
    }
    databasePath = path.join(dir, 'runtime.sqlite');
  }
  const identities = config.usersFile ? ApiIdentities.fromFile(config.usersFile) : ApiIdentities.demo();
  const auth = { identities, authorizations: new Authorizations(identities.authorizations) };
  const broker = await createBroker({ databasePath, synchronous: config.sqliteSynchronous, feelTimeoutMs: config.feelTimeoutMs, logger: logger.child({ component: 'broker' }) });

  let markClosing: () => void = () => undefined;
  const closing = new Promise<void>((resolve) => (markClosing = resolve));
  const poller = new JobLongPoller(broker);
  let restPort = 0;
  let ready = false;
  const rest = await createRestServer({ broker, poller, closing, logger: logger.child({ component: 'rest' }), auth, clockControl: config.clockControl }, () => restPort);
  const monitoring = await createMonitoringServer(broker, logger.child({ component: 'monitoring' }), () => ready, { auth, clockControl: config.clockControl });
  let web: RuntimeWeb | undefined;

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      ready = false;
      markClosing();
      poller.releaseAll();
      await web?.close().catch((err: unknown) => logger.error({ err }, 'local web pages failed to stop'));
      await rest.close();
      await monitoring.close();
      await broker.close();
    })());

  try {
    restPort = await listen(rest, config.restPort, config.host, 'RUNTIME_REST_PORT');
    const monitoringPort = await listen(monitoring, config.monitoringPort, config.host, 'RUNTIME_MONITORING_PORT');
    const restAddress = `http://${urlHost(config.host)}:${restPort}`;
    const monitoringAddress = `http://${urlHost(config.host)}:${monitoringPort}`;
    onApiListening?.({ restAddress, monitoringAddress });
    if (config.web && startWeb) {
      web = await startWeb({ port: config.webPort, host: config.host, restAddress, monitoringAddress, logger: logger.child({ component: 'web' }) });
    }
    ready = true;
    return { restAddress, monitoringAddress, webAddress: web?.url, broker, close };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}
