import type { Store } from './Store';

/** `meta`: the runtime's own small state (the key counter, the clock) as text values. */
export class MetaRepository {
  constructor(private readonly store: Store) {}

  get(k: string): string | undefined {
    return this.store.get<{ v: string }>('SELECT v FROM meta WHERE k = ?', k)?.v;
  }

  set(k: string, v: string): void {
    this.store.run('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v', k, v);
  }
}
