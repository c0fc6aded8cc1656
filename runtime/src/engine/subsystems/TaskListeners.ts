import { Problem } from '../../broker/Problem';
import type { JobResult, Variables } from '../../broker/types';
import type { ElementRow, JobRow, UserTaskRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef, TaskListenerDef, TaskListenerEventType } from '../model/ProcessModel';

/** The attributes of a user task a command changes and a task listener may correct. */
export interface TaskValues {
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate: string | null;
  followUpDate: string | null;
  priority: number;
}

export type TransitionOp = 'create' | 'assign' | 'update' | 'complete' | 'cancel';

/**
 * A user task operation in progress (column `transition` of `user_tasks`): what was asked (`requested`), what the
 * task will be once its listeners accepted (`values`, with their corrections), and which listener runs now.
 */
export interface Transition {
  op: TransitionOp;
  /** Camunda's action (assign, claim, unassign, update, complete or a custom one; empty for create and cancel). */
  action: string;
  requested: TaskValues;
  values: TaskValues;
  /** Camunda's names of the attributes the command changed (assignee, candidateGroupsList, ...). */
  changed: string[];
  /** The listener whose job runs now. */
  index: number;
  /** complete: the variables of the completion, set when the task completes. */
  variables?: Variables;
  /** create: the assignee of the model, assigned (through the assigning listeners) once the task is created. */
  assignAfter?: string | null;
}

const EVENT_OF: Record<TransitionOp, TaskListenerEventType> = { create: 'creating', assign: 'assigning', update: 'updating', complete: 'completing', cancel: 'canceling' };
const STATE_OF: Record<TransitionOp, string> = { create: 'CREATING', assign: 'ASSIGNING', update: 'UPDATING', complete: 'COMPLETING', cancel: 'CANCELING' };
/** Camunda's attribute names (UserTaskRecord), used in changedAttributes and the correction checks. */
const ATTRIBUTE: Record<keyof TaskValues, string> = {
  assignee: 'assignee',
  candidateGroups: 'candidateGroupsList',
  candidateUsers: 'candidateUsersList',
  dueDate: 'dueDate',
  followUpDate: 'followUpDate',
  priority: 'priority',
};
const DENIABLE = ['ASSIGNING', 'COMPLETING', 'UPDATING'];
/** The rejection of a denied operation, as Camunda answers the command that is waiting for it. */
const DENIED: Partial<Record<TransitionOp, string>> = { assign: 'Assignment', update: 'Update', complete: 'Completion' };

export function valuesOf(t: UserTaskRow): TaskValues {
  return {
    assignee: t.assignee,
    candidateGroups: JSON.parse(t.candidate_groups) as string[],
    candidateUsers: JSON.parse(t.candidate_users) as string[],
    dueDate: t.due,
    followUpDate: t.follow_up,
    priority: t.priority,
  };
}

/** Camunda's names of the attributes that differ between two task values. */
export function changedAttributes(a: TaskValues, b: TaskValues): string[] {
  return (Object.keys(ATTRIBUTE) as Array<keyof TaskValues>).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => ATTRIBUTE[k]);
}

/**
 * Task listeners (Camunda 8.8, `zeebe:taskListeners`): a user task operation — creating, assigning, updating,
 * completing, canceling — first runs the listeners of its event, one job after the other (kind TASK_LISTENER).
 * Meanwhile the task is in a transitional state (CREATING, ASSIGNING, ...) and other operations are refused. A
 * listener completes its job accepting (optionally with corrections of assignee, dates, candidates, priority) or
 * denying (assigning, updating, completing only): a denial leaves the task as it was and rejects the waiting
 * request with 409 INVALID_STATE. After the last listener the operation is finished by `UserTasks.finish`.
 */
export class TaskListeners {
  constructor(private readonly parts: EngineParts) {}

  /** The listeners of an element for one event, in model order. */
  of(el: ElementDef, op: TransitionOp): TaskListenerDef[] {
    const event = EVENT_OF[op];
    return (el.userTask?.listeners ?? []).filter((l) => l.eventType === event);
  }

  /** Starts an operation on a task: its first listener's job, or the operation at once when it has none. True when done. */
  begin(task: UserTaskRow, t: Transition): boolean {
    const { proc, row, el } = this.context(task);
    if (this.of(el, t.op).length === 0) {
      this.parts.userTasks.finish(task, t);
      return true;
    }
    this.parts.repos.userTasks.setState(task.key, STATE_OF[t.op], JSON.stringify(t));
    this.createJob(task, t, proc, row, el);
    return false;
  }

  /** A listener job completed (checked by `checkCompletion`, deleted): the next listener, the denial, or the operation. */
  jobCompleted(job: JobRow, result: JobResult): void {
    const task = this.parts.repos.userTasks.openOf(job.ei);
    if (!task?.transition) return;
    const t = JSON.parse(task.transition) as Transition;
    if (result.denied) {
      this.deny(task, t, result.deniedReason ?? '');
      return;
    }
    t.values = corrected(t.values, result.corrections);
    t.index += 1;
    const { proc, row, el } = this.context(task);
    if (t.index < this.of(el, t.op).length) {
      this.parts.repos.userTasks.setState(task.key, STATE_OF[t.op], JSON.stringify(t));
      this.createJob(task, t, proc, row, el);
      return;
    }
    this.parts.userTasks.finish(task, t);
  }

