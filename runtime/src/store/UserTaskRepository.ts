import type { UserTaskRow } from './rows';
import type { Store } from './Store';

/**
 * `user_tasks`: Camunda user tasks (zeebe:userTask), CREATING → CREATED → COMPLETED or CANCELED, through the
 * transitional states ASSIGNING, UPDATING, COMPLETING, CANCELING while task listeners run (`transition` holds
 * the operation in progress); kept for search.
 */
export class UserTaskRepository {
  constructor(private readonly store: Store) {}

  insert(r: Omit<UserTaskRow, 'completion'>): void {
    this.store.run(
      'INSERT INTO user_tasks (key, pi, ei, def, element_id, name, state, assignee, candidate_groups, candidate_users, form_key, external_form, creation, completion, due, follow_up, priority, tenant, transition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)',
      r.key,
      r.pi,
      r.ei,
      r.def,
      r.element_id,
      r.name,
      r.state,
      r.assignee,
      r.candidate_groups,
      r.candidate_users,
      r.form_key,
      r.external_form,
      r.creation,
      r.due,
      r.follow_up,
      r.priority,
      r.tenant,
      r.transition,
    );
  }

  get(key: number): UserTaskRow | undefined {
    return this.store.get<UserTaskRow>('SELECT * FROM user_tasks WHERE key = ?', key);
  }

  /** The attributes an operation (and its task listeners' corrections) set. */
  applyValues(key: number, v: { assignee: string | null; candidateGroups: string[]; candidateUsers: string[]; dueDate: string | null; followUpDate: string | null; priority: number }): void {
    this.store.run(
      'UPDATE user_tasks SET assignee = ?, candidate_groups = ?, candidate_users = ?, due = ?, follow_up = ?, priority = ? WHERE key = ?',
      v.assignee,
      JSON.stringify(v.candidateGroups),
      JSON.stringify(v.candidateUsers),
      v.dueDate,
      v.followUpDate,
      v.priority,
      key,
    );
  }

  /** Enters or leaves a transitional state (`transition`: the operation in progress, null when none). */
  setState(key: number, state: string, transition: string | null): void {
    this.store.run('UPDATE user_tasks SET state = ?, transition = ? WHERE key = ?', state, transition, key);
  }

  markCompleted(key: number, at: string): void {
    this.store.run("UPDATE user_tasks SET state = 'COMPLETED', completion = ?, transition = NULL WHERE key = ?", at, key);
  }

  markCanceled(key: number, at: string): void {
    this.store.run("UPDATE user_tasks SET state = 'CANCELED', completion = ?, transition = NULL WHERE key = ?", at, key);
  }

  /** The task of an element instance that is neither completed nor canceled. */
  openOf(elementInstanceKey: number): UserTaskRow | undefined {
    return this.store.get<UserTaskRow>("SELECT * FROM user_tasks WHERE ei = ? AND state NOT IN ('COMPLETED', 'CANCELED')", elementInstanceKey);
  }

  // --- read side (records) ---------------------------------------------------------------------

  find(key: number): UserTaskRow[] {
    return this.store.all<UserTaskRow>('SELECT * FROM user_tasks WHERE key = ?', key);
  }

  listOfInstance(pi: number): UserTaskRow[] {
    return this.store.all<UserTaskRow>('SELECT * FROM user_tasks WHERE pi = ? ORDER BY key', pi);
  }

  listAll(): UserTaskRow[] {
    return this.store.all<UserTaskRow>('SELECT * FROM user_tasks ORDER BY key');
  }
}
