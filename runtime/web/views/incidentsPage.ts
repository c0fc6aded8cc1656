import type { Incident } from '../../../lib/timeline/records';
import { html, type SafeHtml } from '../html/escape';
import { formatDateTime } from '../../../lib/timeline/format';
import { page, type PageContext } from './layout';

export interface IncidentRow {
  incident: Incident;
  disruptionId?: string;
}

/** Every open incident across process instances (Operate's incidents view), newest first, each linked to its instance. */
export function incidentsPage(ctx: PageContext, rows: IncidentRow[]): SafeHtml {
  const sorted = [...rows].sort((a, b) => Date.parse(b.incident.creationTime ?? '') - Date.parse(a.incident.creationTime ?? ''));
  return page(
    { ...ctx, section: 'cockpit' },
    {
      title: 'Öppna incidenter',
      body: html`<h1>Öppna incidenter (${rows.length})</h1>
<p><a href="/cockpit">Tillbaka till översikten</a></p>
${sorted.length === 0
  ? html`<p class="empty" role="status">Inga öppna incidenter.</p>`
  : html`<div class="table-wrap"><table class="data-table instance-table">
  <caption class="visually-hidden">Öppna incidenter</caption>
  <thead><tr><th scope="col">Störning</th><th scope="col">Steg</th><th scope="col">Fel</th><th scope="col">Uppstod</th></tr></thead>
  <tbody>${sorted.map(
    ({ incident: i, disruptionId }) => html`<tr class="row-incident">
    <th scope="row" data-label="Störning"><a href="/cockpit/instances/${i.processInstanceKey}">${disruptionId ?? `Instans ${i.processInstanceKey}`}</a></th>
    <td data-label="Steg">${i.elementId}</td>
    <td data-label="Fel">${i.errorType}: ${i.errorMessage}</td>
    <td data-label="Uppstod">${formatDateTime(i.creationTime)}</td>
  </tr>`,
  )}</tbody>
</table></div>`}`,
    },
  );
}
