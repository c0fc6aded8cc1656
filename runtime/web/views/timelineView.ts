import { html, type SafeHtml } from '../html/escape';
import { KIND_LABELS, type TimelineEntry } from '../../../lib/timeline/buildTimeline';
import { durationBetween, formatDateTime, formatValue } from '../../../lib/timeline/format';
import { incidentStateLabel } from '../../../lib/timeline/labels';

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
