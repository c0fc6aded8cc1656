import type { ProcessInstance } from '../../../lib/timeline/records';
import { html, type SafeHtml } from '../html/escape';
import { formatDateTime } from '../../../lib/timeline/format';
import { stateLabel } from '../../../lib/timeline/labels';
import { page, type PageContext } from './layout';

export interface InstanceRow {
  instance: ProcessInstance;
  disruptionId?: string;
  drill: boolean;
  activeIncidents: number;
  versionTag?: string | null;
  processName: string;
}

export interface CockpitFilter {
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' | 'all';
  includeChildren: boolean;
  /** Disruption id (part of it) or process instance key. */
  search?: string;
  /** Only instances with open incidents. */
  incidentsOnly?: boolean;
  /** Process definition id. */
  process?: string;
  /** Process version. */
  version?: string;
}

/** What the filter form offers: the processes and versions deployed. */
export interface CockpitChoices {
  processes: { id: string; name: string }[];
  versions: string[];
}

const STATE_OPTIONS: Array<{ value: CockpitFilter['state']; label: string }> = [
  { value: 'all', label: 'Alla' },
  { value: 'ACTIVE', label: 'Pågående' },
  { value: 'COMPLETED', label: 'Avslutade' },
  { value: 'TERMINATED', label: 'Avbrutna' },
];

export function stateTag(state: string, hasIncident: boolean): SafeHtml {
  if (hasIncident && state === 'ACTIVE') return html`<span class="tag tag-incident">Incident</span>`;
  return html`<span class="tag tag-${state.toLowerCase()}">${stateLabel(state)}</span>`;
}

export function cockpitListPage(ctx: PageContext, rows: InstanceRow[], filter: CockpitFilter, choices: CockpitChoices = { processes: [], versions: [] }): SafeHtml {
  const totalIncidents = rows.reduce((n, r) => n + r.activeIncidents, 0);
  const active = rows.filter((r) => r.instance.state === 'ACTIVE').length;
  return page(
    { ...ctx, section: 'cockpit' },
    {
      title: 'Översikt',
      body: html`<h1>Översikt: störningar och processer</h1>
<ul class="summary-tiles" aria-label="Sammanfattning">
  <li><span class="tile-number">${active}</span> pågående</li>
  <li class="${totalIncidents ? 'tile-alert' : ''}"><span class="tile-number">${totalIncidents}</span> öppna incidenter</li>
  <li><span class="tile-number">${rows.length}</span> visade</li>
</ul>
<p><a href="/cockpit/incidents">Alla öppna incidenter</a></p>
<form method="get" action="/cockpit" class="filter-form" aria-label="Filter">
  <div class="field field-inline"><label for="q">Sök störning eller nyckel</label><input type="search" id="q" name="q" value="${filter.search ?? ''}" placeholder="SESAM-20261125-1 eller instansnyckel"></div>
  <div class="field field-inline"><label for="process">Process</label><select id="process" name="process"><option value="">Alla</option>${choices.processes.map(
    (p) => html`<option value="${p.id}"${filter.process === p.id ? html` selected` : ''}>${p.name}</option>`,
  )}</select></div>
  <div class="field field-inline"><label for="version">Version</label><select id="version" name="version"><option value="">Alla</option>${choices.versions.map(
    (v) => html`<option value="${v}"${filter.version === v ? html` selected` : ''}>v${v}</option>`,
  )}</select></div>
  <div class="field field-inline field-check">
    <input type="checkbox" id="incidents" name="incidents" value="1"${filter.incidentsOnly ? html` checked` : ''}>
    <label for="incidents">Bara med incidenter</label>
  </div>
  <div class="field field-inline">
    <label for="state">Tillstånd</label>
    <select id="state" name="state">
      ${STATE_OPTIONS.map((o) => html`<option value="${o.value}"${o.value === filter.state ? html` selected` : ''}>${o.label}</option>`)}
    </select>
  </div>
  <div class="field field-inline field-check">
    <input type="checkbox" id="children" name="children" value="1"${filter.includeChildren ? html` checked` : ''}>
    <label for="children">Visa delprocesser</label>
  </div>
  <button type="submit" class="button">Visa</button>
</form>
${rows.length === 0
  ? html`<p class="empty" role="status">Inga processinstanser.</p>`
  : html`<div class="table-wrap"><table class="data-table instance-table">
  <caption class="visually-hidden">Processinstanser (${rows.length})</caption>
  <thead><tr><th scope="col">Störning</th><th scope="col">Process (version)</th><th scope="col">Tillstånd</th><th scope="col">Startad</th><th scope="col">Avslutad</th><th scope="col">Incidenter</th></tr></thead>
  <tbody>
  ${rows.map(
    (r) => html`<tr${r.activeIncidents ? html` class="row-incident"` : ''}>
    <th scope="row" data-label="Störning"><a href="/cockpit/instances/${r.instance.processInstanceKey}">${r.disruptionId ?? `Instans ${r.instance.processInstanceKey}`}</a>${r.drill ? html` <span class="tag tag-drill">ÖVNING</span>` : ''}${r.instance.parentProcessInstanceKey ? html`<span class="sub-note">delprocess</span>` : ''}</th>
    <td data-label="Process">${r.processName} <span class="version">v${r.instance.processDefinitionVersion}${r.versionTag ? ` (${r.versionTag})` : ''}</span></td>
    <td data-label="Tillstånd">${stateTag(r.instance.state, r.activeIncidents > 0)}</td>
    <td data-label="Startad">${formatDateTime(r.instance.startDate)}</td>
    <td data-label="Avslutad">${formatDateTime(r.instance.endDate) || '–'}</td>
    <td data-label="Incidenter">${r.activeIncidents ? html`<strong class="incident-count">${r.activeIncidents}</strong>` : '0'}</td>
  </tr>`,
  )}
  </tbody>
</table></div>`}`,
    },
  );
}
