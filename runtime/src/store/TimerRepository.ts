import type { TimerRow } from './rows';
import type { Store } from './Store';

/** `timers`: open timers (kinds as for subscriptions: start, catch, gateway, boundary, eventsub), due in epoch ms of the runtime clock. */
export class TimerRepository {
  constructor(private readonly store: Store) {}

  insert(r: TimerRow): void {
    this.store.run(
      'INSERT INTO timers (key, kind, pi, ei, element_id, def, due, repetitions, interval, interrupting, tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      r.key,
      r.kind,
      r.pi,
      r.ei,
      r.element_id,
      r.def,
      r.due,
      r.repetitions,
      r.interval,
      r.interrupting,
      r.tenant,
    );
  }

  /** The earliest due time of any timer, or null. */
  nextDue(): number | null {
    return this.store.get<{ due: number }>('SELECT MIN(due) AS due FROM timers')?.due ?? null;
  }

  /** The first timer due at `now` (earliest first). */
  firstDue(now: number): TimerRow | undefined {
    return this.store.get<TimerRow>('SELECT * FROM timers WHERE due <= ? ORDER BY due, key LIMIT 1', now);
  }

  reschedule(key: number, due: number, repetitions: number): void {
    this.store.run('UPDATE timers SET due = ?, repetitions = ? WHERE key = ?', due, repetitions, key);
  }

  delete(key: number): void {
    this.store.run('DELETE FROM timers WHERE key = ?', key);
  }

  deleteOf(elementInstanceKey: number): void {
    this.store.run('DELETE FROM timers WHERE ei = ?', elementInstanceKey);
  }

  deleteEventSubprocessesOf(scopeKey: number): void {
    this.store.run("DELETE FROM timers WHERE ei = ? AND kind = 'eventsub'", scopeKey);
  }

  deleteStartsOf(definitionKey: number): void {
    this.store.run("DELETE FROM timers WHERE kind = 'start' AND def = ?", definitionKey);
  }
}
