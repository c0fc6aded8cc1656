import { html } from '../../../lib/html/html';
import type { SafeHtml } from '../../../lib/html/SafeHtml';

export interface NavLink {
  href: string;
  label: string;
  current?: boolean;
}

export interface PageOptions {
  title: string;
  body: SafeHtml;
  nav?: NavLink[];
  /** `<link rel="alternate">` feeds for the notice page. */
  feeds?: { href: string; type: string; title: string }[];
  brand?: string;
  brandHref?: string;
}

const dateTimeFormat = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' });

/** A time in Swedish, Europe/Stockholm ("25 november 2026 09:14"), in a `<time>` element. */
export function time(iso: string | undefined): SafeHtml {
  if (!iso) return html``;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return html`${iso}`;
  return html`<time datetime="${d.toISOString()}">${dateTimeFormat.format(d)}</time>`;
}

export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFormat.format(d);
}

/** The frame of every page: Swedish, skip link, landmarks, one stylesheet, no scripts. */
export function page(options: PageOptions): string {
  const nav = options.nav ?? [];
  return `<!doctype html>${html`<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/service.css">
${(options.feeds ?? []).map((f) => html`<link rel="alternate" type="${f.type}" title="${f.title}" href="${f.href}">\n`)}
</head>
<body>
<a class="skip" href="#innehall">Hoppa till innehållet</a>
<header class="site">
<a class="brand" href="${options.brandHref ?? '/driftinfo'}">${options.brand ?? 'Driftinformation – Sesam'}</a>
${nav.length > 0 ? html`<nav aria-label="Huvudmeny"><ul>${nav.map((l) => html`<li><a href="${l.href}"${l.current ? html` aria-current="page"` : html``}>${l.label}</a></li>`)}</ul></nav>` : html``}
</header>
<main id="innehall" tabindex="-1">
${options.body}
</main>
<footer class="site">
<p>Hjälpmedel Skåne, Region Skåne. Driftinformation publiceras endast av Region Skånes IT-avdelning genom systemansvarig för Sesam.</p>
</footer>
</body>
</html>`}`;
}
