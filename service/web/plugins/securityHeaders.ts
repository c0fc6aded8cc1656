import type { FastifyInstance } from 'fastify';
import { registerHelmet, securityHeaders, type CspDirectives } from '../../../lib/web/securityHeaders';

/** Pages: no scripts at all, styles only from our stylesheet, no framing. */
export const PAGE_CSP: CspDirectives = {
  'default-src': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** The embeddable status (R4): may be framed by intranet start pages and Hemvist. */
export const EMBED_CSP: CspDirectives = {
  'default-src': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'base-uri': ["'none'"],
  'frame-ancestors': ['*'],
};

/** Route options of the embeddable status: its own CSP and no X-Frame-Options (helmet's per-route settings). */
export const EMBED_HEADERS = { config: { helmet: { contentSecurityPolicy: { useDefaults: false as const, directives: EMBED_CSP }, xFrameOptions: false as const } } };

/**
 * Security headers on every response (helmet, lib/web/securityHeaders.ts); the embed route loosens
 * frame-ancestors with `EMBED_HEADERS`. Permissions-Policy (which helmet does not write) and a default
 * `Cache-Control: no-store` are added here.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  registerHelmet(app, securityHeaders(PAGE_CSP));
  // a callback hook, not an async one: no promise per response (issue #12)
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