  /** An incident on creating a listener job (its type or retries expression) was resolved: the operation's listeners run again from the first. */
  retry(row: ElementRow): void {
    const task = this.parts.repos.userTasks.openOf(row.key);
    if (!task?.transition) return;
    const t = JSON.parse(task.transition) as Transition;
    t.index = 0;
    t.values = t.requested;
    this.parts.repos.userTasks.setState(task.key, task.state, JSON.stringify(t));
    const { proc, el } = this.context(task);
    this.createJob(task, t, proc, row, el);
  }

  /** Camunda 8.8's checks of a task listener job's completion (each a 400 with Camunda's message). */
  checkCompletion(job: JobRow, variables: Variables, result: JobResult | undefined): void {
    const where = `(job key '${job.key}', type '${job.type}', processInstanceKey '${job.pi}')`;
    if (Object.keys(variables).length > 0) {
      throw Problem.badRequest(`Task Listener job completion with variables payload provided is not yet supported ${where}. Support will be enabled with the resolution of issue #23702.`);
    }
    const corrections = Object.entries(result?.corrections ?? {}).filter(([, v]) => v !== null && v !== undefined);
    if (result?.denied && !DENIABLE.includes(job.listener)) {
      throw Problem.badRequest(`Denying result is not supported for '${job.listener}' task listener jobs ${where}. Only the following listener event types support denying: [${DENIABLE.join(', ')}].`);
    }
    if (result?.denied && corrections.length > 0) {
      throw Problem.badRequest(
        `Expected to complete task listener job with corrections, but the job result is denied ${where}. The corrections would be reverted by the denial. Either complete the job with corrections without setting denied, or complete the job with a denied result but no corrections.`,
      );
    }
    if (job.listener === 'CREATING' && corrections.some(([k]) => k === 'assignee')) {
      const t = this.parts.repos.userTasks.openOf(job.ei)?.transition;
      if (t && (JSON.parse(t) as Transition).assignAfter) {
        throw Problem.badRequest(
          `Expected to complete task listener job, but correcting the assignee on 'CREATING' event is not supported when the user task has an assignee defined in the model ${where}. Use the 'CREATING' event to set an assignee only if it was not defined. Use the 'ASSIGNING' event to correct an assignee that is already defined.`,
        );
      }
    }
  }

  /** The operation is denied: the task is as it was, the waiting request gets Camunda's rejection. */
  private deny(task: UserTaskRow, t: Transition, reason: string): void {
    this.parts.repos.userTasks.setState(task.key, 'CREATED', null);
    const what = DENIED[t.op] ?? 'Operation';
    const problem = Problem.conflict(`${what} of the User Task with key '${task.key}' was denied by Task Listener. Reason to deny: '${reason}'`);
    this.parts.commands.afterCommit(() => this.parts.userTasks.settle(task.key, problem));
  }

  /** The job of the listener `t.index`; a failing type or retries expression is an incident on the task's element. */
  private createJob(task: UserTaskRow, t: Transition, proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    const listener = this.of(el, t.op)[t.index];
    const changed = t.index === 0 ? t.changed : changedAttributes(t.values, valuesOf(task));
    const headers = userTaskHeaders(task, t, changed);
    this.parts.incidents.guard(proc, row, { op: 'taskListener' }, () => this.parts.jobs.createListenerJob(proc, row, listener, 'TASK_LISTENER', EVENT_OF[t.op].toUpperCase(), headers));
  }

  private context(task: UserTaskRow): { proc: ProcessDefinition; row: ElementRow; el: ElementDef } {
    const proc = this.parts.definitions.get(task.def);
    const row = this.parts.elements.row(task.ei);
    return { proc, row, el: this.parts.definitions.element(proc, row.element_id) };
  }
}

/** Corrections of a listener: a given attribute replaces the value ("" or [] clears it), null or absent keeps it. */
function corrected(values: TaskValues, c: JobResult['corrections']): TaskValues {
  if (!c) return values;
  const out = { ...values };
  if (c.assignee != null) out.assignee = c.assignee === '' ? null : c.assignee;
  if (c.dueDate != null) out.dueDate = c.dueDate === '' ? null : new Date(c.dueDate).toISOString();
  if (c.followUpDate != null) out.followUpDate = c.followUpDate === '' ? null : new Date(c.followUpDate).toISOString();
  if (c.candidateGroups != null) out.candidateGroups = c.candidateGroups;
  if (c.candidateUsers != null) out.candidateUsers = c.candidateUsers;
  if (c.priority != null) out.priority = c.priority;
  return out;
}

/** The `io.camunda.zeebe:*` headers Camunda gives a task listener job: the task as the operation would leave it. */
function userTaskHeaders(task: UserTaskRow, t: Transition, changed: string[]): Record<string, string> {
  const h: Record<string, string> = {};
  const v = t.values;
  if (t.action) h['io.camunda.zeebe:action'] = t.action;
  if (changed.length > 0) h['io.camunda.zeebe:changedAttributes'] = JSON.stringify([...changed].sort());
  if (v.priority > 0) h['io.camunda.zeebe:priority'] = String(v.priority);
  h['io.camunda.zeebe:userTaskKey'] = String(task.key);
  if (v.assignee) h['io.camunda.zeebe:assignee'] = v.assignee;
  if (v.candidateGroups.length > 0) h['io.camunda.zeebe:candidateGroups'] = JSON.stringify(v.candidateGroups);
  if (v.candidateUsers.length > 0) h['io.camunda.zeebe:candidateUsers'] = JSON.stringify(v.candidateUsers);
  if (v.dueDate) h['io.camunda.zeebe:dueDate'] = v.dueDate;
  if (v.followUpDate) h['io.camunda.zeebe:followUpDate'] = v.followUpDate;
  if (task.form_key !== null) h['io.camunda.zeebe:formKey'] = String(task.form_key);
  return h;
}
