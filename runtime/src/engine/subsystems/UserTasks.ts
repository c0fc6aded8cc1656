import { Problem } from '../../broker/Problem';
import type { Key, Variables } from '../../broker/types';
import { Feel } from '../../feel/Feel';
import type { ElementRow, UserTaskRow } from '../../store/rows';
import { parseKey } from '../command/input';
import type { EngineParts } from '../EngineParts';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { TimerSpec } from '../model/TimerSpec';
import { IncidentError } from '../state/IncidentError';
import { valuesOf, type TaskValues, type Transition } from './TaskListeners';

export interface UserTaskChangeset {
  dueDate?: string | null;
  followUpDate?: string | null;
  candidateGroups?: string[];
  candidateUsers?: string[];
  priority?: number;
}

/** Camunda's default request timeout: a request waiting for task listeners answers 504 after it (the operation goes on). */
export const USER_TASK_REQUEST_TIMEOUT_MS = 15_000;

interface Waiter {
  resolve: () => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Camunda user tasks (zeebe:userTask): created by `UserTaskBehaviour` with assignee, candidate groups and users
 * (comma list or FEEL list), due and follow-up dates, priority and the bound form (FORM_NOT_FOUND incident when
 * none); assigned, updated and completed by commands (409 unless CREATED). Every operation runs its task listeners
 * first (`TaskListeners`); `finish` does what the operation does once they accepted, and the request waiting for it
 * (`await`) is answered after that commit.
 */
export class UserTasks {
  private readonly waiters = new Map<number, Waiter>();

  constructor(private readonly parts: EngineParts) {}

