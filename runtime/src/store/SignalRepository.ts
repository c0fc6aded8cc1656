import type { SignalSubscriptionRow } from './rows';
import { EventTriggerTable } from './EventTriggerTable';
import type { Store } from './Store';

/**
 * `signal_subscriptions`: open signal subscriptions, kinds as in `SubscriptionRepository` (start: a signal start event
 * of the latest version; catch, gateway, boundary, eventsub: owned by the element instance `ei`).
 */
export class SignalRepository extends EventTriggerTable {
  constructor(store: Store) {
    super(store, 'signal_subscriptions');
  }

  insert(r: SignalSubscriptionRow): void {
    this.store.run(
      'INSERT INTO signal_subscriptions (key, kind, pi, ei, element_id, def, signal_name, interrupting, tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      r.key,
      r.kind,
      r.pi,
      r.ei,
      r.element_id,
      r.def,
      r.signal_name,
      r.interrupting,
      r.tenant,
    );
  }

  /** Every subscription of a signal name, oldest first. */
  of(signalName: string): SignalSubscriptionRow[] {
    return this.store.all<SignalSubscriptionRow>('SELECT * FROM signal_subscriptions WHERE signal_name = ? ORDER BY key', signalName);
  }

  all(): SignalSubscriptionRow[] {
    return this.store.all<SignalSubscriptionRow>('SELECT * FROM signal_subscriptions ORDER BY key');
  }
}
