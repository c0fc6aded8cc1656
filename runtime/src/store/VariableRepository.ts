import type { VariableRow } from './rows';
import type { Store } from './Store';

/** `variables`: one row per variable and scope (element instance key), values as JSON text. */
export class VariableRepository {
  constructor(private readonly store: Store) {}

  /** Names and JSON values of one scope's own variables. */
  ofScope(scope: number): Array<Pick<VariableRow, 'name' | 'value'>> {
    return this.store.all<VariableRow>('SELECT name, value FROM variables WHERE scope = ?', scope);
  }

  has(scope: number, name: string): boolean {
    return this.store.get('SELECT 1 FROM variables WHERE scope = ? AND name = ?', scope, name) !== undefined;
  }

  /** Sets a variable of a scope; `key` is used only when the variable is new. */
  upsert(key: number, scope: number, pi: number, name: string, json: string, tenant: string): void {
    this.store.run(
      'INSERT INTO variables (key, scope, pi, name, value, tenant) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(scope, name) DO UPDATE SET value = excluded.value',
      key,
      scope,
      pi,
      name,
      json,
      tenant,
    );
  }

  /** Before an element is entered again (incident resolved): its local variables but loopCounter go. */
  clearForReentry(scope: number): void {
    this.store.run("DELETE FROM variables WHERE scope = ? AND name NOT IN ('loopCounter')", scope);
  }

  loopCounter(scope: number): string | undefined {
    return this.store.get<{ value: string }>("SELECT value FROM variables WHERE scope = ? AND name = 'loopCounter'", scope)?.value;
  }

  // --- read side (records) ---------------------------------------------------------------------

  find(key: number): VariableRow[] {
    return this.store.all<VariableRow>('SELECT * FROM variables WHERE key = ?', key);
  }

  listOfScope(scope: number): VariableRow[] {
    return this.store.all<VariableRow>('SELECT * FROM variables WHERE scope = ? ORDER BY key', scope);
  }

  listOfInstance(pi: number): VariableRow[] {
    return this.store.all<VariableRow>('SELECT * FROM variables WHERE pi = ? ORDER BY key', pi);
  }

  listAll(): VariableRow[] {
    return this.store.all<VariableRow>('SELECT * FROM variables ORDER BY key');
  }
}
