import type { MessageRow } from './rows';
import type { Store } from './Store';

/**
 * `messages`: published messages buffered for their time-to-live; `message_correlations`: which
 * targets (`pi:<key>` an instance, `start:<processId>` a message start) already received one.
 */
export class MessageRepository {
  constructor(private readonly store: Store) {}

  /** Drops messages whose time-to-live has passed (and what they were correlated to). */
  expire(now: number): void {
    this.store.run('DELETE FROM messages WHERE expires <= ?', now);
    this.store.run('DELETE FROM message_correlations WHERE message NOT IN (SELECT key FROM messages)');
  }

  hasMessageId(name: string, correlationKey: string, messageId: string): boolean {
    return this.store.get('SELECT 1 FROM messages WHERE name = ? AND correlation_key = ? AND message_id = ?', name, correlationKey, messageId) !== undefined;
  }

  insert(r: MessageRow): void {
    this.store.run(
      'INSERT INTO messages (key, name, correlation_key, message_id, variables, expires, tenant) VALUES (?, ?, ?, ?, ?, ?, ?)',
      r.key,
      r.name,
      r.correlation_key,
      r.message_id,
      r.variables,
      r.expires,
      r.tenant,
    );
  }

  recordCorrelation(messageKey: number, target: string): void {
    this.store.run('INSERT OR IGNORE INTO message_correlations (message, target) VALUES (?, ?)', messageKey, target);
  }

  /** The oldest live buffered message of name and correlation key that `target` has not received yet. */
  oldestFor(name: string, correlationKey: string, now: number, target: string): MessageRow | undefined {
    return this.store.get<MessageRow>(
      'SELECT * FROM messages WHERE name = ? AND correlation_key = ? AND expires > ? AND key NOT IN (SELECT message FROM message_correlations WHERE target = ?) ORDER BY key LIMIT 1',
      name,
      correlationKey,
      now,
      target,
    );
  }
}
