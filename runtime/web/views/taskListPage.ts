import type { LocalUser } from '../auth/UserDirectory';
import type { UserTask } from '../../../lib/timeline/records';
import { html, type SafeHtml } from '../html/escape';
import { formatDateTime, realNow } from '../../../lib/timeline/format';
import { groupLabel } from '../../../lib/timeline/labels';
import { page, type PageContext, type PageOptions } from './layout';

export type TaskView = 'all' | 'mine' | 'unassigned' | 'completed';

export interface TaskRow {
  task: UserTask;
  disruptionId?: string;
  drill?: boolean;
  /** The assignee's name (the users file), not the user id. */
  assigneeName?: string;
}

export type TaskSort = 'skapad' | 'prioritet' | 'forfaller' | 'uppfoljning';

/** Tasklist's filters: group, disruption, free text, and the sort. */
export interface TaskFilter {
  group?: string;
  disruption?: string;
  search?: string;
  sort: TaskSort;
}

const SORT_LABELS: Record<TaskSort, string> = { skapad: 'Skapad', prioritet: 'Prioritet', forfaller: 'Förfallodatum', uppfoljning: 'Uppföljningsdatum' };

/** Camunda Tasklist's priority bands (0–100). */
export function priorityLabel(p: number | undefined): string {
  const v = p ?? 50;
  return v > 75 ? 'Kritisk' : v > 50 ? 'Hög' : v > 25 ? 'Medel' : 'Låg';
}

const VIEWS: Array<{ id: TaskView; label: string }> = [
  { id: 'all', label: 'Alla i mina grupper' },
  { id: 'mine', label: 'Tilldelade mig' },
  { id: 'unassigned', label: 'Ej tilldelade' },
  { id: 'completed', label: 'Slutförda' },
];

function assigneeCell(task: UserTask, user: LocalUser, name?: string): SafeHtml {
  if (task.state === 'COMPLETED') return html`<span class="tag tag-completed">${task.assignee === user.id ? 'Du' : (name ?? task.assignee ?? '–')}</span>`;
  if (!task.assignee) return html`<span class="tag tag-open">Ej tilldelad</span>`;
  if (task.assignee === user.id) return html`<span class="tag tag-mine">Du</span>`;
  return html`<span class="tag">${name ?? task.assignee}</span>`;
}

function dueCell(task: UserTask, now: number): SafeHtml {
  if (!task.dueDate) return html`–`;
  const overdue = task.state === 'CREATED' && Date.parse(task.dueDate) < now;
  return html`<time datetime="${task.dueDate}">${formatDateTime(task.dueDate)}</time>${overdue ? html` <span class="tag tag-incident">Försenad</span>` : ''}`;
}

function filterForm(view: TaskView, user: LocalUser, f: TaskFilter, disruptions: string[]): SafeHtml {
  return html`<form method="get" action="/tasks" class="filter-form" aria-label="Filter och sortering">
  <input type="hidden" name="view" value="${view}">
  <div class="field field-inline"><label for="q">Sök</label><input type="search" id="q" name="q" value="${f.search ?? ''}" placeholder="uppgift, störning, person"></div>
  <div class="field field-inline"><label for="grupp">Grupp</label><select id="grupp" name="grupp"><option value="">Alla mina</option>${user.groups.map(
    (g) => html`<option value="${g}"${f.group === g ? html` selected` : ''}>${groupLabel(g)}</option>`,
  )}</select></div>
  <div class="field field-inline"><label for="storning">Störning</label><select id="storning" name="storning"><option value="">Alla</option>${disruptions.map(
    (d) => html`<option value="${d}"${f.disruption === d ? html` selected` : ''}>${d}</option>`,
  )}</select></div>
  <div class="field field-inline"><label for="sortera">Sortera</label><select id="sortera" name="sortera">${(Object.keys(SORT_LABELS) as TaskSort[]).map(
    (k) => html`<option value="${k}"${f.sort === k ? html` selected` : ''}>${SORT_LABELS[k]}</option>`,
  )}</select></div>
  <button type="submit" class="button">Visa</button>
</form>`;
}

