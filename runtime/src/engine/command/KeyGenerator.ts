import type { MetaRepository } from '../../store/MetaRepository';

/** Zeebe's first key of partition 1; keys are always sent as strings. */
const FIRST_KEY = 2251799813685249;

/**
 * The one key counter of every record (instances, elements, variables, jobs, ...). It lives in memory
 * and is persisted in `meta` by the command that moved it; keys handed out by a command that failed are
 * not given out again.
 */
export class KeyGenerator {
  private nextKey: number;

  constructor(private readonly meta: MetaRepository) {
    const k = meta.get('key');
    this.nextKey = k ? Number(k) : FIRST_KEY;
  }

  next(): number {
    return this.nextKey++;
  }

  /** Where the counter stands (before a command). */
  mark(): number {
    return this.nextKey;
  }

  /** Inside the command's transaction: persist the counter if the command took keys since `mark`. */
  persistSince(mark: number): void {
    if (this.nextKey !== mark) this.meta.set('key', String(this.nextKey));
  }
}
