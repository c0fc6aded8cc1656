import { html, type SafeHtml } from '../html/escape';
import { barChart } from '../../../lib/dashboard/charts';
import type { Dashboard } from '../../../lib/dashboard/history';
import { cellText, dashboardSections, type FigureTable } from '../../../lib/dashboard/tables';
import { page, type PageContext } from './layout';

function figure(t: FigureTable, sectionId: string): SafeHtml {
  const headingId = `${sectionId}-${t.id}`;
  return html`<section class="dash-figure" aria-labelledby="${headingId}">
<h3 id="${headingId}">${t.title}</h3>
${t.rows.length === 0
  ? html`<p class="empty">Inga uppgifter i perioden.</p>`
  : html`<div class="dash-grid${t.columns.length > 6 ? ' dash-grid-wide' : ''}">
  <div class="dash-chart">${barChart(t, sectionId)}</div>
  <div class="table-wrap" tabindex="0" role="region" aria-label="Tabell: ${t.title}"><table class="data-table dash-table" data-table="${sectionId}/${t.id}">
    <caption class="visually-hidden">${t.title}</caption>
    <thead><tr>${t.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
    <tbody>${t.rows.map((r) => html`<tr><th scope="row">${cellText(r[0])}</th>${r.slice(1).map((c) => html`<td>${cellText(c)}</td>`)}</tr>`)}</tbody>
  </table></div>
</div>`}
</section>`;
}

/** The disruption dashboard ("Uppföljning"): SVG charts with the numbers beside, date range, CSV export. */
export function dashboardPage(ctx: PageContext, d: Dashboard, csvHref: string, rangeError?: string): SafeHtml {
  const sections = dashboardSections(d);
  return page(
    { ...ctx, section: 'dashboard' },
    {
      title: 'Uppföljning',
      body: html`<h1>Uppföljning av driftstörningar</h1>
<p class="lead">Räknat ur motorns historik (Camunda REST API v2): alla driftstörningar vars första anmälan ligger i perioden
(svensk tid). Tider i minuter från första anmälan. Övningar (P9) visas för sig.</p>
<form method="get" action="/uppfoljning" class="filter-form" aria-label="Period">
  <div class="field field-inline"><label for="fran">Från och med</label><input type="date" id="fran" name="fran" value="${d.range.from ?? ''}"></div>
  <div class="field field-inline"><label for="till">Till och med</label><input type="date" id="till" name="till" value="${d.range.to ?? ''}"></div>
  <button type="submit" class="button">Visa</button>
  <a class="button button-quiet" href="${csvHref}" download>Ladda ner CSV</a>
</form>
${rangeError ? html`<p class="flash flash-error" role="alert">${rangeError}</p>` : ''}
<ul class="summary-tiles" aria-label="Sammanfattning">
  <li><span class="tile-number">${d.real.disruptions}</span> driftstörningar</li>
  <li><span class="tile-number">${cellText(d.real.duration.median)}</span> min median till åter i drift</li>
  <li><span class="tile-number">${d.real.backupRoutineActivations}</span> reservrutiner</li>
  <li class="${d.real.slaResponseBreaches + d.real.slaRestoreBreaches ? 'tile-alert' : ''}"><span class="tile-number">${d.real.slaResponseBreaches + d.real.slaRestoreBreaches}</span> SLA-överträdelser</li>
  <li><span class="tile-number">${d.drills.disruptions}</span> övningar</li>
</ul>
${sections.map(
  (s) => html`<section class="dash-section" aria-labelledby="sec-${s.id}">
<h2 id="sec-${s.id}">${s.title} (${s.count})</h2>
${s.count === 0 ? html`<p class="empty">Inga i perioden.</p>` : s.tables.map((t) => figure(t, s.id))}
</section>`,
)}`,
    },
  );
}
