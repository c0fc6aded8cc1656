import { randomBytes } from 'node:crypto';
import type { CamundaRestClient } from '@camunda8/sdk';
import type { Logger } from 'pino';
import { createCamundaClient, startWorkers, type RunningWorkers } from '../workers';
import { loadConfig, type ServiceConfig } from '../service/config';
import { openServiceDb } from '../service/db';
import { ConfigError } from '../lib/config/ConfigError';
import { CamundaDisruptionEngine } from '../service/intake/CamundaDisruptionEngine';
import { IntakeService } from '../service/intake/IntakeService';
import { createLogger } from '../lib/logging/logger';
import { SmtpCapture } from '../service/mail/SmtpCapture';
import { createServiceParts } from '../service/ServiceParts';
import { WalCheckpointer } from '../service/WalCheckpointer';
import { createWebServer } from '../service/web/createWebServer';
import { DeskAuth } from '../service/web/plugins/DeskAuth';
import { StaffSessionStore } from '../service/web/plugins/StaffSessionStore';
import { registerIntakeRoutes } from '../service/web/routes/intakeRoutes';
import { registerItRoutes } from '../service/web/routes/itRoutes';
import { registerReportRoutes } from '../service/web/routes/reportRoutes';
import { EngineGateway } from '../lib/camunda/EngineGateway';
import { registerOutboxRoutes } from '../service/web/routes/outboxRoutes';
import { warmUpIntake } from '../service/web/intakeWarmUp';
import { compactHeap } from '../lib/process/compactHeap';
import { SubscriptionMailer } from '../service/notices/SubscriptionMailer';
import { SharedSignIn } from '../lib/auth/SharedSignIn';

export interface StartServiceOptions {
  /** Environment to read the configuration from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Parsed configuration (wins over `env`). */
  config?: ServiceConfig;
  logger?: Logger;
  /** Engine client (default: built from the SDK's own variables in `env`, with the validated `config.camunda`). */
  camunda?: CamundaRestClient;
  /** Start the job workers (default true). */
  workers?: boolean;
  now?: () => Date;
}

export interface RunningService {
  /** Base URL the web server listens on, e.g. `http://127.0.0.1:3000`. */
  url: string;
  config: ServiceConfig;
  /** Port of the local SMTP capture, when this process runs it (no SMTP_URL). */
  smtpCapturePort?: number;
  close(): Promise<void>;
}

/**
 * Starts the service: configuration, the SQLite file, the local SMTP capture (when no SMTP_URL), the web server
 * (notice page, intake, outbox) and the job workers. Talks to the engine only through @camunda8/sdk.
 */
