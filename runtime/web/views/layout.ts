import type { LocalUser } from '../auth/UserDirectory';
import { html, type HtmlValue, type SafeHtml } from '../html/escape';
import { formatDateTime, formatDuration, realNow } from '../../../lib/timeline/format';
import { groupLabel } from '../../../lib/timeline/labels';
import { ROLES } from '../../../contract/roles';
import { staffNav, type StaffNavOptions } from '../../../lib/web/staffNav';

/** Who sees the dashboard ("Uppföljning"): VO Hjälpmedel (owns the routine, R5, R10) and the system owner (R2, R11). */
const DASHBOARD_GROUPS: string[] = [ROLES.assistiveDevicesOperation.group, ROLES.systemOwner.group];

export function canSeeDashboard(user: LocalUser): boolean {
  return user.groups.some((g) => DASHBOARD_GROUPS.includes(g));
}

export interface PageContext {
  user?: LocalUser;
  csrfToken?: string;
  /** The runtime's clock (epoch ms) when known. */
  clock?: number;
  /** Which top navigation item is current. */
  section?: 'tasks' | 'cockpit' | 'dashboard';
  /** The other server's pages for the one navigation (the service's intake, /it, notices). */
  nav?: StaffNavOptions;
}

export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** Extra elements for the head (styles). */
  head?: HtmlValue;
  /** Bundles to load (`/assets/<name>.js`). */
  scripts?: string[];
  /** A notice shown at the top (fixed texts only). */
  flash?: { kind: 'ok' | 'error'; text: string };
  /** Exercise run (P9). */
  drill?: boolean;
}

/** Shown when the runtime's clock is more than a minute off real time (tests, drills: P9). */
const CLOCK_TOLERANCE_MS = 60_000;

export function clockBanner(clock: number | undefined): SafeHtml {
  if (clock === undefined) return html``;
  const offset = clock - realNow();
  if (Math.abs(offset) < CLOCK_TOLERANCE_MS) return html``;
  return html`<div class="banner banner-clock" role="status">
    <strong>Körmiljöns klocka är flyttad:</strong> ${formatDateTime(clock)}
    (${offset > 0 ? '+' : '−'}${formatDuration(Math.abs(offset))} mot verklig tid). Tider i rutinen räknas från denna klocka.
  </div>`;
}

export function drillBanner(): SafeHtml {
  return html`<div class="banner banner-drill" role="note"><strong>ÖVNING</strong> – denna störning körs som övning. Inget skickas utanför den lokala miljön.</div>`;
}

export function page(ctx: PageContext, opts: PageOptions): SafeHtml {
  const user = ctx.user;
  return html`<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} – Driftstörning Sesam (lokal)</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/local-web.css">
${opts.head}
</head>
<body${opts.drill ? html` class="is-drill"` : ''}>
<a class="skip-link" href="#main">Hoppa till innehållet</a>
<header class="site-header">
  <div class="site-header-inner">
    <a class="brand" href="/">Driftstörning Sesam <span class="brand-sub">lokal körmiljö</span></a>
    ${user
      ? html`<nav aria-label="Huvudmeny" class="main-nav">
          <ul>
            ${staffNav(user.groups, { ...ctx.nav, localWeb: '' }).map(
              (l) => html`<li><a href="${l.href}"${l.id === ctx.section ? html` aria-current="page"` : ''}>${l.label}</a></li>`,
            )}
          </ul>
        </nav>
        <div class="user-box">
          <span class="user-name" title="${user.groups.map(groupLabel).join(', ')}">${user.name}
            <span class="user-groups">${user.groups.map(groupLabel).join(', ')}</span></span>
          <form method="post" action="/logout" class="inline-form">
            <input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">
            <button type="submit" class="button button-quiet">Logga ut</button>
          </form>
        </div>`
      : ''}
  </div>
</header>
${opts.drill ? drillBanner() : ''}
${clockBanner(ctx.clock)}
<main id="main" tabindex="-1">
${opts.flash ? html`<div class="flash flash-${opts.flash.kind}" role="${opts.flash.kind === 'error' ? 'alert' : 'status'}">${opts.flash.text}</div>` : ''}
${opts.body}
</main>
<footer class="site-footer">Lokal ersättare för Camunda Tasklist och Operate – endast för den lokala körmiljön.</footer>
${(opts.scripts ?? []).map((s) => html`<script src="/assets/${s}.js" defer></script>`)}
</body>
</html>`;
}

/** A page with just a message (errors, not found, forbidden). */
export function messagePage(ctx: PageContext, title: string, text: string, back?: { href: string; label: string }): SafeHtml {
  return page(ctx, {
    title,
    body: html`<h1>${title}</h1><p>${text}</p>${back ? html`<p><a href="${back.href}">${back.label}</a></p>` : ''}`,
  });
}
