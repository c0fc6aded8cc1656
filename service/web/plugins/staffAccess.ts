import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DeskAuth, DeskSession, DeskUser } from './DeskAuth';
import { html } from '../../../lib/html/html';
import { page } from '../views/layout';

/** Where a signed-in user may be sent after sign-in (never an arbitrary URL). */
const LANDINGS = ['/intag', '/it'] as const;

export function safeNext(value: unknown): string | undefined {
  return typeof value === 'string' && (LANDINGS as readonly string[]).includes(value) ? value : undefined;
}

/** The desk lands on the intake, IT and VO Hjälpmedel on the IT page. */
export function landingFor(user: Pick<DeskUser, 'groups'>, next?: string): string {
  if (next === '/intag' && user.groups.includes('desk')) return next;
  if (next === '/it' && (user.groups.includes('system-owner') || user.groups.includes('assistive-devices-operation'))) return next;
  return user.groups.includes('desk') ? '/intag' : '/it';
}

/**
 * A signed-in user of one of `groups`, or: a redirect to sign-in (not signed in) / a 403 page (other group).
 * Checked on the server for every request.
 */
export function requireGroup(auth: DeskAuth, request: FastifyRequest, reply: FastifyReply, groups: string | string[], landing: string): DeskSession | undefined {
  const allowed = Array.isArray(groups) ? groups : [groups];
  const session = auth.session(request);
  if (!session) {
    void reply.redirect(`/intag/logga-in?nasta=${encodeURIComponent(landing)}`, 303);
    return undefined;
  }
  if (!session.groups.some((g) => allowed.includes(g))) {
    void reply
      .code(403)
      .type('text/html; charset=utf-8')
      .send(
        page({
          title: 'Ingen behörighet',
          body: html`<h1>Ingen behörighet</h1><p class="warn">Du är inloggad som <strong>${session.name}</strong>, men sidan är till för en annan roll.</p><p><a href="${landingFor(session)}">Till din sida</a></p>`,
        }),
      );
    return undefined;
  }
  return session;
}
