import { NOTICE_KIND_LABELS, NOTICE_STATE_LABELS, type Notice, type NoticeUpdate } from '../../notices';
import { SERVICE_DESK_PHONE } from '../../../contract';
import { html, paragraphs, safeUrl } from '../../../lib/html/html';
import { page, time, type NavLink } from './layout';
import type { SafeHtml } from '../../../lib/html/SafeHtml';

export const NOTICE_NAV: NavLink[] = [
  { href: '/driftinfo', label: 'Aktuell driftinformation' },
  { href: '/driftinfo#prenumerera', label: 'Prenumerera' },
  { href: '/driftinfo#floden', label: 'Flöden (RSS, Atom, JSON)' },
];

export const FEED_LINKS = [
  { href: '/driftinfo/rss.xml', type: 'application/rss+xml', title: 'Driftinformation Sesam (RSS)' },
  { href: '/driftinfo/atom.xml', type: 'application/atom+xml', title: 'Driftinformation Sesam (Atom)' },
  { href: '/driftinfo/feed.json', type: 'application/feed+json', title: 'Driftinformation Sesam (JSON Feed)' },
];

export function stateBadge(state: Notice['state']): SafeHtml {
  return html`<span class="state state-${state}">${NOTICE_STATE_LABELS[state]}</span>`;
}

function drillTag(notice: Pick<Notice, 'drill'>): SafeHtml {
  return notice.drill ? html`<span class="drill-tag">ÖVNING</span>` : html``;
}

function linksList(links: Notice['links']): SafeHtml {
  if (links.length === 0) return html``;
  return html`<h4 class="visually-hidden">Relaterade dokument</h4><ul class="links">${links.map(
    (l) => html`<li><a href="${safeUrl(l.url)}">${l.title}</a></li>`,
  )}</ul>`;
}

function updateItem(u: NoticeUpdate): SafeHtml {
  return html`<li id="uppdatering-${u.updateNumber}">
<p class="meta">${stateBadge(u.state)} Uppdatering ${u.updateNumber} · ${time(u.publishedAt)}</p>
<p><strong>${u.title}</strong></p>
${paragraphs(u.body)}
${u.prognosis ? html`<p><strong>Prognos:</strong> ${u.prognosis}</p>` : html``}
</li>`;
}

/** One notice as a card: state, title, body, prognosis, links (R22), earlier updates (P3). */
export function noticeCard(notice: Notice, options: { headingLevel?: 2 | 3; showUpdates?: boolean } = {}): SafeHtml {
  const heading = options.headingLevel === 2 ? html`<h2>${drillTag(notice)}<a href="${noticeHref(notice)}">${notice.title}</a></h2>` : html`<h3>${drillTag(notice)}<a href="${noticeHref(notice)}">${notice.title}</a></h3>`;
  const earlier = notice.updates.slice(1);
  return html`<article class="notice state-${notice.state}" aria-labelledby="notis-${notice.id}">
<div id="notis-${notice.id}">${heading}</div>
<p class="meta">${stateBadge(notice.state)} ${NOTICE_KIND_LABELS[notice.kind]} · Uppdaterad ${time(notice.updatedAt)} · Publicerad ${time(notice.publishedAt)}</p>
${paragraphs(notice.body)}
${notice.prognosis ? html`<p><strong>Prognos:</strong> ${notice.prognosis}</p>` : html``}
${linksList(notice.links)}
${options.showUpdates !== false && earlier.length > 0
    ? html`<details${options.showUpdates ? html` open` : html``}><summary>Tidigare uppdateringar (${earlier.length})</summary><ol class="updates" reversed>${earlier.map(updateItem)}</ol></details>`
    : html``}
</article>`;
}

export function noticeHref(notice: Pick<Notice, 'id'>): string {
  return `/driftinfo/meddelande/${encodeURIComponent(notice.id)}`;
}

/** R17, R21: the backup routine applies – a clear banner with its links. */
export function backupBanner(notice: Notice): SafeHtml {
  return html`<section class="banner" role="region" aria-labelledby="reservrutin-rubrik">
<h2 id="reservrutin-rubrik">${drillTag(notice)}Reservrutin för akuta ortopedtekniska remisser gäller</h2>
<p>Sesam har varit otillgängligt i mer än fyra timmar utan prognos. Skicka <strong>akuta OT-remisser på papper</strong> per fax eller post till Aktiv Ortopedteknik. Remisserna registreras i Sesam när systemet fungerar igen.</p>
<p><strong>${notice.title}</strong> (${NOTICE_STATE_LABELS[notice.state]}, uppdaterad ${time(notice.updatedAt)})</p>
${paragraphs(notice.body)}
${linksList(notice.links)}
<p><a href="${noticeHref(notice)}">Läs hela meddelandet</a></p>
</section>`;
}

export interface NoticePageModel {
  current: Notice[];
  past: Notice[];
  backupRoutine?: Notice;
  drill: boolean;
  subscription?: SafeHtml;
  baseUrl: string;
}

