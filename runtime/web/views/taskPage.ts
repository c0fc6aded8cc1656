import type { LocalUser } from '../auth/UserDirectory';
import type { UserTask } from '../../../lib/timeline/records';
import { html, jsonForScript, type SafeHtml } from '../html/escape';
import { formatDateTime } from '../../../lib/timeline/format';
import { groupLabel, taskStateLabel } from '../../../lib/timeline/labels';
import { page, type PageContext, type PageOptions } from './layout';

export interface TaskPageModel {
  task: UserTask;
  /** form-js schema, or undefined when the task has no form. */
  schema?: unknown;
  /** Prefill data (task variables + approvedBy). */
  data: Record<string, unknown>;
  disruptionId?: string;
  drill: boolean;
  processLabel: string;
  /** BPMN documentation of the user task (instructions, rule ids). */
  documentation?: string | null;
  formError?: string;
}

export function taskPage(ctx: PageContext & { user: LocalUser }, m: TaskPageModel, flash?: PageOptions['flash']): SafeHtml {
  const { task, user } = { task: m.task, user: ctx.user };
  const mine = task.assignee === user.id;
  const open = task.state === 'CREATED';
  const byOther = !!task.assignee && !mine;
  const title = task.name || task.elementId;
  const csrf = ctx.csrfToken ?? '';
  const claimForm = (action: 'claim' | 'unclaim', label: string, cls = 'button') =>
    html`<form method="post" action="/tasks/${task.userTaskKey}/${action}" class="inline-form">
      <input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="${cls}">${label}</button></form>`;

  return page(
    { ...ctx, section: 'tasks' },
    {
      title,
      flash,
      drill: m.drill,
      head: html`<meta name="csrf-token" content="${csrf}">
<link rel="stylesheet" href="/vendor/form-js/form-js.css">`,
      scripts: m.schema ? ['task-form'] : [],
      body: html`<p class="breadcrumbs"><a href="/tasks">← Alla uppgifter</a></p>
<div class="task-layout">
<article class="task-main" aria-labelledby="task-title">
  <h1 id="task-title">${title}</h1>
  <dl class="facts">
    <div><dt>Störning</dt><dd>${m.disruptionId ?? '–'}</dd></div>
    <div><dt>Process</dt><dd><a href="/cockpit/instances/${task.processInstanceKey}">${m.processLabel}</a></dd></div>
    <div><dt>Grupp</dt><dd>${(task.candidateGroups ?? []).map(groupLabel).join(', ') || '–'}</dd></div>
    <div><dt>Skapad</dt><dd>${formatDateTime(task.creationDate)}</dd></div>
    <div><dt>Status</dt><dd>${taskStateLabel(task.state)}</dd></div>
    <div><dt>Tilldelad</dt><dd id="task-assignee">${task.assignee ? (mine ? `${user.name} (du)` : task.assignee) : 'Ej tilldelad'}</dd></div>
  </dl>
  ${open
    ? html`<div class="task-actions">
      ${!task.assignee ? claimForm('claim', 'Ta uppgiften', 'button button-primary') : ''}
      ${mine ? claimForm('unclaim', 'Lämna tillbaka uppgiften', 'button button-quiet') : ''}
      ${byOther ? html`<p class="notice-text">Uppgiften är tilldelad ${task.assignee}. Du kan läsa formuläret men inte slutföra det.</p>` : ''}
    </div>`
    : html`<p class="notice-text notice-block">Uppgiften är ${taskStateLabel(task.state).toLowerCase()}.</p>`}
  ${m.documentation ? html`<section class="instructions" aria-labelledby="instr-title"><h2 id="instr-title">Instruktion</h2><p class="pre-line">${m.documentation}</p></section>` : ''}
  <section aria-labelledby="form-title" class="form-section">
    <h2 id="form-title">Formulär</h2>
    ${m.formError ? html`<div class="flash flash-error" role="alert">${m.formError}</div>` : ''}
    ${m.schema
      ? html`<noscript><p class="flash flash-error">Formuläret kräver JavaScript.</p></noscript>
    <div id="form-errors" class="flash flash-error" role="alert" tabindex="-1" hidden></div>
    <div id="task-form" class="task-form" data-task-key="${task.userTaskKey}"></div>
    <script type="application/json" id="task-form-model">${jsonForScript({
      userTaskKey: task.userTaskKey,
      schema: m.schema,
      data: m.data,
      readOnly: byOther || !open,
    })}</script>
    ${byOther || !open
      ? ''
      : html`<div class="form-submit">
      <button type="button" id="complete-task" class="button button-primary" disabled>${mine ? 'Slutför uppgiften' : 'Ta och slutför uppgiften'}</button>
      <span id="submit-status" role="status" class="submit-status"></span>
    </div>`}`
      : open
        ? html`<p>Uppgiften har inget formulär.</p>${!byOther
            ? html`<form method="post" action="/tasks/${task.userTaskKey}/complete" class="inline-form">
              <input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="button button-primary">Slutför uppgiften</button></form>`
            : ''}`
        : ''}
  </section>
</article>
</div>`,
    },
  );
}
