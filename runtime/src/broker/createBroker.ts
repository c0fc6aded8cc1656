import { Engine } from '../engine/Engine';
import type { Broker, BrokerOptions } from './types';

/**
 * Opens (or creates) the runtime's SQLite database and returns the Broker. Recovery is
 * implicit: all state lives in the database, and timers that fell due while the runtime was
 * down fire on open, at the clock time they would have fired (the clock offset is persisted).
 */
export async function createBroker(options: BrokerOptions): Promise<Broker> {
  return new Engine(options.databasePath, options.logger, options.synchronous ?? 'NORMAL', options.feelTimeoutMs);
}
