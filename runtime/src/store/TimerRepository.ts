import type { TimerRow } from './rows';
import { EventTriggerTable } from './EventTriggerTable';
import type { Store } from './Store';

/** `timers`: open timers (kinds as for subscriptions: start, catch, gateway, boundary, eventsub), due in epoch ms of the runtime clock. */
export class TimerRepository extends EventTriggerTable {
  constructor(store: Store) {
    super(store, 'timers');
  }

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
}
