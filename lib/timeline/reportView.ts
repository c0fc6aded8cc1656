import { FORMS } from '../../contract/forms';
import { PROCESSES } from '../../contract/processes';
import { html } from '../html/html';
import type { SafeHtml } from '../html/SafeHtml';
import { KIND_LABELS, processLabelOf, type TimelineEntry } from './buildTimeline';
import type { Disruption } from './DisruptionLoader';
import { durationBetween, formatDateTime, formatValue } from './format';
import { incidentStateLabel } from './labels';

const SCOPE_LABELS: Record<string, string> = {
  'full-it-outage': 'Fullskaligt IT-avbrott i regionen',
  'sesam-down': 'Sesam otillgängligt för alla',
  'desk-only': 'Endast Hjälpmedel Administration utan kontakt',
};

function fact(label: string, value: unknown): SafeHtml {
  if (value === undefined || value === null || value === '') return html``;
  return html`<div><dt>${label}</dt><dd>${typeof value === 'string' ? value : formatValue(value)}</dd></div>`;
}

function valuesList(values: Record<string, unknown> | undefined): SafeHtml {
  const entries = Object.entries(values ?? {});
  if (!entries.length) return html``;
  return html`<dl class="decision-values">${entries.map(([k, v]) => html`<div><dt>${k}</dt><dd class="pre-wrap">${formatValue(v)}</dd></div>`)}</dl>`;
}

/** The timeline (P7) as a table: time, kind, event, details. */
export function timelineTable(entries: TimelineEntry[]): SafeHtml {
  return html`<table class="report-table">
<thead><tr><th scope="col">Tid</th><th scope="col">Typ</th><th scope="col">Händelse</th><th scope="col">Detaljer</th></tr></thead>
<tbody>${entries.map(
    (e) => html`<tr class="tl-${e.kind}">
  <td class="nowrap">${formatDateTime(e.at)}</td>
  <td>${KIND_LABELS[e.kind]}</td>
  <td>${e.title}${e.actor ? html`<br><small>av ${e.actor}</small>` : ''}</td>
  <td>${e.detail ?? ''}${e.endedAt ? html`<br><small>klart ${formatDateTime(e.endedAt)} (${durationBetween(e.at, e.endedAt)})</small>` : ''}${
    e.kind === 'incident' && e.state ? html`<br><small>${incidentStateLabel(e.state)}</small>` : ''
  }${!e.endedAt && e.state === 'ACTIVE' && e.kind !== 'incident' ? html`<br><small>pågår</small>` : ''}${valuesList(e.values)}${e.inChild ? html`<br><small class="muted">i ${e.processLabel}</small>` : ''}</td>
</tr>`,
  )}</tbody>
</table>`;
}

export interface DeviationReportOptions {
  disruption: Disruption;
  timeline: TimelineEntry[];
  /** Who exported it (name and user id). */
  author: { name: string; id: string };
  /** The engine's clock (epoch ms) when exported. */
  clock: number;
  /** Stylesheet with `DEVIATION_REPORT_CSS` (the page links it; no inline styles, for strict CSP). */
  stylesheetHref: string;
  /** Optional script that wires the print button (`#print-report` → window.print()); no button without it. */
  printScriptHref?: string;
  /** Optional link back (e.g. to the instance in the cockpit). */
  back?: { href: string; label: string };
}

/**
 * The deviation report (avvikelserapport): a printable, standalone HTML page of the disruption's timeline
 * (P7) for the post-incident review (P8). Pure: everything comes from the engine's records through the
 * REST API v2 (`DisruptionLoader`), so it works against the local runtime and against Camunda 8 alike.
 */