export function taskListPage(
  ctx: PageContext & { user: LocalUser },
  rows: TaskRow[],
  view: TaskView,
  flash?: PageOptions['flash'],
  live?: { fingerprint: string; pollMs: number },
  list: { filter: TaskFilter; disruptions: string[]; now: number } = { filter: { sort: 'skapad' }, disruptions: [], now: realNow() },
): SafeHtml {
  const user = ctx.user;
  const { now } = list;
  return page(
    { ...ctx, section: 'tasks' },
    {
      title: 'Uppgifter',
      flash,
      scripts: live ? ['task-list'] : [],
      body: html`<div class="title-row"><h1>Uppgifter</h1><a class="button button-small" href="/tasks?view=${view}">Uppdatera listan</a></div>
<p class="lead">${view === 'completed' ? 'Slutförda uppgifter (de senaste 100)' : 'Öppna uppgifter'} för ${user.groups.map(groupLabel).join(', ')} och uppgifter tilldelade dig. Hämtad ${formatDateTime(realNow())}.</p>
${live
  ? html`<div id="list-watch" data-view="${view}" data-fingerprint="${live.fingerprint}" data-poll-ms="${live.pollMs}" role="status" aria-live="polite" class="list-watch"></div>`
  : ''}
<nav aria-label="Filtrera uppgifter" class="filter-tabs">
  <ul>
    ${VIEWS.map((v) => html`<li><a href="/tasks?view=${v.id}"${v.id === view ? html` aria-current="page"` : ''}>${v.label}</a></li>`)}
  </ul>
</nav>
${filterForm(view, user, list.filter, list.disruptions)}
${rows.length === 0
  ? html`<p class="empty" role="status">${view === 'completed' ? 'Inga slutförda uppgifter.' : 'Inga öppna uppgifter just nu.'}</p>`
  : html`<div class="table-wrap"><table class="data-table task-table">
  <caption class="visually-hidden">${view === 'completed' ? 'Slutförda' : 'Öppna'} uppgifter (${rows.length})</caption>
  <thead><tr><th scope="col">Uppgift</th><th scope="col">Störning</th><th scope="col">Grupp</th><th scope="col">Prioritet</th><th scope="col">Förfaller</th><th scope="col">Uppföljning</th><th scope="col">${view === 'completed' ? 'Slutförd' : 'Skapad'}</th><th scope="col">${view === 'completed' ? 'Av' : 'Tilldelad'}</th><th scope="col"><span class="visually-hidden">Åtgärd</span></th></tr></thead>
  <tbody>
  ${rows.map(
    ({ task, disruptionId, drill, assigneeName }) => html`<tr${task.state === 'CREATED' && task.dueDate && Date.parse(task.dueDate) < now ? html` class="row-overdue"` : ''}>
    <th scope="row" data-label="Uppgift"><a href="/tasks/${task.userTaskKey}">${task.name || task.elementId}</a>${drill ? html` <span class="tag tag-drill">ÖVNING</span>` : ''}</th>
    <td data-label="Störning">${disruptionId ?? '–'}</td>
    <td data-label="Grupp">${(task.candidateGroups ?? []).map(groupLabel).join(', ') || '–'}</td>
    <td data-label="Prioritet"><span class="priority priority-${priorityLabel(task.priority).toLowerCase()}">${priorityLabel(task.priority)}</span></td>
    <td data-label="Förfaller">${dueCell(task, now)}</td>
    <td data-label="Uppföljning">${task.followUpDate ? html`<time datetime="${task.followUpDate}">${formatDateTime(task.followUpDate)}</time>` : '–'}</td>
    ${view === 'completed'
      ? html`<td data-label="Slutförd"><time datetime="${task.completionDate ?? ''}">${formatDateTime(task.completionDate)}</time></td>`
      : html`<td data-label="Skapad"><time datetime="${task.creationDate ?? ''}">${formatDateTime(task.creationDate)}</time></td>`}
    <td data-label="${view === 'completed' ? 'Av' : 'Tilldelad'}">${assigneeCell(task, user, assigneeName)}</td>
    <td class="actions">${
      task.state !== 'CREATED'
        ? html`<a class="button button-small" href="/tasks/${task.userTaskKey}">Visa</a>`
        : !task.assignee
        ? html`<form method="post" action="/tasks/${task.userTaskKey}/claim" class="inline-form">
            <input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">
            <input type="hidden" name="returnTo" value="list">
            <button type="submit" class="button button-small" aria-label="Ta uppgiften ${task.name || task.elementId}">Ta uppgiften</button>
          </form>`
        : html`<a class="button button-small" href="/tasks/${task.userTaskKey}">Öppna</a>`
    }</td>
  </tr>`,
  )}
  </tbody>
</table></div>`}`,
    },
  );
}
