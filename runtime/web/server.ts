import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError } from 'fastify';
import pino, { type Logger } from 'pino';
import { BrowserBundles } from './assets/BrowserBundles';
import { SessionStore } from './auth/SessionStore';
import { UserDirectory } from './auth/UserDirectory';
import { parseLocalWebConfig } from './config';
import { DiagramIndex } from '../../lib/timeline/DiagramIndex';
import { EngineError } from '../../lib/camunda/EngineError';
import { EngineGateway } from '../../lib/camunda/EngineGateway';
import { HttpError } from './HttpError';
import { assetRoutes } from './routes/assetRoutes';
import { authRoutes, SESSION_COOKIE, SESSION_COOKIE_OPTIONS } from './routes/authRoutes';
import { cockpitRoutes } from './routes/cockpitRoutes';
import { dashboardRoutes } from './routes/dashboardRoutes';
import { sendPage, wantsJson } from './routes/requestHelpers';
import { taskRoutes } from './routes/taskRoutes';
import { DisruptionLoader } from '../../lib/timeline/DisruptionLoader';
import { messagePage } from './views/layout';
import { registerHelmet, securityHeaders, type CspDirectives } from '../../lib/web/securityHeaders';
import { SignInThrottle, type SignInThrottleOptions } from '../../lib/auth/SignInThrottle';
import { STAFF_SIGN_IN_THROTTLE } from '../../lib/auth/signInPolicy';
import type { WebContext } from './WebContext';
import { SHARED_SIGN_IN_COOKIE, SharedSignIn } from '../../lib/auth/SharedSignIn';

export interface LocalWebOptions {
  /** 0 = ephemeral (tests). Default 8081. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The runtime's REST API base, e.g. `http://127.0.0.1:8080` (the SDK adds `/v2`). */
  restAddress: string;
  /** Optional monitoring base (`http://127.0.0.1:9600`): shows the runtime's clock when it has been moved. */
  monitoringAddress?: string;
  /** Users file; default `LOCAL_WEB_USERS_FILE` or `runtime/web/users.json`. */
  usersFile?: string;
  /** How often an open task list checks for changes (ms, default 10 000). */
  pollIntervalMs?: number;
  /** The service (intake, /it, notices), linked from the menu (`npm start`). */
  serviceUrl?: string;
  /** The service serves the outbox: linked from the menu. */
  serviceOutbox?: 'true' | 'false';
  /** One sign-in with the service: the secret both are given (`npm start`: random per start). */
  sharedSignInSecret?: string;
  logger?: Logger;
}

export interface LocalWeb {
  url: string;
  close(): Promise<void>;
}