export function renderDeviationReport(m: DeviationReportOptions): SafeHtml {
  const d = m.disruption.root;
  const v = d.variables;
  const all = [d, ...m.disruption.children];
  const disruptionId = typeof v.disruptionId === 'string' ? v.disruptionId : d.instance.processInstanceKey;
  const drill = v.drill === true;
  const incidents = all.flatMap((x) => x.incidents.map((i) => ({ i, x })));
  const reports = typeof v.reportCount === 'number' ? v.reportCount : Array.isArray(v.reports) ? v.reports.length : undefined;
  const backupStartedAt = typeof v.backupRoutineStartedAt === 'string' ? v.backupRoutineStartedAt : m.disruption.children.find((c) => c.instance.processDefinitionId === PROCESSES.backupRoutine)?.instance.startDate;
  const restoredAt = typeof v.restoredAt === 'string' ? v.restoredAt : undefined;
  const prognosis = v.prognosis && typeof v.prognosis === 'object' ? (v.prognosis as { expectedAt?: string; text?: string }) : undefined;
  const notices = m.timeline.filter((e) => e.kind === 'notice');
  const review = all
    .flatMap((x) => x.userTasks.filter((t) => t.state === 'COMPLETED').map((t) => ({ t, x })))
    .find(({ t, x }) => x.elements.get(t.elementId)?.formId === FORMS.reviewDisruption);
  const reviewValues = review ? review.x.decisions.get(review.t.userTaskKey) : undefined;
  const end = d.instance.endDate;

  return html`<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Avvikelserapport ${disruptionId} – Driftstörning Sesam</title>
<link rel="stylesheet" href="${m.stylesheetHref}">
</head>
<body class="report">
<main id="main" class="report-main">
${m.back || m.printScriptHref
  ? html`<div class="report-tools no-print">
  ${m.back ? html`<a href="${m.back.href}">← ${m.back.label}</a>` : html`<span></span>`}
  ${m.printScriptHref ? html`<button type="button" class="button button-primary" id="print-report">Skriv ut / spara som PDF</button>` : ''}
</div>`
  : ''}
${drill ? html`<p class="report-drill"><strong>ÖVNING</strong> – rapporten gäller en övning, inte en verklig störning.</p>` : ''}
<header class="report-header">
  <p class="report-org">Region Skåne · Hjälpmedel Skåne</p>
  <h1>Avvikelserapport: driftstörning i Sesam</h1>
  <p class="report-sub">Störning ${disruptionId} · underlag för uppföljning</p>
</header>

<section aria-labelledby="sum-title">
<h2 id="sum-title">Sammanfattning</h2>
<dl class="facts report-facts">
  ${fact('Störning', disruptionId)}
  ${fact('System', typeof v.system === 'string' ? v.system : undefined)}
  ${fact('Typ av störning', typeof v.scope === 'string' ? (SCOPE_LABELS[v.scope] ?? v.scope) : undefined)}
  ${fact('Beskrivning', v.summary)}
  ${fact('Första anmälan', typeof v.reportedAt === 'string' ? formatDateTime(v.reportedAt) : undefined)}
  ${fact('Antal anmälningar', reports)}
  ${fact('Rutinens version', processLabelOf(d))}
  ${fact('Startad', formatDateTime(d.instance.startDate))}
  ${fact('Avslutad', end ? formatDateTime(end) : 'Pågår fortfarande')}
  ${fact('Varaktighet', end ? durationBetween(d.instance.startDate, end) : durationBetween(d.instance.startDate, new Date(m.clock).toISOString()) + ' (hittills)')}
  ${fact('Ärende hos Servicedesk', v.serviceDeskTicketId)}
  ${fact('Åter i drift', restoredAt ? formatDateTime(restoredAt) : undefined)}
  ${fact('Senaste prognos', prognosis?.expectedAt ? `Beräknades fungera igen ${formatDateTime(prognosis.expectedAt)}${prognosis.text ? ` (${prognosis.text})` : ''}` : typeof v.prognosis === 'string' ? v.prognosis : undefined)}
  ${fact('Reservrutin OT', backupStartedAt ? `Aktiverad ${formatDateTime(backupStartedAt)}${restoredAt ? `, upphörde ${formatDateTime(restoredAt)}` : ''}` : 'Inte aktiverad')}
  ${fact('Publicerad driftinformation', notices.length ? `${notices.length} publicering(ar)` : 'Ingen')}
  ${fact('Incidenter i körningen', `${incidents.length} (${incidents.filter(({ i }) => i.state === 'ACTIVE').length} öppna)`)}
</dl>
</section>

<section aria-labelledby="tl-title">
<h2 id="tl-title">Tidslinje</h2>
${timelineTable(m.timeline)}
</section>

${incidents.length
  ? html`<section aria-labelledby="inc-title"><h2 id="inc-title">Incidenter</h2>
<table class="report-table"><thead><tr><th scope="col">Tid</th><th scope="col">Steg</th><th scope="col">Fel</th><th scope="col">Status</th></tr></thead>
<tbody>${incidents.map(
      ({ i, x }) => html`<tr><td class="nowrap">${formatDateTime(i.creationTime)}</td><td>${x.elements.get(i.elementId)?.name ?? i.elementId}</td><td class="pre-wrap">${i.errorMessage}</td><td>${incidentStateLabel(i.state)}</td></tr>`,
    )}</tbody></table></section>`
  : ''}

<section aria-labelledby="review-title">
<h2 id="review-title">Uppföljning</h2>
${reviewValues && Object.keys(reviewValues).length
  ? html`<dl class="facts report-facts">${Object.entries(reviewValues).map(([k, val]) => fact(k, val))}</dl>`
  : html`<p>Uppföljningen är inte genomförd ännu.</p>
<div class="write-lines" aria-hidden="true"><p>Orsak:</p><p>Åtgärder:</p><p>Lärdomar:</p></div>`}
</section>

<footer class="report-footer">
  <p>Rapporten skapad ${formatDateTime(m.clock)} av ${m.author.name} (${m.author.id}) ur processmotorns tidslinje. Tider i svensk tid.</p>
</footer>
</main>
${m.printScriptHref ? html`<script src="${m.printScriptHref}" defer></script>` : ''}
</body>
</html>`;
}