  create(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    const u = el.userTask;
    if (!u) return;
    const { feel } = this.parts;
    const vars = this.parts.variables.visible(row.key);
    const str = (v: string | undefined, what: string): string | null => {
      if (!v) return null;
      const x = feel.valueOf(v, vars);
      if (x === null || x === undefined || x === '') return null;
      if (typeof x !== 'string' && typeof x !== 'number') throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected ${what} '${v}' to be a string, but was '${typeof x}'. Element '${el.id}'.`);
      return String(x);
    };
    const list = (v: string | undefined, what: string): string[] => {
      if (!v) return [];
      if (!Feel.isExpression(v)) return v.split(',').map((s) => s.trim()).filter(Boolean);
      const x = feel.evaluate(v, vars);
      if (x === null) return [];
      if (typeof x === 'string') return x.split(',').map((s) => s.trim()).filter(Boolean);
      if (Array.isArray(x) && x.every((i) => typeof i === 'string')) return x as string[];
      throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected ${what} '${v}' to be a list of strings. Element '${el.id}'.`);
    };
    const date = (v: string | undefined, what: string): string | null => {
      const s = str(v, what);
      if (s === null) return null;
      try {
        return new Date(TimerSpec.parseDate(s)).toISOString();
      } catch {
        throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected ${what} '${v}' to be an ISO 8601 date-time, but was '${s}'. Element '${el.id}'.`);
      }
    };
    let formKey: number | null = null;
    if (u.formId) {
      const fid = str(u.formId, 'formId');
      const f = this.parts.definitions.boundForm(fid ?? '', u.formBinding, proc);
      if (!f) throw new IncidentError('FORM_NOT_FOUND', `Expected to find a form with id '${fid}', but no form with this id is found, at least a form with this id should be available.`);
      formKey = f.key;
    }
    const priorityRaw = u.priority ? feel.valueOf(u.priority, vars) : 50;
    const priority = Number(priorityRaw);
    const assignee = str(u.assignee, 'assignee');
    const { taskListeners } = this.parts;
    // The assignee of the model is assigned once the task is created: through the assigning listeners when it has any.
    const creating = taskListeners.of(el, 'create').length > 0;
    const assignLater = assignee !== null && (creating || taskListeners.of(el, 'assign').length > 0);
    const values: TaskValues = {
      assignee: assignLater ? null : assignee,
      candidateGroups: list(u.candidateGroups, 'candidateGroups'),
      candidateUsers: list(u.candidateUsers, 'candidateUsers'),
      dueDate: date(u.dueDate, 'dueDate'),
      followUpDate: date(u.followUpDate, 'followUpDate'),
      priority: Number.isFinite(priority) ? priority : 50,
    };
    const task: UserTaskRow = {
      key: this.parts.keys.next(),
      pi: row.pi,
      ei: row.key,
      def: proc.key,
      element_id: el.id,
      name: el.name,
      state: 'CREATED',
      assignee: values.assignee,
      candidate_groups: JSON.stringify(values.candidateGroups),
      candidate_users: JSON.stringify(values.candidateUsers),
      form_key: formKey,
      external_form: u.externalFormKey ? String(feel.valueOf(u.externalFormKey, vars)) : null,
      creation: this.parts.clock.iso(),
      completion: null,
      due: values.dueDate,
      follow_up: values.followUpDate,
      priority: values.priority,
      tenant: proc.tenant,
      transition: null,
    };
    this.parts.repos.userTasks.insert(task);
    const assignAfter = assignLater ? assignee : null;
    if (creating) taskListeners.begin(task, { op: 'create', action: '', requested: values, values, changed: [], index: 0, assignAfter });
    else if (assignAfter) this.assignCreated(task, assignAfter);
  }

  /** POST …/assignment: 'done' when assigned, 'pending' while assigning listeners run. */
  assign(key: Key, assignee: string, allowOverride: boolean, action?: string): 'done' | 'pending' {
    const t = this.find(key);
    if (t.state !== 'CREATED') throw Problem.conflict(`Expected to assign user task with key '${key}', but it is in state '${t.state}'`);
    if (!allowOverride && t.assignee && t.assignee !== assignee) throw Problem.conflict(`Expected to assign user task with key '${key}', but it is already assigned to '${t.assignee}'`);
    const current = valuesOf(t);
    const values = { ...current, assignee };
    return this.begin(t, { op: 'assign', action: action || (allowOverride ? 'assign' : 'claim'), requested: values, values, changed: ['assignee'], index: 0 });
  }

  unassign(key: Key, action?: string): 'done' | 'pending' {
    const t = this.find(key);
    if (t.state !== 'CREATED') throw Problem.conflict(`Expected to unassign user task with key '${key}', but it is in state '${t.state}'`);
    const values = { ...valuesOf(t), assignee: null };
    return this.begin(t, { op: 'assign', action: action || 'unassign', requested: values, values, changed: ['assignee'], index: 0 });
  }

  update(key: Key, changeset: UserTaskChangeset, action?: string): 'done' | 'pending' {
    const iso = (v: string | null | undefined, what: string) => {
      if (v === null || v === undefined || v === '') return null;
      try {
        return new Date(TimerSpec.parseDate(v)).toISOString();
      } catch {
        throw Problem.badRequest(`Expected ${what} to be an ISO 8601 date-time, but was '${v}'`);
      }
    };
    const strList = (v: unknown, what: string) => {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw Problem.badRequest(`Expected ${what} to be a list of strings`);
      return v as string[];
    };
    const t = this.find(key);
    if (t.state !== 'CREATED') throw Problem.conflict(`Expected to update user task with key '${key}', but it is in state '${t.state}'`);
    const values = valuesOf(t);
    const changed: string[] = [];
    if ('dueDate' in changeset) {
      values.dueDate = iso(changeset.dueDate, 'dueDate');
      changed.push('dueDate');
    }
    if ('followUpDate' in changeset) {
      values.followUpDate = iso(changeset.followUpDate, 'followUpDate');
      changed.push('followUpDate');
    }
    if (changeset.candidateGroups !== undefined) {
      values.candidateGroups = strList(changeset.candidateGroups, 'candidateGroups');
      changed.push('candidateGroupsList');
    }
    if (changeset.candidateUsers !== undefined) {
      values.candidateUsers = strList(changeset.candidateUsers, 'candidateUsers');
      changed.push('candidateUsersList');
    }
    if (changeset.priority !== undefined) {
      if (!Number.isInteger(changeset.priority) || changeset.priority < 0 || changeset.priority > 100) throw Problem.badRequest('Expected priority to be an integer between 0 and 100');
      values.priority = changeset.priority;
      changed.push('priority');
    }
    return this.begin(t, { op: 'update', action: action || 'update', requested: values, values, changed, index: 0 });
  }

  complete(key: Key, vars: Variables, action?: string): 'done' | 'pending' {
    const t = this.find(key);
    if (t.state !== 'CREATED') throw Problem.conflict(`Expected to complete user task with key '${key}', but it is in state '${t.state}'`);
    const values = valuesOf(t);
    return this.begin(t, { op: 'complete', action: action || 'complete', requested: values, values, changed: [], index: 0, variables: vars });
  }

  /**
   * The element of an open task is terminated: an operation in progress is abandoned (its request is refused) and
   * the task is canceled – through its canceling listeners when it has any (true: the element waits for them).
   */
  cancel(row: ElementRow): boolean {
    const task = this.parts.repos.userTasks.openOf(row.key);
    if (!task) return false;
    if (task.transition) {
      const pending = JSON.parse(task.transition) as Transition;
      const problem = Problem.conflict(`Expected to ${pending.op} user task with key '${task.key}', but it was canceled`);
      this.parts.commands.afterCommit(() => this.settle(task.key, problem));
      if (pending.op === 'cancel') return true;
    }
    const values = valuesOf(task);
    return !this.parts.taskListeners.begin(task, { op: 'cancel', action: '', requested: values, values, changed: [], index: 0 });
  }

  /** The operation's listeners accepted (or it has none): the operation takes effect. */
  finish(task: UserTaskRow, t: Transition): void {
    const repo = this.parts.repos.userTasks;
    if (t.op === 'create') {
      repo.applyValues(task.key, { ...t.values, assignee: null });
      repo.setState(task.key, 'CREATED', null);
      const assignee = t.values.assignee ?? t.assignAfter ?? null;
      if (assignee) this.assignCreated(this.find(String(task.key)), assignee);
      return;
    }
    repo.applyValues(task.key, t.values);
    if (t.op === 'assign' || t.op === 'update') {
      repo.setState(task.key, 'CREATED', null);
      this.parts.commands.afterCommit(() => this.settle(task.key, null));
      return;
    }
    const now = this.parts.clock.iso();
    const row = this.parts.elements.row(task.ei);
    if (t.op === 'cancel') {
      repo.markCanceled(task.key, now);
      this.parts.termination.resume(row);
      return;
    }
    repo.markCompleted(task.key, now);
    this.parts.commands.afterCommit(() => this.settle(task.key, null));
    if (row.state !== 'ACTIVE') return;
    const proc = this.parts.definitions.get(task.def);
    const el = this.parts.definitions.element(proc, row.element_id);
    this.parts.incidents.guard(proc, row, { op: 'complete' }, () => {
      this.parts.variables.setCompletionVariables(row, el, t.variables ?? {}, proc.tenant);
      this.parts.lifecycle.complete(proc, row, el);
    });
  }

  /** Resolves when the operation on task `key` (begun in the command that just committed) is done; 409 when denied. */
  await(key: Key, timeoutMs = USER_TASK_REQUEST_TIMEOUT_MS): Promise<void> {
    const k = parseKey(key, 'userTaskKey');
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(k);
        reject(Problem.deadlineExceeded(`Expected the task listeners of user task '${key}' to complete within ${timeoutMs} ms, but they did not; the operation goes on`));
      }, timeoutMs);
      timer.unref();
      this.waiters.get(k)?.reject(Problem.conflict(`Another operation on user task '${key}' superseded this request`));
      this.waiters.set(k, { resolve, reject, timer });
    });
  }

  /** After the commit: the operation on task `key` is done (null) or refused. */
  settle(key: number, problem: Problem | null): void {
    const w = this.waiters.get(key);
    if (!w) return;
    this.waiters.delete(key);
    clearTimeout(w.timer);
    if (problem) w.reject(problem);
    else w.resolve();
  }

  close(): void {
    for (const [key, w] of this.waiters) {
      clearTimeout(w.timer);
      w.reject(Problem.conflict(`The runtime shut down before the operation on user task '${key}' completed`));
    }
    this.waiters.clear();
  }

  /** A user task by key (404 when unknown). */
  find(key: Key): UserTaskRow {
    const k = parseKey(key, 'userTaskKey');
    const t = this.parts.repos.userTasks.get(k);
    if (!t) throw Problem.notFound(`Expected to find user task with key '${key}', but no such task was found`);
    return t;
  }

  private begin(task: UserTaskRow, t: Transition): 'done' | 'pending' {
    return this.parts.taskListeners.begin(task, t) ? 'done' : 'pending';
  }

  /** A created task gets the assignee of its model (or of a creating listener): through its assigning listeners. */
  private assignCreated(task: UserTaskRow, assignee: string): void {
    const values = { ...valuesOf(task), assignee };
    this.parts.taskListeners.begin(task, { op: 'assign', action: 'assign', requested: values, values, changed: ['assignee'], index: 0 });
  }
}
