import type { LocalUser } from '../auth/UserDirectory';
import type { ElementInstance } from '../../../lib/timeline/records';
import { html, jsonForScript, type SafeHtml } from '../html/escape';
import type { Disruption, InstanceDetail } from '../../../lib/timeline/DisruptionLoader';
import { processLabelOf, type TimelineEntry } from '../../../lib/timeline/buildTimeline';
import { stateTag } from './cockpitListPage';
import { durationBetween, formatDateTime, formatValue } from '../../../lib/timeline/format';
import { elementTypeLabel, groupLabel, stateLabel } from '../../../lib/timeline/labels';
import { page, type PageContext, type PageOptions } from './layout';
import { timelineList } from './timelineView';

export interface DiagramModel {
  xml: string;
  active: string[];
  completed: string[];
  incidents: string[];
  counts: Record<string, { active: number; completed: number; incidents: number }>;
}

export function diagramModel(d: InstanceDetail, xml: string): DiagramModel {
  const counts: DiagramModel['counts'] = {};
  const bump = (id: string, k: 'active' | 'completed' | 'incidents') => {
    counts[id] ??= { active: 0, completed: 0, incidents: 0 };
    counts[id][k]++;
  };
  const visible = (ei: ElementInstance) => ei.type !== 'PROCESS' && ei.type !== 'MULTI_INSTANCE_BODY';
  for (const ei of d.elementInstances.filter(visible)) {
    if (ei.state === 'ACTIVE') bump(ei.elementId, 'active');
    else if (ei.state === 'COMPLETED') bump(ei.elementId, 'completed');
  }
  for (const inc of d.incidents.filter((i) => i.state === 'ACTIVE')) bump(inc.elementId, 'incidents');
  const ids = (k: 'active' | 'completed' | 'incidents') => Object.keys(counts).filter((id) => counts[id][k] > 0);
  return { xml, active: ids('active'), completed: ids('completed'), incidents: ids('incidents'), counts };
}


