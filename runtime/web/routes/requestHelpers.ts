import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Auth } from '../WebContext';
import { HttpError } from '../HttpError';
import type { SafeHtml } from '../html/escape';
import type { PageContext, PageOptions } from '../views/layout';

export function auth(req: FastifyRequest): Auth {
  if (!req.auth) throw new HttpError(401, 'Du behöver logga in.');
  return req.auth;
}

export function sendPage(reply: FastifyReply, body: SafeHtml, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body.value);
}

export function pageContext(req: FastifyRequest, clock: number | undefined): PageContext {
  return { user: req.auth?.user, csrfToken: req.auth?.session.csrfToken, clock, nav: req.staffNav };
}

/** Engine keys are decimal strings; anything else in a path is a 404, never passed on. */
export function keyParam(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{1,40}$/.test(value)) throw new HttpError(404, 'Sidan finns inte.');
  return value;
}

const FLASH: Record<string, NonNullable<PageOptions['flash']>> = {
  claimed: { kind: 'ok', text: 'Uppgiften är tilldelad dig.' },
  unclaimed: { kind: 'ok', text: 'Uppgiften är lämnad tillbaka till gruppen.' },
  completed: { kind: 'ok', text: 'Uppgiften är slutförd.' },
  retried: { kind: 'ok', text: 'Nya försök är beställda och incidenten är löst.' },
};

/** Fixed confirmation texts selected by `?ok=<id>` (no user text is ever echoed). */
export function flashFrom(req: FastifyRequest): PageOptions['flash'] {
  const ok = (req.query as Record<string, unknown> | undefined)?.ok;
  return typeof ok === 'string' ? FLASH[ok] : undefined;
}

export function wantsJson(req: FastifyRequest): boolean {
  return (req.headers['content-type'] ?? '').includes('application/json') || (req.headers.accept ?? '').startsWith('application/json');
}
