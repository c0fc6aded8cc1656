import type { ElementRow } from './rows';
import type { Store } from './Store';

/** `elements`: element instances (the process instance itself is the row of type PROCESS), with their flow scope. */
export class ElementRepository {
  constructor(private readonly store: Store) {}

  insert(r: Pick<ElementRow, 'key' | 'pi' | 'def' | 'element_id' | 'type' | 'name' | 'scope' | 'start' | 'data'>): void {
    this.store.run(
      "INSERT INTO elements (key, pi, def, element_id, type, name, state, scope, start, end, incident, data) VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, NULL, NULL, ?)",
      r.key,
      r.pi,
      r.def,
      r.element_id,
      r.type,
      r.name,
      r.scope,
      r.start,
      r.data,
    );
  }

  get(key: number): ElementRow | undefined {
    return this.store.get<ElementRow>('SELECT * FROM elements WHERE key = ?', key);
  }

  /** The flow scope key of an element instance: null for a process instance, undefined when unknown. */
  scopeOf(key: number): number | null | undefined {
    return this.store.get<{ scope: number | null }>('SELECT scope FROM elements WHERE key = ?', key)?.scope;
  }

  stateOf(key: number): string | undefined {
    return this.store.get<{ state: string }>('SELECT state FROM elements WHERE key = ?', key)?.state;
  }

  setData(key: number, data: string): void {
    this.store.run('UPDATE elements SET data = ? WHERE key = ?', data, key);
  }

  markCompleted(key: number, end: string): void {
    this.store.run("UPDATE elements SET state = 'COMPLETED', end = ? WHERE key = ?", end, key);
  }

  /** Being terminated: it waits for canceling task listeners below it (records show it as ACTIVE until then). */
  markTerminating(key: number): void {
    this.store.run("UPDATE elements SET state = 'TERMINATING' WHERE key = ?", key);
  }

  /** Terminated; an open incident on it no longer counts. */
  markTerminated(key: number, end: string): void {
    this.store.run("UPDATE elements SET state = 'TERMINATED', end = ?, incident = NULL WHERE key = ?", end, key);
  }

  setIncident(key: number, incidentKey: number): void {
    this.store.run('UPDATE elements SET incident = ? WHERE key = ?', incidentKey, key);
  }

  clearIncident(key: number, incidentKey: number): void {
    this.store.run('UPDATE elements SET incident = NULL WHERE key = ? AND incident = ?', key, incidentKey);
  }

  /** The completed children of a scope, latest completed first (compensation runs in reverse order). */
  completedChildren(scopeKey: number): ElementRow[] {
    return this.store.all<ElementRow>("SELECT * FROM elements WHERE scope = ? AND state = 'COMPLETED' ORDER BY end DESC, key DESC", scopeKey);
  }

  activeChildren(scopeKey: number): ElementRow[] {
    return this.store.all<ElementRow>("SELECT * FROM elements WHERE scope = ? AND state = 'ACTIVE'", scopeKey);
  }

  /** Children that are active or still being terminated (a scope completes or terminates only without them). */
  countActiveChildren(scopeKey: number): number {
    return this.store.get<{ n: number }>("SELECT COUNT(*) AS n FROM elements WHERE scope = ? AND state IN ('ACTIVE', 'TERMINATING')", scopeKey)?.n ?? 0;
  }

  countTerminating(scopeKey: number): number {
    return this.store.get<{ n: number }>("SELECT COUNT(*) AS n FROM elements WHERE scope = ? AND state = 'TERMINATING'", scopeKey)?.n ?? 0;
  }

  // --- read side (records): every element instance but the process itself --------------------

  findRecord(key: number): ElementRow[] {
    return this.store.all<ElementRow>("SELECT * FROM elements WHERE key = ? AND type != 'PROCESS'", key);
  }

  listRecords(pi?: number): ElementRow[] {
    if (pi !== undefined) return this.store.all<ElementRow>("SELECT * FROM elements WHERE pi = ? AND type != 'PROCESS' ORDER BY key", pi);
    return this.store.all<ElementRow>("SELECT * FROM elements WHERE type != 'PROCESS' ORDER BY key");
  }
}
