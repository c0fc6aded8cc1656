import type { Store } from './Store';

/**
 * What the three tables of waiting event triggers – `timers`, `subscriptions` (messages), `signal_subscriptions` – share:
 * rows of a `kind` (start: a start event of a definition's latest version; catch, gateway, boundary, eventsub: owned by
 * the element instance `ei`), opened and closed with the element instances and definitions they belong to.
 */
export abstract class EventTriggerTable {
  protected constructor(
    protected readonly store: Store,
    private readonly table: 'timers' | 'subscriptions' | 'signal_subscriptions',
  ) {}

  exists(key: number): boolean {
    return this.store.get(`SELECT 1 FROM ${this.table} WHERE key = ?`, key) !== undefined;
  }

  delete(key: number): void {
    this.store.run(`DELETE FROM ${this.table} WHERE key = ?`, key);
  }

  /** Closes every trigger owned by an element instance. */
  deleteOf(elementInstanceKey: number): void {
    this.store.run(`DELETE FROM ${this.table} WHERE ei = ?`, elementInstanceKey);
  }

  /** Closes the event subprocess triggers of a scope. */
  deleteEventSubprocessesOf(scopeKey: number): void {
    this.store.run(`DELETE FROM ${this.table} WHERE ei = ? AND kind = 'eventsub'`, scopeKey);
  }

  /** Closes the start events of a definition (a newer version replaces them). */
  deleteStartsOf(definitionKey: number): void {
    this.store.run(`DELETE FROM ${this.table} WHERE kind = 'start' AND def = ?`, definitionKey);
  }
}
