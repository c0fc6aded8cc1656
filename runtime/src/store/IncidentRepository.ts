import type { IncidentRow } from './rows';
import type { Store } from './Store';

/** `incidents`: ACTIVE → RESOLVED; `retry` is the JSON of the step to run again on resolution. */
export class IncidentRepository {
  constructor(private readonly store: Store) {}

  insert(r: Omit<IncidentRow, 'state'>): void {
    this.store.run(
      "INSERT INTO incidents (key, error_type, error_message, element_id, ei, job, pi, def, state, creation, tenant, retry) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?)",
      r.key,
      r.error_type,
      r.error_message,
      r.element_id,
      r.ei,
      r.job,
      r.pi,
      r.def,
      r.creation,
      r.tenant,
      r.retry,
    );
  }

  get(key: number): IncidentRow | undefined {
    return this.store.get<IncidentRow>('SELECT * FROM incidents WHERE key = ?', key);
  }

  markResolved(key: number): void {
    this.store.run("UPDATE incidents SET state = 'RESOLVED' WHERE key = ?", key);
  }

  /** The open incidents of a terminated element instance no longer apply. */
  resolveOf(elementInstanceKey: number): void {
    this.store.run("UPDATE incidents SET state = 'RESOLVED' WHERE ei = ? AND state = 'ACTIVE'", elementInstanceKey);
  }

  // --- read side (records) ---------------------------------------------------------------------

  find(key: number): IncidentRow[] {
    return this.store.all<IncidentRow>('SELECT * FROM incidents WHERE key = ?', key);
  }

  listOfInstance(pi: number): IncidentRow[] {
    return this.store.all<IncidentRow>('SELECT * FROM incidents WHERE pi = ? ORDER BY key', pi);
  }

  listAll(): IncidentRow[] {
    return this.store.all<IncidentRow>('SELECT * FROM incidents ORDER BY key');
  }
}
