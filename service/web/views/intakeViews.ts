import { PRODUCT_AREAS } from '../../../contract';
import type { CallerScript } from './callerScript';
import type { OpenDisruption } from '../../intake/DisruptionRegistry';
import type { StoredReport } from '../../intake/ReportStore';
import { CHANNEL_LABELS, PRODUCT_AREA_LABELS } from '../../intake/intakeSchemas';
import { NOTICE_STATE_LABELS, type Notice } from '../../notices';
import { html, safeUrl } from '../../../lib/html/html';
import { page, time, type NavLink } from './layout';
import { staffNav } from '../../../lib/web/staffNav';
import type { SafeHtml } from '../../../lib/html/SafeHtml';

const BRAND = 'Intag – Hjälpmedel Administration';

function nav(signedIn: boolean, outbox: boolean, staff?: { localWebUrl?: string; groups?: string[] }): NavLink[] {
  // one navigation with the local task list, cockpit and dashboard (npm start)
  if (signedIn && staff?.localWebUrl) {
    return staffNav(staff.groups ?? [], { localWeb: staff.localWebUrl, service: '', outbox }).map((l) => ({ href: l.href, label: l.label, current: l.id === 'intake' }));
  }
  return [
    { href: '/intag', label: 'Logga samtal' },
    { href: '/driftinfo', label: 'Driftinformation' },
    ...(outbox ? [{ href: '/utkorg', label: 'Utkorg (lokal)' }] : []),
    ...(signedIn ? [] : [{ href: '/intag/logga-in', label: 'Logga in' }]),
  ];
}

export interface IntakeFormValues {
  reporterName?: string;
  unit?: string;
  productArea?: string;
  symptom?: string;
  reporterPhone?: string;
  reporterEmail?: string;
  channel?: string;
  deskOnly?: string;
  drill?: boolean;
}

function errorFor(errors: Record<string, string>, field: string): SafeHtml {
  return errors[field] ? html`<span class="field-error" id="fel-${field}">${errors[field]}</span>` : html``;
}
function invalid(errors: Record<string, string>, field: string, hintId?: string): SafeHtml {
  if (errors[field]) return html` aria-invalid="true" aria-describedby="fel-${field}${hintId ? ` ${hintId}` : ''}"`;
  return hintId ? html` aria-describedby="${hintId}"` : html``;
}

const FIELD_LABELS: Record<string, string> = {
  reporterName: 'Förskrivarens namn',
  unit: 'Enhet',
  productArea: 'Produktområde',
  symptom: 'Vad fungerar inte?',
  reporterPhone: 'Telefonnummer',
  reporterEmail: 'E-post',
  channel: 'Hur kom anmälan in?',
};

export function signOutForm(session: { name: string; csrf: string }): SafeHtml {
  return html`<form method="post" action="/intag/logga-ut" class="meta">Inloggad som <strong>${session.name}</strong> <input type="hidden" name="_csrf" value="${session.csrf}"> <button type="submit" class="secondary">Logga ut</button></form>`;
}

