import type { InstanceRow } from './rows';
import type { Store } from './Store';

const WITH_INCIDENT = "SELECT i.*, EXISTS(SELECT 1 FROM incidents n WHERE n.pi = i.key AND n.state = 'ACTIVE') AS has_incident FROM instances i";

/** `instances`: process instances (their root element instance is a row of `elements` with the same key). */
export class InstanceRepository {
  constructor(private readonly store: Store) {}

  insert(r: Omit<InstanceRow, 'end' | 'has_incident'>): void {
    this.store.run(
      'INSERT INTO instances (key, def, process_id, version, name, state, start, end, parent_pi, parent_ei, tenant, start_ck) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)',
      r.key,
      r.def,
      r.process_id,
      r.version,
      r.name,
      r.state,
      r.start,
      r.parent_pi,
      r.parent_ei,
      r.tenant,
      r.start_ck,
    );
  }

  get(key: number): InstanceRow | undefined {
    return this.store.get<InstanceRow>('SELECT * FROM instances WHERE key = ?', key);
  }

  markCompleted(key: number, end: string): void {
    this.store.run("UPDATE instances SET state = 'COMPLETED', end = ? WHERE key = ?", end, key);
  }

  markTerminated(key: number, end: string): void {
    this.store.run("UPDATE instances SET state = 'TERMINATED', end = ? WHERE key = ?", end, key);
  }

  /** An active instance of the process started by a message with this correlation key exists. */
  hasActiveWithStartKey(processId: string, correlationKey: string): boolean {
    return this.store.get("SELECT 1 FROM instances WHERE process_id = ? AND start_ck = ? AND state = 'ACTIVE'", processId, correlationKey) !== undefined;
  }

  /** Active child instances started by a call activity instance. */
  activeCalledBy(callActivityKey: number): InstanceRow[] {
    return this.store.all<InstanceRow>("SELECT * FROM instances WHERE parent_ei = ? AND state = 'ACTIVE'", callActivityKey);
  }

  // --- read side (records), with `has_incident` ---------------------------------------------

  findWithIncident(key: number): InstanceRow[] {
    return this.store.all<InstanceRow>(`${WITH_INCIDENT} WHERE i.key = ?`, key);
  }

  listWithIncident(state?: string): InstanceRow[] {
    if (state) return this.store.all<InstanceRow>(`${WITH_INCIDENT} WHERE i.state = ? ORDER BY i.key`, state);
    return this.store.all<InstanceRow>(`${WITH_INCIDENT} ORDER BY i.key`);
  }
}
