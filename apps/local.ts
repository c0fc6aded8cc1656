/**
 * `npm start`: the whole system on the local runtime, on one machine (P12).
 *
 * 1. starts the local runtime (Camunda 8 REST API v2 stand-in, monitoring port, Tasklist/Operate stand-ins) on its own
 *    thread, so the service's event loop never waits behind the engine (apps/runtimeThread.ts),
 * 2. deploys every process in bpmn/ and every form in forms/ through @camunda8/sdk,
 * 3. starts the service (job workers, notice page with feeds, intake, local SMTP capture and outbox),
 * 4. prints the URLs, and stops everything on Ctrl-C.
 *
 * Every setting can be overridden by the environment (see README). Nothing leaves the machine: without
 * SMTP_URL all mail goes to the local SMTP capture, shown on the outbox page.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { loadConfig as loadRuntimeConfig } from '../runtime/src/config';
import { startRuntimeThread, type RuntimeThread } from './runtimeThread';
import { startService, type RunningService } from './service';
import { deployableFiles, deployModels } from '../lib/camunda/deployModels';
import { LOCAL_API_USER, localRestClient } from '../lib/camunda/restClient';
import { ConfigError } from '../lib/config/ConfigError';

const root = path.resolve(__dirname, '..');

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The API user of the local users file the service and the deployment sign in with (Camunda 8 Run's demo admin). */
export { LOCAL_API_USER };

/** Local defaults for the service; any variable already set in the environment wins. */
export function localServiceEnv(runtime: Pick<RuntimeThread, 'restAddress' | 'webAddress'>, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const local: Record<string, string> = {
    ZEEBE_REST_ADDRESS: runtime.restAddress,
    // the runtime's API is protected like a self-managed Camunda 8.8: Basic, as the users file's API user
    CAMUNDA_AUTH_STRATEGY: 'BASIC',
    CAMUNDA_BASIC_AUTH_USERNAME: LOCAL_API_USER.username,
    CAMUNDA_BASIC_AUTH_PASSWORD: LOCAL_API_USER.password,
    MAIL_CAPTURE: 'true',
    SERVICE_DB_FILE: path.join(env.RUNTIME_DATA_DIR ?? path.join(root, '.data'), 'service.sqlite'),
  };
  // Links in notices and mails point at the notice page as this machine serves it.
  const servicePort = env.SERVICE_PORT ?? '3000';
  if (servicePort !== '0') local.PUBLIC_BASE_URL = `http://localhost:${servicePort}`;
  // Mails that ask for an action link to the task list as this machine serves it (RUNTIME_WEB_PORT), and its menu
  // links the task list, cockpit and dashboard.
  if (runtime.webAddress) {
    local.TASKLIST_URL = `${runtime.webAddress}/`;
    local.LOCAL_WEB_URL = runtime.webAddress;
  }
  const serviceConfig = path.join(root, 'config/local/service.json');
  if (existsSync(serviceConfig)) local.SERVICE_CONFIG_FILE = serviceConfig;
  const deskUsers = path.join(root, 'config/local/desk-users.json');
  if (existsSync(deskUsers)) local.DESK_USERS_FILE = deskUsers;
  const merged: NodeJS.ProcessEnv = { ...local };
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') merged[k] = v;
  return merged;
}

/** A local address as the pages link it: `localhost` (not 127.0.0.1), so the sign-in cookie is the same. */
export function asLinked(url: string): string {
  const u = new URL(url);
  if (u.hostname === '127.0.0.1' || u.hostname === '[::1]' || u.hostname === '::1') u.hostname = 'localhost';
  return u.toString().replace(/\/$/, '');
}

