import type { SubscriptionRow } from './rows';
import { EventTriggerTable } from './EventTriggerTable';
import type { Store } from './Store';

/**
 * `subscriptions`: open message subscriptions. `kind`: start (message start event of the latest
 * version; no instance), catch (catch event / receive task), gateway (event-based gateway target),
 * boundary, eventsub (event subprocess start in an open scope). `ei` is the owning element instance.
 */
export class SubscriptionRepository extends EventTriggerTable {
  constructor(store: Store) {
    super(store, 'subscriptions');
  }

  insert(r: SubscriptionRow): void {
    this.store.run(
      'INSERT INTO subscriptions (key, kind, pi, ei, element_id, def, message_name, correlation_key, interrupting, tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      r.key,
      r.kind,
      r.pi,
      r.ei,
      r.element_id,
      r.def,
      r.message_name,
      r.correlation_key,
      r.interrupting,
      r.tenant,
    );
  }

  /** The open subscriptions of process instances (not message start events), oldest first. */
  listWaiting(): SubscriptionRow[] {
    return this.store.all<SubscriptionRow>("SELECT * FROM subscriptions WHERE kind != 'start' ORDER BY key");
  }

  get(key: number): SubscriptionRow | undefined {
    return this.store.get<SubscriptionRow>('SELECT * FROM subscriptions WHERE key = ?', key);
  }

  /** Message start subscriptions of a message name, oldest first. */
  startsFor(messageName: string): SubscriptionRow[] {
    return this.store.all<SubscriptionRow>("SELECT * FROM subscriptions WHERE kind = 'start' AND message_name = ? ORDER BY key", messageName);
  }

  /** The first message start subscription of a process id. */
  firstStartOf(processId: string): SubscriptionRow | undefined {
    return this.store.get<SubscriptionRow>(
      "SELECT s.* FROM subscriptions s JOIN definitions d ON d.key = s.def WHERE s.kind = 'start' AND d.process_id = ? ORDER BY s.key LIMIT 1",
      processId,
    );
  }

  /** Subscriptions of waiting instances for a message name and correlation key, oldest first. */
  waitingFor(messageName: string, correlationKey: string): SubscriptionRow[] {
    return this.store.all<SubscriptionRow>(
      "SELECT * FROM subscriptions WHERE kind != 'start' AND message_name = ? AND correlation_key = ? ORDER BY key",
      messageName,
      correlationKey,
    );
  }
}