/** Scripts only our own bundles; inline styles for form-js and bpmn-js; no framing. */
export const LOCAL_WEB_CSP: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** Per user id and address, and per address: a growing wait after repeated failures, never a lock-out (issue #10). */
export const LOGIN_THROTTLE: SignInThrottleOptions = STAFF_SIGN_IN_THROTTLE;

/** Paths reachable without signing in. */
const PUBLIC_PATHS = [/^\/favicon\.ico$/, /^\/login$/, /^\/logout$/, /^\/assets\//, /^\/vendor\//, /^\/healthz$/];

/**
 * The local stand-ins for Camunda Tasklist (`/tasks`) and Operate (`/cockpit`): a separate HTTP server
 * that talks to the runtime only through its REST API v2 with `@camunda8/sdk`.
 */
export async function startLocalWeb(options: LocalWebOptions): Promise<LocalWeb> {
  const config = parseLocalWebConfig({ ...options, logger: undefined });
  const logger = (options.logger ?? pino({ name: 'local-web' })).child({ component: 'local-web' });
  const app = Fastify({ logger: false, trustProxy: false, bodyLimit: 1024 * 1024 });
  await app.register(formbody);
  await app.register(cookie);
  registerHelmet(app, securityHeaders(LOCAL_WEB_CSP));
  await app.register(rateLimit, { global: false });

  // the runtime's API is protected like a self-managed Camunda 8.8: the pages sign in as its API user (Basic)
  const engine = new EngineGateway(config.restAddress, config.monitoringAddress, { username: config.engineUsername, password: config.enginePassword });
  const diagrams = new DiagramIndex();
  const ctx: WebContext = {
    engine,
    diagrams,
    loader: new DisruptionLoader(engine, diagrams),
    users: UserDirectory.fromFile(config.usersFile),
    sessions: new SessionStore(),
    loginThrottle: new SignInThrottle(LOGIN_THROTTLE),
    ...(config.sharedSignInSecret ? { sharedSignIn: new SharedSignIn(config.sharedSignInSecret) } : {}),
    pollIntervalMs: config.pollIntervalMs,
    logger,
  };
  // Build the browser bundles in the background (≈0.5 s): start-up does not wait, the first script request does.
  BrowserBundles.load().catch((err: unknown) => logger.error({ err }, 'browser bundles failed to build'));

  // Session and CSRF: every page but the public ones needs a session; every POST its CSRF token.
  app.addHook('preHandler', async (req, reply) => {
    const path = req.url.split('?')[0];
    let session = ctx.sessions.get(req.cookies[SESSION_COOKIE]);
    // one sign-in (npm start): signed in on /intag or /it, the person is signed in here too
    const shared = !session ? ctx.sharedSignIn?.verify(req.cookies[SHARED_SIGN_IN_COOKIE]) : undefined;
    if (shared && ctx.users.get(shared.id)) {
      session = ctx.sessions.create(shared.id);
      reply.setCookie(SESSION_COOKIE, session.id, SESSION_COOKIE_OPTIONS);
    }
    const user = session ? ctx.users.get(session.userId) : undefined;
    req.staffNav = { service: config.serviceUrl, outbox: config.serviceOutbox === 'true' };
    if (session && user) req.auth = { user, session };
    if (PUBLIC_PATHS.some((p) => p.test(path))) return;
    if (!req.auth) {
      if (req.method === 'GET') return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
      throw new HttpError(401, 'Du är inte inloggad längre. Logga in och försök igen.');
    }
    if (req.method === 'POST') {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const token = req.headers['x-csrf-token'] ?? body._csrf;
      if (!SessionStore.csrfMatches(req.auth.session, token)) {
        // The route's pattern, never the path as sent: a path may hold anything a client wrote (issue #10: no personal data in logs).
        logger.warn({ userId: req.auth.user.id, route: req.routeOptions.url ?? '(no route)', event: 'csrf-refused' }, 'POST without a valid CSRF token');
        throw new HttpError(403, 'Formuläret saknar en giltig säkerhetstoken. Ladda om sidan och försök igen.');
      }
    }
  });

  app.get('/healthz', async () => ({ status: 'UP' }));
  app.get('/', async (req, reply) => reply.redirect(req.auth ? '/tasks' : '/login', 303));
  assetRoutes(app);
  authRoutes(app, ctx);
  taskRoutes(app, ctx);
  cockpitRoutes(app, ctx);
  dashboardRoutes(app, ctx);

  app.setNotFoundHandler(async (req, reply) =>
    sendPage(reply, messagePage({ user: req.auth?.user, csrfToken: req.auth?.session.csrfToken }, 'Sidan finns inte', 'Adressen leder ingenstans.', { href: '/', label: 'Till startsidan' }), 404),
  );

  app.setErrorHandler(async (error: FastifyError | Error, req, reply) => {
    let status = 500;
    let message = 'Något gick fel. Försök igen om en stund.';
    if (error instanceof HttpError) {
      status = error.status;
      message = error.userMessage;
    } else if (error instanceof EngineError) {
      if (error.status === 0 || error.status >= 500) {
        status = 502;
        message = 'Körmiljön svarar inte just nu. Försök igen om en stund.';
        logger.error({ err: error, operation: error.operation }, 'runtime call failed');
      } else if (error.status === 404) {
        status = 404;
        message = 'Det du sökte finns inte (längre) i körmiljön.';
      } else if (error.status === 409) {
        status = 409;
        message = `Åtgärden krockar med ett annat steg i processen: ${error.detail}`;
      } else {
        status = 400;
        message = `Körmiljön godtog inte åtgärden: ${error.detail}`;
      }
    } else if ((error as FastifyError).statusCode && (error as FastifyError).statusCode! < 500) {
      status = (error as FastifyError).statusCode!;
      message = 'Begäran kunde inte läsas.';
    } else {
      logger.error({ err: error, route: req.routeOptions.url ?? '(no route)' }, 'unexpected error in the local web');
    }
    const fields = error instanceof HttpError ? error.context.fields : undefined;
    if (wantsJson(req)) return reply.code(status).header('cache-control', 'no-store').send({ status, message, ...(fields ? { fields } : {}) });
    const title = status === 403 ? 'Åtkomst nekad' : status === 404 ? 'Finns inte' : status === 401 ? 'Inte inloggad' : 'Det gick inte';
    const back = status === 401 ? { href: '/login', label: 'Logga in' } : { href: req.auth ? '/tasks' : '/login', label: 'Tillbaka' };
    return sendPage(reply, messagePage({ user: req.auth?.user, csrfToken: req.auth?.session.csrfToken }, title, message, back), status);
  });

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${port}`;
  logger.info({ url, restAddress: config.restAddress }, 'local web listening');
  return {
    url,
    close: async () => {
      await app.close();
    },
  };
}
