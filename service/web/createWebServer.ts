import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { Logger } from 'pino';
import { html } from '../../lib/html/html';
import { messagePage } from './views/noticeViews';
import { registerNoticeRoutes, type NoticeRoutesDeps } from './routes/noticeRoutes';
import { registerSecurityHeaders } from './plugins/securityHeaders';
import { SERVICE_CSS } from './views/styles';
import { isDatabaseBusy } from '../db';

/** The icon of the pages (a warning triangle on Region Skåne blue; the local web's too). */
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#083a66"/><path d="M16 6 L27 25 H5 Z" fill="#ffd400"/><rect x="14.8" y="12" width="2.4" height="7" fill="#1b1b1f"/><rect x="14.8" y="20.5" width="2.4" height="2.4" fill="#1b1b1f"/></svg>';

export interface WebServerDeps extends NoticeRoutesDeps {
  logger: Logger;
  /**
   * fastify's `trustProxy`: whose X-Forwarded-For to believe – the proxies' addresses or CIDRs (only those; `TRUST_PROXY`),
   * or nobody. Never `true` (then any client chooses its own address) nor a hop count (fastify 5.12 trusts nobody for a
   * number: it cannot tell a proxy from a client). Every throttle key uses the address fastify derives from it.
   */
  trustProxy?: false | string[];
  /** Secret that signs cookies (desk sessions). */
  cookieSecret: string;
  /** Further route sets (intake, outbox), registered after the notice page. */
  plugins?: ((app: FastifyInstance) => void | Promise<void>)[];
}

/**
 * The service's web server (fastify 5): the public notice page with feeds and subscriptions, and – through
 * `plugins` – the desk's intake and the local outbox. Server-rendered HTML, no scripts, strict CSP.
 */
export async function createWebServer(deps: WebServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger.child({ component: 'web' }) as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: deps.trustProxy ?? false,
    bodyLimit: 64 * 1024,
    // No child logger per request: pino runs its redaction over every child's bindings (issue #12: 4 % of a report's
    // time in a storm). Request logging is off; the few lines a request writes carry its url and status.
    childLoggerFactory: (logger) => logger,
  });
  await app.register(formbody);
  await app.register(cookie, { secret: deps.cookieSecret });
  // Limits are set where they apply (app.createRateLimit in the routes), keyed by lib/web/rateLimitKeys.ts.
  await app.register(rateLimit, { global: false });
  await registerSecurityHeaders(app);

  app.get('/assets/service.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SERVICE_CSS),
  );
  // the browser asks every page for an icon: one answer instead of a 404 each time
  app.get('/assets/favicon.svg', async (_request, reply) => reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON_SVG));
  app.get('/favicon.ico', async (_request, reply) => reply.redirect('/assets/favicon.svg', 301));
  app.get('/health', async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));

  registerNoticeRoutes(app, deps);
  for (const plugin of deps.plugins ?? []) await plugin(app);

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/')) return reply.code(404).send({ error: 'not_found', message: 'Adressen finns inte.' });
    return reply
      .code(404)
      .type('text/html; charset=utf-8')
      .send(messagePage('Sidan finns inte', html`<p>Adressen finns inte. <a href="/driftinfo">Till driftinformationen</a>.</p>`));
  });
  app.setErrorHandler(async (err, request, reply) => {
    // Issue #10 (fault suite): the database locked by another writer past the busy timeout is temporary – 503, not 500.
    if (isDatabaseBusy(err)) {
      request.log.warn({ code: (err as { code?: string }).code, url: request.routeOptions.url }, 'database busy: request refused, nothing stored');
      reply.code(503).header('retry-after', '5');
      const busy = 'Tjänsten är tillfälligt upptagen och inget sparades. Försök igen om en stund.';
      if (request.url.startsWith('/api/')) return reply.send({ error: 'busy', message: busy });
      return reply.type('text/html; charset=utf-8').send(messagePage('Tillfälligt upptaget', html`<p>${busy}</p>`, 'warn'));
    }
    const status = typeof (err as { statusCode?: number }).statusCode === 'number' ? (err as { statusCode: number }).statusCode : 500;
    if (status >= 500) request.log.error({ err, url: request.routeOptions.url }, 'request failed');
    else request.log.info({ status, code: (err as { code?: string }).code }, 'bad request');
    const message = status >= 500 ? 'Något gick fel hos oss. Försök igen om en stund.' : 'Begäran kunde inte tolkas.';
    if (request.url.startsWith('/api/')) return reply.code(status).send({ error: status >= 500 ? 'internal' : 'bad_request', message });
    return reply.code(status).type('text/html; charset=utf-8').send(messagePage('Något gick fel', html`<p>${message}</p>`, 'warn'));
  });
  return app;
}
