import type { UserTaskRow } from './rows';
import type { Store } from './Store';

type UpdatableColumn = 'due' | 'follow_up' | 'candidate_groups' | 'candidate_users' | 'priority';

/** `user_tasks`: Camunda user tasks (zeebe:userTask), CREATED → COMPLETED or CANCELED; kept for search. */
export class UserTaskRepository {
  constructor(private readonly store: Store) {}

  insert(r: Omit<UserTaskRow, 'state' | 'completion'>): void {
    this.store.run(
      "INSERT INTO user_tasks (key, pi, ei, def, element_id, name, state, assignee, candidate_groups, candidate_users, form_key, external_form, creation, completion, due, follow_up, priority, tenant) VALUES (?, ?, ?, ?, ?, ?, 'CREATED', ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)",
      r.key,
      r.pi,
      r.ei,
      r.def,
      r.element_id,
      r.name,
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
    );
  }

  get(key: number): UserTaskRow | undefined {
    return this.store.get<UserTaskRow>('SELECT * FROM user_tasks WHERE key = ?', key);
  }

  setAssignee(key: number, assignee: string | null): void {
    this.store.run('UPDATE user_tasks SET assignee = ? WHERE key = ?', assignee, key);
  }

  set(key: number, column: UpdatableColumn, value: string | number | null): void {
    this.store.run(`UPDATE user_tasks SET ${column} = ? WHERE key = ?`, value, key);
  }

  markCompleted(key: number, at: string): void {
    this.store.run("UPDATE user_tasks SET state = 'COMPLETED', completion = ? WHERE key = ?", at, key);
  }

  /** The open task of a terminated element instance is canceled. */
  cancelOf(elementInstanceKey: number, at: string): void {
    this.store.run("UPDATE user_tasks SET state = 'CANCELED', completion = ? WHERE ei = ? AND state = 'CREATED'", at, elementInstanceKey);
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
