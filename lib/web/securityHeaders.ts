import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** A Content-Security-Policy as directive → sources, e.g. `{ 'default-src': ["'none'"] }`. */
export type CspDirectives = Record<string, string[]>;

/**
 * The security headers of both web servers (the service's and the local web's), as `helmet` options: exactly the
 * given CSP (helmet adds none of its defaults), `X-Frame-Options: DENY`, `Referrer-Policy: same-origin`, and helmet's
 * other defaults (nosniff, `Cross-Origin-Opener-Policy: same-origin`, `X-DNS-Prefetch-Control: off`, ...).
 * Off: HSTS – TLS ends in front of the service (the region's proxy decides it) and the local servers speak plain http –
 * and `Cross-Origin-Resource-Policy` – the notice page's embed script, status and feeds are fetched from other origins.
 */
export function securityHeaders(csp: CspDirectives): HelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: csp },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: false,
    crossOriginResourcePolicy: false,
  };
}

/** Route config (`config: { helmet }`) that changes one route's headers: options merged over the server's, or none. */
export interface SecurityHeadersRouteConfig {
  helmet?: HelmetOptions | false;
}

type Middleware = ReturnType<typeof helmet>;

/**
 * `helmet` on every response of a fastify server, with per-route changes (`config: { helmet }`). Each middleware is
 * built once – @fastify/helmet built it anew on every request, parsing the CSP each time (issue #12: a tenth of the
 * intake's time per report).
 */
export function registerHelmet(app: FastifyInstance, options: HelmetOptions): void {
  const server = helmet(options);
  const routes = new WeakMap<HelmetOptions, Middleware>();
  app.addHook('onRequest', (request, reply, done) => {
    const route = (request.routeOptions.config as SecurityHeadersRouteConfig | undefined)?.helmet;
    if (route === false) return done();
    let middleware = server;
    if (route) {
      middleware = routes.get(route) ?? helmet({ ...options, ...route } as HelmetOptions);
      routes.set(route, middleware);
    }
    middleware(request.raw, reply.raw, (err) => done(err instanceof Error ? err : undefined));
  });
}
