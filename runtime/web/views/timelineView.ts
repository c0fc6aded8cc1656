import { html, type SafeHtml } from '../html/escape';
import { KIND_LABELS, type TimelineEntry } from '../timeline/buildTimeline';
import { durationBetween, formatDateTime, formatValue } from './format';
import { incidentStateLabel } from './labels';

function valuesList(values: Record<string, unknown> | undefined): SafeHtml {
  const entries = Object.entries(values ?? {});
  if (!entries.length) return html``;
  return html`<dl class="decision-values">${entries.map(
    ([k, v]) => html`<div><dt>${k}</dt><dd class="pre-wrap">${formatValue(v)}</dd></div>`,
  )}</dl>`;
}

/** The timeline as an ordered list (instance page) or a table (deviation report). */
export function timelineList(entries: TimelineEntry[]): SafeHtml {
  if (!entries.length) return html`<p class="empty">Tidslinjen är tom.</p>`;
  return html`<ol class="timeline">${entries.map(
    (e) => html`<li class="tl-item tl-${e.kind}${e.state === 'ACTIVE' ? ' tl-active' : ''}">
  <div class="tl-time"><time datetime="${e.at}">${formatDateTime(e.at)}</time></div>
  <div class="tl-body">
    <span class="tl-kind">${KIND_LABELS[e.kind]}</span>
    <span class="tl-title">${e.title}</span>
    ${e.detail ? html`<span class="tl-detail">${e.detail}</span>` : ''}
    ${e.actor ? html`<span class="tl-actor">av ${e.actor}</span>` : ''}
    ${e.kind === 'step' || e.kind === 'notice' || e.kind === 'notification'
      ? e.endedAt
        ? html`<span class="tl-duration">klart ${formatDateTime(e.endedAt)} (${durationBetween(e.at, e.endedAt)})</span>`
        : e.state === 'ACTIVE'
          ? html`<span class="tl-duration">pågår</span>`
          : ''
      : ''}
    ${e.kind === 'incident' && e.state ? html`<span class="tl-duration">${incidentStateLabel(e.state)}</span>` : ''}
    ${e.inChild ? html`<span class="tl-process">i ${e.processLabel}</span>` : ''}
    ${valuesList(e.values)}
  </div>
</li>`,
  )}</ol>`;
}

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