/** R6, P1: the desk logs a prescriber's call in seconds. */
export function intakeFormPage(options: {
  session: { name: string; csrf: string; groups?: string[] };
  values?: IntakeFormValues;
  errors?: Record<string, string>;
  recent: StoredReport[];
  openNotices: Notice[];
  openDisruptions: (OpenDisruption & { reportCount: number })[];
  outbox: boolean;
  /** The local task list's base URL (npm start): the menu links it. */
  localWebUrl?: string;
}): string {
  const v = options.values ?? {};
  const errors = options.errors ?? {};
  const errorKeys = Object.keys(errors);
  const channel = v.channel ?? 'phone';
  const body = html`
${signOutForm(options.session)}
<h1>Logga ett samtal om Sesam</h1>
${errorKeys.length > 0
    ? html`<div class="error-summary" role="alert" aria-labelledby="felrubrik" tabindex="-1" autofocus><h2 id="felrubrik">Rätta följande</h2><ul>${errorKeys.map(
        (k) => html`<li><a href="#${k === '_' ? 'reporterName' : k}">${FIELD_LABELS[k] ? `${FIELD_LABELS[k]}: ` : ''}${errors[k]}</a></li>`,
      )}</ul></div>`
    : html``}
${options.openDisruptions.length > 0
    ? html`<section class="warn" aria-labelledby="pagaende"><h2 id="pagaende">Pågående driftstörning</h2><ul>${options.openDisruptions.map((d) => {
        const notice = options.openNotices.find((n) => n.disruptionId === d.disruptionId);
        return html`<li>${d.drill ? html`<span class="drill-tag">ÖVNING</span>` : html``}<strong>${d.disruptionId}</strong>, startad ${time(d.reportedAt)}, ${d.reportCount} ${d.reportCount === 1 ? 'anmälan' : 'anmälningar'}${notice ? html` – driftinformation: ${NOTICE_STATE_LABELS[notice.state]} (${notice.title})` : html` – driftinformation ännu inte publicerad`}</li>`;
      })}</ul><p>Nya samtal kopplas till den pågående störningen när de passar dess omfattning. Når den som ringer inte Sesam medan bara Hjälpmedel Administration saknar kontakt startar en ny driftstörning.</p></section>`
    : html``}
<form method="post" action="/intag" novalidate>
<input type="hidden" name="_csrf" value="${options.session.csrf}">
<div class="field">
<label for="reporterName">Förskrivarens namn</label>
${errorFor(errors, 'reporterName')}
<input type="text" id="reporterName" name="reporterName" autocomplete="off"${errorKeys.length === 0 ? html` autofocus` : html``} required value="${v.reporterName ?? ''}"${invalid(errors, 'reporterName')}>
</div>
<div class="field">
<label for="unit">Enhet <span class="hint">(vårdenhet eller beställande enhet)</span></label>
${errorFor(errors, 'unit')}
<input type="text" id="unit" name="unit" autocomplete="off" value="${v.unit ?? ''}"${invalid(errors, 'unit')}>
</div>
<div class="field">
<label for="productArea">Produktområde</label>
${errorFor(errors, 'productArea')}
<select id="productArea" name="productArea"${invalid(errors, 'productArea')}>
<option value="">Vet ej / alla</option>
${PRODUCT_AREAS.map((a) => html`<option value="${a}"${v.productArea === a ? html` selected` : html``}>${PRODUCT_AREA_LABELS[a]}</option>`)}
</select>
</div>
<div class="field">
<label for="symptom">Vad fungerar inte?</label>
${errorFor(errors, 'symptom')}
<span class="hint" id="symptom-hint">Till exempel: "Kommer inte in i webSesam, felmeddelande vid inloggning".</span>
<textarea id="symptom" name="symptom" rows="3"${invalid(errors, 'symptom', 'symptom-hint')}>${v.symptom ?? ''}</textarea>
</div>
<div class="field">
<label for="reporterPhone">Telefonnummer</label>
${errorFor(errors, 'reporterPhone')}
<span class="hint" id="kontakt-hint">Telefon eller e-post behövs, så att förskrivaren kan nås när Sesam fungerar igen.</span>
<input type="tel" id="reporterPhone" name="reporterPhone" autocomplete="off" inputmode="tel" value="${v.reporterPhone ?? ''}"${invalid(errors, 'reporterPhone', 'kontakt-hint')}>
</div>
<div class="field">
<label for="reporterEmail">E-post <span class="hint">(valfritt)</span></label>
${errorFor(errors, 'reporterEmail')}
<input type="email" id="reporterEmail" name="reporterEmail" autocomplete="off" value="${v.reporterEmail ?? ''}"${invalid(errors, 'reporterEmail')}>
</div>
<fieldset id="deskOnly">
<legend>Vem når inte Sesam?</legend>
<label class="choice" for="deskOnly-false"><input type="radio" id="deskOnly-false" name="deskOnly" value="false"${v.deskOnly === 'true' ? html`` : html` checked`}> Den som ringer (förskrivare eller beställare)</label>
<label class="choice" for="deskOnly-true"><input type="radio" id="deskOnly-true" name="deskOnly" value="true"${v.deskOnly === 'true' ? html` checked` : html``}> Bara vi på Hjälpmedel Administration – förskrivarna når Sesam</label>
</fieldset>
<fieldset id="channel">
<legend>Hur kom anmälan in?</legend>
${errorFor(errors, 'channel')}
${(['phone', 'e-mail', 'other'] as const).map(
    (c) => html`<label class="choice" for="channel-${c}"><input type="radio" id="channel-${c}" name="channel" value="${c}"${channel === c ? html` checked` : html``}> ${CHANNEL_LABELS[c]}</label>`,
  )}
</fieldset>
<div class="field">
<label class="choice" for="drill"><input type="checkbox" id="drill" name="drill" value="true"${v.drill ? html` checked` : html``}> Övning – ingenting skickas ut</label>
</div>
<button type="submit">Logga samtalet</button>
</form>
<h2>Senaste anmälningar</h2>
${options.recent.length === 0
    ? html`<p>Inga anmälningar ännu.</p>`
    : html`<table><caption class="visually-hidden">Senaste anmälningar</caption><thead><tr><th scope="col">Tid</th><th scope="col">Förskrivare</th><th scope="col">Driftstörning</th><th scope="col">Status</th></tr></thead><tbody>${options.recent.map(
        (r) => html`<tr><td><a href="/intag/anmalan/${r.report.reportId}">${time(r.report.receivedAt)}</a></td><td>${r.report.reporterName ?? CHANNEL_LABELS[r.report.channel]}${r.report.unit ? html`, ${r.report.unit}` : html``}</td><td>${r.drill ? html`<span class="drill-tag">ÖVNING</span>` : html``}${r.disruptionId ?? '–'}</td><td>${statusText(r)}</td></tr>`,
      )}</tbody></table>`}`;
  return page({ title: errorKeys.length ? `Fel i formuläret – ${BRAND}` : BRAND, body, nav: nav(true, options.outbox), brand: BRAND, brandHref: '/intag' });
}

