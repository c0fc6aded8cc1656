import type { FastifyHelmetOptions } from '@fastify/helmet';

/** A Content-Security-Policy as directive → sources, e.g. `{ 'default-src': ["'none'"] }`. */
export type CspDirectives = Record<string, string[]>;

/**
 * The security headers of both web servers (the service's and the local web's), for `@fastify/helmet`: exactly the
 * given CSP (helmet adds none of its defaults), `X-Frame-Options: DENY`, `Referrer-Policy: same-origin`, and helmet's
 * other defaults (nosniff, `Cross-Origin-Opener-Policy: same-origin`, `X-DNS-Prefetch-Control: off`, ...).
 * Off: HSTS – TLS ends in front of the service (the region's proxy decides it) and the local servers speak plain http –
 * and `Cross-Origin-Resource-Policy` – the notice page's embed script, status and feeds are fetched from other origins.
 */
export function securityHeaders(csp: CspDirectives): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: csp },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: false,
    crossOriginResourcePolicy: false,
  };
}