export async function startService(options: StartServiceOptions = {}): Promise<RunningService> {
  let config = options.config ?? loadConfig(options.env);
  const logger = options.logger ?? createLogger({ level: config.log.level });
  const db = openServiceDb(config.db.file);
  const cleanups: (() => Promise<void> | void)[] = [
    () => {
      db.close();
    },
  ];
  const closeAll = async () => {
    for (const c of cleanups.reverse()) {
      try {
        await c();
      } catch (err) {
        logger.warn({ err }, 'error while closing');
      }
    }
  };
  try {
    // Local: mail goes to the capture in this process; its bound port (0 → ephemeral) is what the workers use.
    const capture = new SmtpCapture(db, logger);
    let smtpCapturePort: number | undefined;
    if (!config.mail.smtpUrl) {
      smtpCapturePort = await capture.start(config.mail.capturePort, config.mail.captureHost);
      cleanups.push(() => capture.stop());
      config = { ...config, mail: { ...config.mail, capturePort: smtpCapturePort } };
    }

    const camunda = options.camunda ?? (await createCamundaClient(config, options.env ?? process.env));
    // The one engine gateway: the intake, the deviation report and the workers' approvals and messages.
    const engine = new EngineGateway(camunda);
    const baseUrl = config.web.publicBaseUrl.replace(/\/+$/, '');
    // Built once, shared by the web server and the workers: one mailer, one outbox, one notice store, one clock.
    const parts = createServiceParts(config, db, logger, {
      ...(options.now ? { now: options.now } : {}),
      // The capture runs here on this file: a mail in doubt is settled by looking it up (issue #10).
      ...(smtpCapturePort !== undefined ? { captureLedger: (messageId: string) => capture.has(messageId) } : {}),
    });
    const { notices, subscribers, mailer, now } = parts;
    cleanups.push(() => parts.close());
    // Issue #12: the WAL goes into the database file while the desk is quiet, not inside a call's commit.
    const checkpointer = new WalCheckpointer(db, parts.foreground, logger);
    checkpointer.start();
    cleanups.push(() => checkpointer.stop());

    const intake = new IntakeService(
      db,
      parts.reports,
      parts.disruptions,
      new CamundaDisruptionEngine(engine, { messageTtlMs: config.web.messageTtlMs }),
      logger.child({ component: 'intake' }),
      { retryIntervalMs: config.web.retryIntervalMs, batchSize: config.web.intakeBatchSize, refreshIntervalMs: config.web.intakeRefreshIntervalMs, timerSettings: config.web.disruptionTimers, foreground: parts.foreground, now },
    );
    intake.start();
    cleanups.push(() => intake.stop());

    if (!config.web.sessionSecret) logger.warn({}, 'SESSION_SECRET not set: desk sessions end when the service restarts');
    const secret = config.web.sessionSecret ?? randomBytes(32).toString('base64url');
    const clock = () => now().getTime();
    const auth = new DeskAuth({
      usersFile: config.web.deskUsersFile,
      secret,
      sessions: new StaffSessionStore(db, clock),
      apiToken: config.web.intakeApiToken,
      secureCookies: baseUrl.startsWith('https://'),
      ...(config.web.sharedSignInSecret ? { sharedSignIn: new SharedSignIn(config.web.sharedSignInSecret) } : {}),
    });
    if (!auth.configured) logger.warn({}, 'intake has no desk users (DESK_USERS_FILE) and no INTAKE_API_TOKEN: nobody can log reports');

    const app = await createWebServer({
      notices,
      subscribers,
      confirmations: new SubscriptionMailer(mailer),
      baseUrl,
      logger,
      now,
      trustProxy: config.web.trustProxy,
      cookieSecret: secret,
      plugins: [
        (a) => registerIntakeRoutes(a, { intake, auth, notices, baseUrl, outbox: config.web.mailCapture, localWebUrl: config.web.localWebUrl, logger, clock, foreground: parts.foreground }),
        (a) => registerItRoutes(a, { intake, auth, notices, outbox: config.web.mailCapture, localWebUrl: config.web.localWebUrl, engine, logger }),
        (a) => registerReportRoutes(a, { intake, auth, engine, logger, now }),
        ...(config.web.mailCapture ? [(a: Parameters<typeof registerOutboxRoutes>[0]) => registerOutboxRoutes(a, { capture, auth })] : []),
      ],
    });
    // Issue #12: the intake's path compiled before the first call (rehearsed and rolled back: nothing stored).
    const warmUp = await warmUpIntake(app, intake, config.web.intakeApiToken);
    logger.info({ ms: Math.round(warmUp.ms), answered: warmUp.answered }, 'intake warmed up');
    // ... and the start's garbage collected now, not during the first storm
    compactHeap();
    await app.listen({ port: config.web.port, host: config.web.host });
    cleanups.push(() => app.close());
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.web.port;
    const url = `http://${config.web.host.includes(':') ? `[${config.web.host}]` : config.web.host}:${port}`;

    let workers: RunningWorkers | undefined;
    if (options.workers !== false) {
      workers = await startWorkers({ config, db, logger, camunda, engine, parts });
      cleanups.push(() => workers?.close());
    }
    logger.info({ url, publicBaseUrl: baseUrl, outbox: config.web.mailCapture, workers: Boolean(workers) }, 'service started');
    let closed = false;
    return {
      url,
      config,
      ...(smtpCapturePort !== undefined ? { smtpCapturePort } : {}),
      async close() {
        if (closed) return;
        closed = true;
        await closeAll();
      },
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

if (require.main === module) {
  startService()
    .then((service) => {
      const stop = () => {
        void service.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      process.stdout.write(`Driftinformation: ${service.url}/driftinfo  Intag: ${service.url}/intag${service.config.web.mailCapture ? `  Utkorg: ${service.url}/utkorg` : ''}\n`);
    })
    .catch((err: unknown) => {
      if (err instanceof ConfigError) {
        process.stderr.write(`Konfigurationen är felaktig:\n${err.problems.map((p) => `  - ${p}`).join('\n')}\n`);
      } else {
        process.stderr.write(`Tjänsten kunde inte starta: ${(err as Error).message}\n`);
      }
      process.exit(1);
    });
}
