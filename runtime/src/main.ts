/**
 * The local runtime: a one-node Camunda 8 stand-in. `startRuntime()` starts the broker, the REST API v2,
 * the monitoring port and (optionally) the local web pages; `npm run runtime` starts it from the
 * environment (see docs/runtime.md), prints its URLs and stops cleanly on SIGINT/SIGTERM.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { createBroker } from './broker/createBroker';
import type { Broker } from './broker/types';
import { ConfigError, loadConfig, resolveConfig, type RuntimeConfig } from './config';
import { createRestServer } from './http/createRestServer';
import { JobLongPoller } from './http/JobLongPoller';
import { createMonitoringServer } from './monitoring/createMonitoringServer';

export interface StartRuntimeOptions extends Partial<RuntimeConfig> {
  /** Logger to use (default: pino at `logLevel`). */
  logger?: Logger;
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

function createLogger(level: RuntimeConfig['logLevel']): Logger {
  return pino({ level, base: { service: 'local-runtime' }, redact: LOG_REDACT });
}

interface LocalWeb {
  url: string;
  close(): Promise<void>;
}
type StartLocalWeb = (options: { port: number; host: string; restAddress: string; monitoringAddress: string; logger: Logger }) => Promise<LocalWeb>;


/** runtime/web/server.ts of local-web, when it exists. */
async function loadLocalWeb(): Promise<StartLocalWeb | undefined> {
  const modulePath = path.join(__dirname, '..', 'web', 'server');
  if (!['.ts', '.js'].some((ext) => existsSync(modulePath + ext))) return undefined;
  const mod = (await import(modulePath)) as { startLocalWeb?: StartLocalWeb };
  return mod.startLocalWeb;
}

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
  const { logger: givenLogger, onApiListening, ...configOptions } = options;
  const config = resolveConfig(configOptions);
  const logger = givenLogger ?? createLogger(config.logLevel);

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
  const broker = await createBroker({ databasePath, synchronous: config.sqliteSynchronous, logger: logger.child({ component: 'broker' }) });

  let markClosing: () => void = () => undefined;
  const closing = new Promise<void>((resolve) => (markClosing = resolve));
  const poller = new JobLongPoller(broker);
  let restPort = 0;
  let ready = false;
  const rest = await createRestServer({ broker, poller, closing, logger: logger.child({ component: 'rest' }) }, () => restPort);
  const monitoring = await createMonitoringServer(broker, logger.child({ component: 'monitoring' }), () => ready);
  let web: LocalWeb | undefined;

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
    if (config.web) {
      const startLocalWeb = await loadLocalWeb();
      if (startLocalWeb) {
        web = await startLocalWeb({ port: config.webPort, host: config.host, restAddress, monitoringAddress, logger: logger.child({ component: 'web' }) });
      } else {
        logger.warn({ expected: 'runtime/web/server.ts' }, 'local web pages not available');
      }
    }
    ready = true;
    return { restAddress, monitoringAddress, webAddress: web?.url, broker, close };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}

async function main(): Promise<void> {
  let config: RuntimeConfig;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  let runtime: RunningRuntime;
  // from process start (module loading included) to listening
  let apiReadyMs = NaN;
  try {
    runtime = await startRuntime({ ...config, logger, onApiListening: () => (apiReadyMs = Math.round(process.uptime() * 1000)) });
  } catch (err) {
    // a clear reason, not a stack trace (ports in use, data directory, web pages)
    const reason = err instanceof Error ? err.message : String(err);
    logger.fatal({ reason }, 'local runtime failed to start');
    process.stderr.write(`The local runtime could not start: ${reason}\n`);
    process.exit(1);
  }
  const readyMs = Math.round(process.uptime() * 1000);
  logger.info(
    { restAddress: runtime.restAddress, monitoringAddress: runtime.monitoringAddress, webAddress: runtime.webAddress, apiReadyMs, readyMs, inMemory: config.inMemory, dataDir: config.inMemory ? undefined : path.resolve(config.dataDir) },
    'local runtime ready',
  );
  process.stdout.write(
    [
      '',
      `  Camunda 8 REST API (ZEEBE_REST_ADDRESS)            ${runtime.restAddress}`,
      `  Monitoring (CAMUNDA_MONITORING_API_ADDRESS)        ${runtime.monitoringAddress}`,
      ...(runtime.webAddress ? [`  Tasklist / Operate stand-ins                       ${runtime.webAddress}`] : []),
      `  Data                                               ${config.inMemory ? 'in memory' : path.resolve(config.dataDir)}`,
      runtime.webAddress
        ? `  API ready ${apiReadyMs} ms, web pages ${readyMs} ms after process start. Stop with Ctrl+C.`
        : `  Ready ${readyMs} ms after process start. Stop with Ctrl+C.`,
      '',
    ].join('\n') + '\n',
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping local runtime');
    runtime
      .close()
      .then(() => {
        logger.info('local runtime stopped');
        process.exit(0);
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'local runtime failed to stop cleanly');
        process.exit(1);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  void main();
}
