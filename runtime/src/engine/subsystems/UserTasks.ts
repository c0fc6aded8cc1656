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

export interface UserTaskChangeset {
  dueDate?: string | null;
  followUpDate?: string | null;
  candidateGroups?: string[];
  candidateUsers?: string[];
  priority?: number;
}

/**
 * Camunda user tasks (zeebe:userTask): created by `UserTaskBehaviour` with assignee, candidate groups and
 * users (comma list or FEEL list), due and follow-up dates, priority and the bound form
 * (FORM_NOT_FOUND incident when none); assigned, updated and completed by commands (409 unless CREATED).
 */
export class UserTasks {
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
    this.parts.repos.userTasks.insert({
      key: this.parts.keys.next(),
      pi: row.pi,
      ei: row.key,
      def: proc.key,
      element_id: el.id,
      name: el.name,
      assignee: str(u.assignee, 'assignee'),
      candidate_groups: JSON.stringify(list(u.candidateGroups, 'candidateGroups')),
      candidate_users: JSON.stringify(list(u.candidateUsers, 'candidateUsers')),
      form_key: formKey,
      external_form: u.externalFormKey ? String(feel.valueOf(u.externalFormKey, vars)) : null,
      creation: this.parts.clock.iso(),
      due: date(u.dueDate, 'dueDate'),
      follow_up: date(u.followUpDate, 'followUpDate'),
      priority: Number.isFinite(priority) ? priority : 50,
      tenant: proc.tenant,
    });
  }

  assign(key: Key, assignee: string, allowOverride: boolean): void {
    const t = this.find(key);
    if (t.state !== 'CREATED') throw Problem.conflict(`Expected to assign user task with key '${key}', but it is in state '${t.state}'`);
    if (!allowOverride && t.assignee && t.assignee !== assignee) throw Problem.conflict(`Expected to assign user task with key '${key}', but it is already assigned to '${t.assignee}'`);
    this.parts.repos.userTasks.setAssignee(t.key, assignee);
  }

  unassign(key: Key): void {
    const t = this.find(key);
    if (t.state !== 'CREATED') throw Problem.conflict(`Expected to unassign user task with key '${key}', but it is in state '${t.state}'`);
    this.parts.repos.userTasks.setAssignee(t.key, null);
  }

  update(key: Key, changeset: UserTaskChangeset): void {
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
      return JSON.stringify(v);
    };
    const t = this.find(key);
    const repo = this.parts.repos.userTasks;
    if (t.state !== 'CREATED') throw Problem.conflict(`Expected to update user task with key '${key}', but it is in state '${t.state}'`);
    if ('dueDate' in changeset) repo.set(t.key, 'due', iso(changeset.dueDate, 'dueDate'));
    if ('followUpDate' in changeset) repo.set(t.key, 'follow_up', iso(changeset.followUpDate, 'followUpDate'));
    if (changeset.candidateGroups !== undefined) repo.set(t.key, 'candidate_groups', strList(changeset.candidateGroups, 'candidateGroups'));
    if (changeset.candidateUsers !== undefined) repo.set(t.key, 'candidate_users', strList(changeset.candidateUsers, 'candidateUsers'));
    if (changeset.priority !== undefined) {
      if (!Number.isInteger(changeset.priority) || changeset.priority < 0 || changeset.priority > 100) throw Problem.badRequest('Expected priority to be an integer between 0 and 100');
      repo.set(t.key, 'priority', changeset.priority);
    }
  }

  complete(key: Key, vars: Variables): void {
    const t = this.find(key);
    if (t.state !== 'CREATED') throw Problem.conflict(`Expected to complete user task with key '${key}', but it is in state '${t.state}'`);
    this.parts.repos.userTasks.markCompleted(t.key, this.parts.clock.iso());
    const row = this.parts.elements.row(t.ei);
    if (row.state !== 'ACTIVE') return;
    const proc = this.parts.definitions.get(t.def);
    const el = this.parts.definitions.element(proc, row.element_id);
    this.parts.incidents.guard(proc, row, { op: 'complete' }, () => {
      this.parts.variables.setCompletionVariables(row, el, vars, proc.tenant);
      this.parts.lifecycle.complete(proc, row, el);
    });
  }

  /** A user task by key (404 when unknown). */
  find(key: Key): UserTaskRow {
    const k = parseKey(key, 'userTaskKey');
    const t = this.parts.repos.userTasks.get(k);
    if (!t) throw Problem.notFound(`Expected to find user task with key '${key}', but no such task was found`);
    return t;
  }
}
