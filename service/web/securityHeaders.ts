import type { FastifyInstance } from 'fastify';

/** Pages: no scripts at all, styles only from our stylesheet, no framing. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/** The embeddable status (R4): may be framed by intranet start pages and Hemvist. */
export const EMBED_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors *";

/** Security headers on every response; routes may loosen frame-ancestors (embed) by setting their own CSP. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', PAGE_CSP);
    if (!reply.hasHeader('x-frame-options') && !String(reply.getHeader('content-security-policy')).includes('frame-ancestors *')) {
      reply.header('x-frame-options', 'DENY');
    }
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
