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
}

const VIEWS: Array<{ id: TaskView; label: string }> = [
  { id: 'all', label: 'Alla i mina grupper' },
  { id: 'mine', label: 'Tilldelade mig' },
  { id: 'unassigned', label: 'Ej tilldelade' },
  { id: 'completed', label: 'Slutförda' },
];

function assigneeCell(task: UserTask, user: LocalUser): SafeHtml {
  if (task.state === 'COMPLETED') return html`<span class="tag tag-completed">${task.assignee === user.id ? 'Du' : (task.assignee ?? '–')}</span>`;
  if (!task.assignee) return html`<span class="tag tag-open">Ej tilldelad</span>`;
  if (task.assignee === user.id) return html`<span class="tag tag-mine">Du</span>`;
  return html`<span class="tag">${task.assignee}</span>`;
}

export function taskListPage(
  ctx: PageContext & { user: LocalUser },
  rows: TaskRow[],
  view: TaskView,
  flash?: PageOptions['flash'],
  live?: { fingerprint: string; pollMs: number },
): SafeHtml {
  const user = ctx.user;
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
${rows.length === 0
  ? html`<p class="empty" role="status">${view === 'completed' ? 'Inga slutförda uppgifter.' : 'Inga öppna uppgifter just nu.'}</p>`
  : html`<div class="table-wrap"><table class="data-table task-table">
  <caption class="visually-hidden">${view === 'completed' ? 'Slutförda' : 'Öppna'} uppgifter (${rows.length})</caption>
  <thead><tr><th scope="col">Uppgift</th><th scope="col">Störning</th><th scope="col">Grupp</th><th scope="col">${view === 'completed' ? 'Slutförd' : 'Skapad'}</th><th scope="col">${view === 'completed' ? 'Av' : 'Tilldelad'}</th><th scope="col"><span class="visually-hidden">Åtgärd</span></th></tr></thead>
  <tbody>
  ${rows.map(
    ({ task, disruptionId, drill }) => html`<tr>
    <th scope="row" data-label="Uppgift"><a href="/tasks/${task.userTaskKey}">${task.name || task.elementId}</a>${drill ? html` <span class="tag tag-drill">ÖVNING</span>` : ''}</th>
    <td data-label="Störning">${disruptionId ?? '–'}</td>
    <td data-label="Grupp">${(task.candidateGroups ?? []).map(groupLabel).join(', ') || '–'}</td>
    ${view === 'completed'
      ? html`<td data-label="Slutförd"><time datetime="${task.completionDate ?? ''}">${formatDateTime(task.completionDate)}</time></td>`
      : html`<td data-label="Skapad"><time datetime="${task.creationDate ?? ''}">${formatDateTime(task.creationDate)}</time></td>`}
    <td data-label="${view === 'completed' ? 'Av' : 'Tilldelad'}">${assigneeCell(task, user)}</td>
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