/** The public notice page "Driftinformation – Sesam" (R3, R4, R21, R22, P3, P9). */
export function noticePage(model: NoticePageModel): string {
  const drillNote = model.drill
    ? html`<p class="drill" role="note">ÖVNING – den här vyn visar övningsmeddelanden. De syns inte för allmänheten och skickas inte ut.</p>`
    : html``;
  const feedSuffix = model.drill ? '?ovning=1' : '';
  const body = html`
${drillNote}
<h1>Driftinformation – Sesam</h1>
<p>Aktuell driftinformation för beställningssystemen Sesam S2, Websesam och Visma webSesam. Informationen publiceras av Region Skånes IT genom systemansvarig för Sesam.</p>
${model.backupRoutine ? backupBanner(model.backupRoutine) : html``}
<section aria-labelledby="aktuellt">
<h2 id="aktuellt">Aktuellt</h2>
${model.current.length === 0
    ? html`<p class="ok">Inga kända störningar i Sesam just nu.</p>`
    : model.current.map((n) => noticeCard(n))}
<p>Fungerar Sesam inte för dig och det inte står här? Ring IT:s servicedesk på <strong>${SERVICE_DESK_PHONE}</strong>.</p>
</section>
<section aria-labelledby="tidigare">
<h2 id="tidigare">Tidigare driftinformation</h2>
${model.past.length === 0 ? html`<p>Inga tidigare meddelanden.</p>` : model.past.map((n) => noticeCard(n, { showUpdates: false }))}
</section>
${model.subscription ?? html``}
<section aria-labelledby="floden" id="floden-sektion">
<h2 id="floden">Flöden och inbäddning</h2>
<ul class="feeds" id="floden-lista">
<li><a href="/driftinfo/rss.xml${feedSuffix}">RSS 2.0</a></li>
<li><a href="/driftinfo/atom.xml${feedSuffix}">Atom</a></li>
<li><a href="/driftinfo/feed.json${feedSuffix}">JSON Feed</a></li>
</ul>
<p>Visa aktuell status på intranätets startsida eller en Hemvist:</p>
<pre>${`<script src="${model.baseUrl}/driftinfo/embed.js" async></script>`}</pre>
<p>eller som ram:</p>
<pre>${`<iframe src="${model.baseUrl}/driftinfo/embed" title="Driftinformation Sesam" style="border:0;width:100%;height:9rem"></iframe>`}</pre>
</section>`;
  return page({ title: model.drill ? 'ÖVNING – Driftinformation – Sesam' : 'Driftinformation – Sesam', body, nav: NOTICE_NAV, feeds: FEED_LINKS });
}

export function subscriptionForm(options: { email?: string; error?: string } = {}): SafeHtml {
  return html`<section aria-labelledby="prenumerera" id="prenumerera-sektion">
<h2 id="prenumerera">Prenumerera via e-post</h2>
<p>Få ett e-postmeddelande när driftinformation om Sesam publiceras eller uppdateras. Du bekräftar prenumerationen via en länk i ett e-postmeddelande och kan avsluta den med ett klick.</p>
<form method="post" action="/driftinfo/prenumeration" novalidate>
<div class="field">
<label for="prenumeration-epost">E-postadress</label>
${options.error ? html`<span class="field-error" id="prenumeration-fel">${options.error}</span>` : html``}
<input type="email" id="prenumeration-epost" name="email" autocomplete="email" required value="${options.email ?? ''}"${options.error ? html` aria-invalid="true" aria-describedby="prenumeration-fel" autofocus` : html``}>
</div>
<button type="submit">Prenumerera</button>
</form>
</section>`;
}

/** One notice with all its updates. */
export function noticeDetailPage(notice: Notice): string {
  const body = html`
${notice.drill ? html`<p class="drill" role="note">ÖVNING – detta är ett övningsmeddelande.</p>` : html``}
<p><a href="/driftinfo${notice.drill ? '?ovning=1' : ''}">← All driftinformation</a></p>
<h1>${drillTag(notice)}${notice.title}</h1>
<p class="meta">${stateBadge(notice.state)} ${NOTICE_KIND_LABELS[notice.kind]} · Uppdaterad ${time(notice.updatedAt)}</p>
${paragraphs(notice.body)}
${notice.prognosis ? html`<p><strong>Prognos:</strong> ${notice.prognosis}</p>` : html``}
<h2>Relaterade dokument</h2>
<ul class="links">${notice.links.map((l) => html`<li><a href="${safeUrl(l.url)}">${l.title}</a></li>`)}</ul>
<h2>Uppdateringar</h2>
<ol class="updates" reversed>${notice.updates.map(updateItem)}</ol>`;
  return page({ title: `${notice.drill ? 'ÖVNING – ' : ''}${notice.title} – Driftinformation Sesam`, body, nav: NOTICE_NAV, feeds: FEED_LINKS });
}

/** A short message page (subscription steps, not found). */
export function messagePage(title: string, content: SafeHtml, status: 'ok' | 'warn' | 'plain' = 'plain'): string {
  const cls = status === 'plain' ? 'box' : status;
  return page({ title: `${title} – Driftinformation Sesam`, body: html`<h1>${title}</h1><div class="${cls}">${content}</div>`, nav: NOTICE_NAV });
}

/** The iframe-able snippet for intranet start pages and Hemvist (R4). */
export function embedPage(current: Notice[], backupRoutine: Notice | undefined, baseUrl: string): string {
  const top = current[0];
  const content = top
    ? html`<div class="status"><strong>Sesam: ${NOTICE_STATE_LABELS[top.state]}</strong> – <a href="${baseUrl}${noticeHref(top)}" target="_top">${top.title}</a>${current.length > 1 ? html` (${current.length} aktuella meddelanden)` : html``}${backupRoutine ? html`<br><strong>Reservrutin för akuta OT-remisser gäller.</strong>` : html``}<br><span class="meta">Uppdaterad ${time(top.updatedAt)}</span></div>`
    : html`<div class="status"><strong>Sesam: Inga kända störningar.</strong> <a href="${baseUrl}/driftinfo" target="_top">Driftinformation</a></div>`;
  return `<!doctype html>${html`<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Driftinformation Sesam</title><link rel="stylesheet" href="/assets/service.css"></head><body class="embed-body">${content}</body></html>`}`;
}