function statusText(r: StoredReport): string {
  if (r.status === 'pending') return r.lastError ? 'Sparad, väntar på processmotorn' : 'Registrerad, skickas till processmotorn';
  return r.outcome === 'started' ? 'Ny driftstörning startad' : 'Kopplad till pågående driftstörning';
}

/** R6, R16: after logging – what the desk tells the caller. */
export function reportResultPage(options: {
  session: { name: string; csrf: string; groups?: string[] };
  stored: StoredReport;
  /** The report is the first of a disruption the intake allocated for it (still on its way to the engine). */
  startsNew?: boolean;
  notice?: Notice;
  script: CallerScript;
  outbox: boolean;
  localWebUrl?: string;
}): string {
  const { stored } = options;
  // Issue #12: the report is assigned at once; the engine gets it moments later (or, when it is down, once it is back).
  const startsNew = stored.status === 'pending' ? options.startsNew === true : stored.outcome === 'started';
  const waiting = stored.status === 'pending' && stored.lastError;
  const status = waiting
    ? html`<div class="warn" role="status"><p><strong>Anmälan är sparad${stored.disruptionId ? html` och hör till ${stored.disruptionId}` : html``} men har ännu inte nått processmotorn.</strong> Den skickas automatiskt så snart förbindelsen fungerar – du behöver inte logga samtalet igen. (Senaste försök misslyckades.)</p><p><a href="/intag/anmalan/${stored.report.reportId}">Kontrollera igen</a></p></div>`
    : startsNew
      ? html`<div class="ok" role="status"><p><strong>Ny driftstörning registrerad: ${stored.disruptionId}.</strong> Nästa steg: bedöm omfattningen (uppgiften "Bedöm omfattning" i uppgiftslistan). Väljer du att Sesam inte nås av någon användare underrättas systemansvarig direkt, och leverantören kontaktas.</p></div>`
      : html`<div class="ok" role="status"><p><strong>Kopplad till pågående driftstörning ${stored.disruptionId}.</strong></p></div>`;
  const body = html`
${signOutForm(options.session)}
${stored.drill ? html`<p class="drill" role="note">ÖVNING – den här anmälan hör till en övning.</p>` : html``}
<h1>Samtalet är loggat</h1>
${status}
<section class="say" aria-labelledby="sag-till">
<h2 id="sag-till">Säg till den som ringer</h2>
${options.script.lines.map((l) => html`<p>"${l.text}${l.link ? html` <a href="${safeUrl(l.link)}">${l.link}</a>` : html``}"</p>`)}
${options.notice ? html`<p>Aktuellt läge: <strong>${NOTICE_STATE_LABELS[options.notice.state]}</strong> – ${options.notice.title}${options.notice.prognosis ? html`. Prognos: ${options.notice.prognosis}` : html``}</p>` : html``}
</section>
<h2>Anmälan</h2>
<dl>
<dt>Förskrivare</dt><dd>${stored.report.reporterName ?? '–'}</dd>
<dt>Enhet</dt><dd>${stored.report.unit ?? '–'}</dd>
<dt>Produktområde</dt><dd>${stored.report.productArea ? PRODUCT_AREA_LABELS[stored.report.productArea] : 'Vet ej'}</dd>
<dt>Vad fungerar inte</dt><dd>${stored.report.symptom ?? '–'}</dd>
<dt>Telefon</dt><dd>${stored.report.reporterPhone ?? '–'}</dd>
<dt>E-post</dt><dd>${stored.report.reporterEmail ?? '–'}</dd>
<dt>Kanal</dt><dd>${CHANNEL_LABELS[stored.report.channel]}</dd>
<dt>Vem når inte Sesam</dt><dd>${stored.report.deskOnly ? 'Bara Hjälpmedel Administration' : 'Den som ringer'}</dd>
<dt>Mottagen</dt><dd>${time(stored.report.receivedAt)}</dd>
</dl>
<p><a class="button" href="/intag" autofocus>Logga nästa samtal</a></p>`;
  return page({ title: `Samtalet är loggat – ${BRAND}`, body, nav: nav(true, options.outbox, { localWebUrl: options.localWebUrl, groups: options.session.groups }), brand: BRAND, brandHref: '/intag' });
}

export function loginPage(options: { error?: string; userId?: string; notConfigured?: boolean; next?: string }): string {
  const body = options.notConfigured
    ? html`<h1>Logga in</h1><p class="warn">Inloggning är inte konfigurerad (DESK_USERS_FILE). I produktion ligger regionens inloggning (SSO) framför intaget.</p>`
    : html`<h1>Logga in – Hjälpmedel Administration och IT</h1>
${options.error ? html`<div class="error-summary" role="alert"><p>${options.error}</p></div>` : html``}
<form method="post" action="/intag/logga-in">
${options.next ? html`<input type="hidden" name="nasta" value="${options.next}">` : html``}
<div class="field"><label for="userId">Användarnamn</label><input type="text" id="userId" name="userId" autocomplete="username" required autofocus value="${options.userId ?? ''}"></div>
<div class="field"><label for="password">Lösenord</label><input type="password" id="password" name="password" autocomplete="current-password" required></div>
<button type="submit">Logga in</button>
</form>`;
  return page({ title: `Logga in – ${BRAND}`, body, nav: nav(false, false), brand: BRAND, brandHref: '/intag' });
}