async function main(): Promise<void> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn', base: { service: 'driftstorning-sesam' } });
  let runtime: RuntimeThread | undefined;
  let service: RunningService | undefined;
  const stop = async (code: number) => {
    say('\nStoppar ...');
    // A part that does not stop within 10 s is named, and the process ends anyway.
    const deadline = setTimeout(() => {
      process.stderr.write(`Stoppet tog för lång tid (${stopping}); avslutar ändå.\n`);
      process.exit(code || 1);
    }, 10_000);
    let stopping = 'tjänsten';
    await service?.close().catch((err: unknown) => logger.error({ err }, 'service failed to stop'));
    stopping = 'körmiljön';
    await runtime?.close().catch((err: unknown) => logger.error({ err }, 'runtime failed to stop'));
    clearTimeout(deadline);
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    say('Driftstörning Sesam – startar lokalt (hela rutinen på en dator)');
    say('[1/3] Startar den lokala körmiljön (Camunda 8 REST API v2) ...');
    // drills move the engine clock (README, step 4): clock control on unless RUNTIME_CLOCK_CONTROL says otherwise
    const runtimeEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
    if (!runtimeEnv.RUNTIME_CLOCK_CONTROL) runtimeEnv.RUNTIME_CLOCK_CONTROL = 'true';
    // Checked here first, so a bad setting is reported before the thread starts.
    const { clockControl } = loadRuntimeConfig(runtimeEnv);
    // One sign-in for the task list, the cockpit, /intag and /it: both servers accept a sign-in on the other (same host).
    const sharedSignInSecret = process.env.SHARED_SIGN_IN_SECRET || randomBytes(32).toString('base64url');
    const servicePort = process.env.SERVICE_PORT ?? '3000';
    runtime = await startRuntimeThread(runtimeEnv, logger.child({ component: 'runtime' }), {
      sharedSignInSecret,
      serviceOutbox: process.env.SMTP_URL ? 'false' : 'true',
      ...(servicePort !== '0' ? { serviceUrl: `http://localhost:${servicePort}` } : {}),
    });

    const files = deployableFiles();
    say(`[2/3] Driftsätter ${files.length} resurser (processer och formulär) ...`);
    const serviceEnv: NodeJS.ProcessEnv = { ...localServiceEnv(runtime), SHARED_SIGN_IN_SECRET: sharedSignInSecret };
    const camunda = await localRestClient(runtime.restAddress, { username: serviceEnv.CAMUNDA_BASIC_AUTH_USERNAME ?? LOCAL_API_USER.username, password: serviceEnv.CAMUNDA_BASIC_AUTH_PASSWORD ?? LOCAL_API_USER.password });
    const deployment = await deployModels(camunda, files);
    for (const p of deployment.processes) say(`      process ${p.processDefinitionId} version ${p.processDefinitionVersion}`);
    for (const f of deployment.forms) say(`      formulär ${f.formId} version ${f.version}`);

    say('[3/3] Startar tjänsten (jobbarbetare, driftinformation, intag, utkorg) ...');
    service = await startService({ env: serviceEnv, logger: logger.child({ component: 'service' }) });

    say('');
    say('Klart. Öppna:');
    if (runtime.webAddress) {
      say(`  Uppgiftslista (Tasklist)      ${runtime.webAddress}/`);
      say(`  Översikt (Operate)            ${runtime.webAddress}/cockpit`);
    }
    // the host the links and mails use (cookies are per host: one sign-in needs one host name)
    const serviceUrl = asLinked(service.url);
    if (runtime.webAddress) say(`  Uppföljning (VO Hjälpmedel)   ${runtime.webAddress}/uppfoljning`);
    say(`  Driftinformation (publik)     ${serviceUrl}/driftinfo`);
    say(`  Intag för Administrationen    ${serviceUrl}/intag`);
    say(`  För IT och systemansvarig     ${serviceUrl}/it`);
    if (service.config.web.mailCapture) say(`  Utkorg (fångad e-post)        ${serviceUrl}/utkorg`);
    say(`  Camunda REST API v2           ${runtime.restAddress}/v2`);
    say(`  Övervakning (klocka)          ${runtime.monitoringAddress}/actuator/clock`);
    if (service.smtpCapturePort) say(`  Lokal SMTP-fångst             smtp://127.0.0.1:${service.smtpCapturePort}`);
    say('');
    say(`API:t och klockan kräver inloggning (Basic): demoanvändarna, eller API-användaren ${LOCAL_API_USER.username} / ${LOCAL_API_USER.password}.`);
    say(
      clockControl
        ? `Klockstyrning på (RUNTIME_CLOCK_CONTROL=true): ${LOCAL_API_USER.username} kan flytta motorns klocka, t.ex. curl -u ${LOCAL_API_USER.username}:${LOCAL_API_USER.password} -XPOST ${runtime.monitoringAddress}/actuator/clock/add -H 'content-type: application/json' -d '{"offsetMilli":14400000}'`
        : 'Klockstyrning av (RUNTIME_CLOCK_CONTROL=false): motorns klocka följer datorns.',
    );
    say('En inloggning gäller uppgiftslistan, översikten, intaget och /it. Demoanvändare och lösenord: docs/local-web.md. Stoppa med Ctrl-C.');
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Konfigurationen är felaktig:\n${err.message}\n`);
    } else {
      process.stderr.write(`Start misslyckades: ${(err as Error).message}\n`);
    }
    await stop(1);
  }
}

if (require.main === module) void main();
