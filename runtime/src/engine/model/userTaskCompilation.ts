import { DateTime } from 'luxon';
import { Feel } from '../../feel/Feel';
import { ext, type MEl } from './moddle';
import type { ElementDef, TaskListenerDef, TaskListenerEventType } from './ProcessModel';

/** Camunda 8.8's task listener event types, and the deprecated names it still accepts for them. */
const TASK_LISTENER_EVENTS: Record<string, TaskListenerEventType> = {
  creating: 'creating',
  assigning: 'assigning',
  updating: 'updating',
  completing: 'completing',
  canceling: 'canceling',
  create: 'creating',
  assignment: 'assigning',
  update: 'updating',
  complete: 'completing',
  cancel: 'canceling',
};

type Binding = NonNullable<NonNullable<ElementDef['userTask']>['formBinding']>;

/** A Camunda user task (`zeebe:userTask`): assignment, schedule, form, priority and task listeners, validated as Camunda 8.8 does. */
export function compileUserTask(el: MEl, fail: (reason: string) => void, binding: (el: MEl, ext: MEl) => Binding): NonNullable<ElementDef['userTask']> {
  const a = ext(el, 'zeebe:AssignmentDefinition');
  const s = ext(el, 'zeebe:TaskSchedule');
  const f = ext(el, 'zeebe:FormDefinition');
  const p = ext(el, 'zeebe:PriorityDefinition');
  for (const [k, v] of Object.entries({ dueDate: s?.dueDate, followUpDate: s?.followUpDate })) {
    if (v && !Feel.isExpression(v) && !DateTime.fromISO(v).isValid) fail(`${k} '${v}' is not an ISO 8601 date-time`);
  }
  return {
    assignee: a?.assignee || undefined,
    candidateGroups: a?.candidateGroups || undefined,
    candidateUsers: a?.candidateUsers || undefined,
    dueDate: s?.dueDate || undefined,
    followUpDate: s?.followUpDate || undefined,
    formId: f?.formId || undefined,
    formBinding: f?.formId ? binding(el, f) : undefined,
    externalFormKey: f?.externalReference || f?.formKey || undefined,
    priority: p?.priority || undefined,
    listeners: taskListeners(el, fail),
  };
}

/** zeebe:taskListeners in model order; an unknown event type or a missing job type fails the deployment. */
function taskListeners(el: MEl, fail: (reason: string) => void): TaskListenerDef[] | undefined {
  const listeners: MEl[] = ext(el, 'zeebe:TaskListeners')?.listeners ?? [];
  if (listeners.length === 0) return undefined;
  const out: TaskListenerDef[] = [];
  for (const l of listeners) {
    const eventType = TASK_LISTENER_EVENTS[String(l.eventType ?? '')];
    if (!eventType) {
      fail(
        `Task listener event type '${l.eventType ?? ''}' is not supported. Currently, only 'creating', 'assigning', 'updating', 'completing', 'canceling' event types and 'create', 'assignment', 'update', 'complete', 'cancel' deprecated event types are supported.`,
      );
      continue;
    }
    if (!l.type || !String(l.type).trim()) {
      fail(`a task listener (eventType '${l.eventType}') must have a job type: attribute 'type' must be present and not empty`);
      continue;
    }
    out.push({ eventType, type: String(l.type), retries: l.retries ? String(l.retries) : '3' });
  }
  return out;
}
