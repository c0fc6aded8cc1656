/**
 * `npm run runtime`: the local runtime alone – the Camunda 8 REST API v2 stand-in, its monitoring port and (unless
 * RUNTIME_WEB=false) the Tasklist and Operate stand-ins – from the environment (docs/runtime.md); prints its URLs and
 * stops cleanly on SIGINT/SIGTERM. `startLocalRuntime()` is the same composition for `npm start` and tests.
 */
import path from 'node:path';
import { ConfigError, loadConfig, type RuntimeConfig } from '../runtime/src/config';
import { createRuntimeLogger, startRuntime, type RunningRuntime, type StartRuntimeOptions } from '../runtime/src/startRuntime';
import { DEFAULT_USERS_FILE } from '../runtime/web/config';
import { startLocalWeb } from '../runtime/web/server';

/**
 * The runtime with the local web pages beside it (when `web` is true). One users file for both: people sign in to the
 * pages and to the REST API with the same ids and passwords, and the file's API users and authorizations say who may
 * do what on the API (docs/runtime.md). Default: the local web's `runtime/web/users.json` (or LOCAL_WEB_USERS_FILE).
 */
export function startLocalRuntime(options: StartRuntimeOptions = {}): Promise<RunningRuntime> {
  const usersFile = options.usersFile ?? (process.env.LOCAL_WEB_USERS_FILE || DEFAULT_USERS_FILE);
  return startRuntime({ startWeb: (o) => startLocalWeb({ ...o, usersFile }), ...options, usersFile });
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
  const logger = createRuntimeLogger(config.logLevel);
  let runtime: RunningRuntime;
  // from process start (module loading included) to listening
  let apiReadyMs = NaN;
  try {
    runtime = await startLocalRuntime({ ...config, logger, onApiListening: () => (apiReadyMs = Math.round(process.uptime() * 1000)) });
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
      `  Authentication                                     Basic (users file ${config.usersFile ?? process.env.LOCAL_WEB_USERS_FILE ?? 'runtime/web/users.json'})`,
      `  Clock control (RUNTIME_CLOCK_CONTROL)              ${config.clockControl ? 'on: /actuator/clock moves the engine clock' : 'off'}`,
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