export function instancePage(
  ctx: PageContext & { user: LocalUser },
  m: { disruption: Disruption; timeline: TimelineEntry[]; diagram?: DiagramModel; canRetry: boolean; parentKey?: string | null; nameOf?: (userId: string) => string | undefined },
  flash?: PageOptions['flash'],
): SafeHtml {
  const d = m.disruption.root;
  const inst = d.instance;
  const disruptionId = typeof d.variables.disruptionId === 'string' ? d.variables.disruptionId : undefined;
  const drill = d.variables.drill === true;
  const activeIncidents = [d, ...m.disruption.children].flatMap((x) => x.incidents.filter((i) => i.state === 'ACTIVE').map((i) => ({ i, x })));
  const openTasks = [d, ...m.disruption.children].flatMap((x) => x.userTasks.filter((t) => t.state === 'CREATED'));
  const csrf = ctx.csrfToken ?? '';
  const isChild = !!m.parentKey;
  const heading = isChild
    ? `${d.definition?.name || d.instance.processDefinitionId}${disruptionId ? ` – störning ${disruptionId}` : ''}`
    : disruptionId
      ? `Störning ${disruptionId}`
      : `Instans ${inst.processInstanceKey}`;
  const vars = Object.entries(d.variables).sort(([a], [b]) => a.localeCompare(b));

  return page(
    { ...ctx, section: 'cockpit' },
    {
      title: heading,
      flash,
      drill,
      head: html`<link rel="stylesheet" href="/vendor/bpmn-js/diagram-js.css"><link rel="stylesheet" href="/vendor/bpmn-js/bpmn-js.css">`,
      scripts: m.diagram ? ['diagram'] : [],
      body: html`<p class="breadcrumbs"><a href="/cockpit">← Översikt</a>${m.parentKey ? html` · <a href="/cockpit/instances/${m.parentKey}">Överordnad process</a>` : ''}</p>
<div class="title-row">
  <h1>${heading} ${stateTag(inst.state, activeIncidents.length > 0)}</h1>
  <a class="button" href="/cockpit/instances/${inst.processInstanceKey}/report">Avvikelserapport</a>
</div>
<dl class="facts">
  <div><dt>Process (version)</dt><dd>${processLabelOf(d)}</dd></div>
  <div><dt>Instans</dt><dd>${inst.processInstanceKey}</dd></div>
  <div><dt>Startad</dt><dd>${formatDateTime(inst.startDate)}</dd></div>
  <div><dt>Avslutad</dt><dd>${formatDateTime(inst.endDate) || '–'}</dd></div>
  <div><dt>Tillstånd</dt><dd>${stateLabel(inst.state)}</dd></div>
</dl>

${activeIncidents.length
  ? html`<section class="incident-box" aria-labelledby="inc-title">
  <h2 id="inc-title">Öppna incidenter (${activeIncidents.length})</h2>
  <ul class="incident-list">${activeIncidents.map(
    ({ i, x }) => html`<li>
    <p><strong>${x.elements.get(i.elementId)?.name ?? i.elementId}</strong> <span class="muted">(${i.errorType}, ${formatDateTime(i.creationTime)})</span></p>
    <p class="pre-wrap incident-message">${i.errorMessage}</p>
    ${m.canRetry
      ? html`<form method="post" action="/cockpit/incidents/${i.incidentKey}/retry" class="retry-form">
      <input type="hidden" name="_csrf" value="${csrf}">
      <input type="hidden" name="processInstanceKey" value="${inst.processInstanceKey}">
      ${i.jobKey
        ? html`<div class="field field-inline"><label for="retries-${i.incidentKey}">Nya försök</label>
        <input id="retries-${i.incidentKey}" name="retries" type="number" min="1" max="10" value="1" inputmode="numeric"></div>`
        : ''}
      <button type="submit" class="button button-primary">Försök igen</button>
    </form>`
      : html`<p class="hint">Endast VO Hjälpmedel och systemansvarig kan försöka igen.</p>`}
  </li>`,
  )}</ul>
</section>`
  : ''}

${m.diagram
  ? html`<section aria-labelledby="diagram-title" class="diagram-section">
  <h2 id="diagram-title">Flödesschema</h2>
  <ul class="legend" aria-label="Förklaring">
    <li><span class="swatch swatch-active"></span>Pågår</li>
    <li><span class="swatch swatch-completed"></span>Genomförd</li>
    <li><span class="swatch swatch-incident"></span>Incident</li>
  </ul>
  <div class="diagram-tools" role="group" aria-label="Zooma flödesschemat">
    <button type="button" class="button button-small" data-zoom="in">Zooma in</button>
    <button type="button" class="button button-small" data-zoom="out">Zooma ut</button>
    <button type="button" class="button button-small" data-zoom="fit">Visa hela</button>
  </div>
  <div id="diagram" class="diagram" role="region" aria-label="Flödesschema för ${processLabelOf(d)}. Pågående: ${m.diagram.active.map((id) => d.elements.get(id)?.name ?? id).join(', ') || 'inget'}. Samma information finns i tidslinjen nedan."></div>
  <script type="application/json" id="diagram-model">${jsonForScript(m.diagram)}</script>
</section>`
  : html`<p class="hint">Flödesschemat kunde inte hämtas.</p>`}

${openTasks.length
  ? html`<section aria-labelledby="tasks-title"><h2 id="tasks-title">Öppna uppgifter</h2>
  <ul class="plain-list">${openTasks.map(
    (t) => html`<li><a href="/tasks/${t.userTaskKey}">${t.name || t.elementId}</a> – ${(t.candidateGroups ?? []).map(groupLabel).join(', ')}${t.assignee ? html`, tilldelad ${m.nameOf?.(t.assignee) ?? t.assignee}` : ''}</li>`,
  )}</ul></section>`
  : ''}

${m.disruption.children.length
  ? html`<section aria-labelledby="children-title"><h2 id="children-title">Delprocesser</h2>
  <ul class="plain-list">${m.disruption.children.map(
    (c) => html`<li><a href="/cockpit/instances/${c.instance.processInstanceKey}">${processLabelOf(c)}</a> – ${stateLabel(c.instance.state)}, startad ${formatDateTime(c.instance.startDate)}${c.incidents.some((i) => i.state === 'ACTIVE') ? html` <span class="tag tag-incident">Incident</span>` : ''}</li>`,
  )}</ul></section>`
  : ''}

<section aria-labelledby="timeline-title">
  <h2 id="timeline-title">Tidslinje</h2>
  <p class="hint">Varje steg, beslut, meddelande, publicering och incident i tidsordning, inklusive delprocesser.</p>
  ${timelineList(m.timeline)}
</section>

<section aria-labelledby="history-title">
  <h2 id="history-title">Stegens historik</h2>
  <p class="hint">Varje elementinstans i denna process (som Operates "Instance History"), i den ordning de startade.</p>
  <div class="table-wrap" tabindex="0" role="region" aria-label="Stegens historik"><table class="data-table history-table">
    <thead><tr><th scope="col">Steg</th><th scope="col">Typ</th><th scope="col">Tillstånd</th><th scope="col">Start</th><th scope="col">Slut</th><th scope="col">Tid</th></tr></thead>
    <tbody>${d.elementInstances.map(
      (e) => html`<tr${e.hasIncident ? html` class="row-incident"` : ''}><th scope="row">${e.elementName || d.elements.get(e.elementId)?.name || e.elementId}</th><td>${elementTypeLabel(e.type)}</td><td>${stateLabel(e.state)}</td><td>${formatDateTime(e.startDate)}</td><td>${formatDateTime(e.endDate) || '–'}</td><td>${durationBetween(e.startDate, e.endDate) || '–'}</td></tr>`,
    )}</tbody>
  </table></div>
</section>

<section aria-labelledby="vars-title">
  <h2 id="vars-title">Variabler</h2>
  ${vars.length
    ? html`<div class="table-wrap"><table class="data-table var-table"><thead><tr><th scope="col">Namn</th><th scope="col">Värde</th></tr></thead>
  <tbody>${vars.map(([k, v]) => html`<tr><th scope="row">${k}</th><td><pre class="value" tabindex="0">${formatValue(v)}</pre></td></tr>`)}</tbody></table></div>`
    : html`<p class="empty">Inga variabler.</p>`}
</section>`,
    },
  );
}
