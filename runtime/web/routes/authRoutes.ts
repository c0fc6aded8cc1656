import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { SessionStore } from '../auth/SessionStore';
import { HttpError } from '../HttpError';
import type { WebContext } from '../WebContext';
import { loginPage } from '../views/loginPage';
import { LOCAL_SESSION_COOKIES, SHARED_SIGN_IN_COOKIE } from '../../../lib/auth/SharedSignIn';
import { sendPage } from './requestHelpers';
import { swedishWait } from '../../../lib/auth/signInPolicy';

export const SESSION_COOKIE = 'lw_session';
const LOGIN_CSRF_COOKIE = 'lw_login_csrf';
/** The local web's own cookies: HttpOnly, SameSite=Strict, for the whole site (unsigned: the values are random tokens). */
const COOKIE: CookieSerializeOptions = { path: '/', httpOnly: true, sameSite: 'strict' };
export const SESSION_COOKIE_OPTIONS = COOKIE;

const HOME = '/tasks';
const SELF = 'http://local-web.invalid';

/**
 * Where to go after signing in: a page of this site, as the browser will read it (issue #10: `/\t/evil.example` was
 * `//evil.example` to a browser, which drops tabs and newlines and reads `\` as `/`). The path is normalised by the
 * URL parser, must stay on this origin and lead to the task list or the cockpit; anything else goes to the task list.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000 || !next.startsWith('/')) return HOME;
  // Control characters and backslashes have no place in our links; browsers would drop or turn them.
  if ([...next].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f' || c === '\\')) return HOME;
  let url: URL;
  try {
    url = new URL(next, SELF);
  } catch {
    return HOME;
  }
  if (url.origin !== SELF) return HOME;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return /^\/(?:tasks|cockpit)(?:[/?#]|$)/.test(path) ? path : HOME;
}

/** Sign in and out. Login CSRF: a double-submit token (cookie + hidden field), before any session exists. */
export function authRoutes(app: FastifyInstance, ctx: WebContext): void {
  app.get('/login', async (req, reply) => {
    // One token per browser (not per page view): several open login tabs all stay valid.
    const existing = req.cookies[LOGIN_CSRF_COOKIE];
    const token = existing && /^[A-Za-z0-9_-]{32}$/.test(existing) ? existing : randomBytes(24).toString('base64url');
    reply.setCookie(LOGIN_CSRF_COOKIE, token, COOKIE);
    const next = (req.query as Record<string, unknown>).next;
    return sendPage(reply, loginPage({ csrfToken: token, next: typeof next === 'string' ? safeNext(next) : undefined }));
  });

  app.post('/login', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const cookieToken = req.cookies[LOGIN_CSRF_COOKIE] ?? '';
    const formToken = typeof body._csrf === 'string' ? body._csrf : '';
    const fresh = cookieToken && /^[A-Za-z0-9_-]{32}$/.test(cookieToken) ? cookieToken : randomBytes(24).toString('base64url');
    const csrfOk = cookieToken.length > 0 && cookieToken.length === formToken.length && timingSafeEqual(Buffer.from(cookieToken), Buffer.from(formToken));
    const userId = typeof body.userId === 'string' ? body.userId.slice(0, 100) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 500) : '';
    const next = safeNext(body.next);
    if (!csrfOk) {
      reply.setCookie(LOGIN_CSRF_COOKIE, fresh, COOKIE);
      return sendPage(reply, loginPage({ csrfToken: fresh, userId, next, error: 'Sidan var för gammal. Försök logga in igen.' }), 403);
    }
    const waitMs = ctx.loginThrottle.lockedFor(req);
    if (waitMs > 0) {
      reply.setCookie(LOGIN_CSRF_COOKIE, fresh, COOKIE);
      reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
      return sendPage(reply, loginPage({ csrfToken: fresh, userId, next, error: `För många misslyckade inloggningar. Försök igen om ${swedishWait(waitMs)}.` }), 429);
    }
    const user = userId && password ? await ctx.users.authenticate(userId, password) : undefined;
    if (!user) {
      if (userId) ctx.loginThrottle.recordFailure(req);
      ctx.logger.info({ event: 'login-failed' }, 'sign-in refused');
      reply.setCookie(LOGIN_CSRF_COOKIE, fresh, COOKIE);
      return sendPage(reply, loginPage({ csrfToken: fresh, userId, next, error: 'Fel användarnamn eller lösenord.' }), 401);
    }
    ctx.loginThrottle.recordSuccess(req);
    const old = req.cookies[SESSION_COOKIE];
    if (old) ctx.sessions.destroy(old);
    const session = ctx.sessions.create(user.id);
    reply.setCookie(SESSION_COOKIE, session.id, COOKIE);
    if (ctx.sharedSignIn) reply.setCookie(SHARED_SIGN_IN_COOKIE, ctx.sharedSignIn.issue(user.id), { ...COOKIE, maxAge: ctx.sharedSignIn.maxAgeSeconds });
    reply.clearCookie(LOGIN_CSRF_COOKIE, COOKIE);
    ctx.logger.info({ userId: user.id, event: 'login' }, 'signed in');
    return reply.redirect(next, 303);
  });

  // Public: an expired session just lands on the sign-in page. With a session, the CSRF token is required.
  app.post('/logout', async (req, reply) => {
    if (req.auth) {
      const token = req.headers['x-csrf-token'] ?? ((req.body ?? {}) as Record<string, unknown>)._csrf;
      if (!SessionStore.csrfMatches(req.auth.session, token)) throw new HttpError(403, 'Formuläret saknar en giltig säkerhetstoken. Ladda om sidan och försök igen.');
      ctx.sessions.destroy(req.auth.session.id);
    }
    reply.clearCookie(SESSION_COOKIE, COOKIE);
    // one sign-in: signing out here signs out of /intag and /it too (same host, other port)
    if (ctx.sharedSignIn) for (const name of [SHARED_SIGN_IN_COOKIE, ...LOCAL_SESSION_COOKIES]) reply.clearCookie(name, COOKIE);
    return reply.redirect('/login', 303);
  });
}
