import type { JobRow } from './rows';
import type { Store } from './Store';

/**
 * `jobs`: ACTIVATABLE → ACTIVATED (deadline) → deleted when completed; FAILED / ERROR_THROWN while an
 * incident holds them. A job is activatable when ACTIVATABLE and past its back-off, or ACTIVATED and
 * past its deadline.
 */
export class JobRepository {
  constructor(private readonly store: Store) {}

  insert(r: Pick<JobRow, 'key' | 'type' | 'pi' | 'ei' | 'def' | 'element_id' | 'retries' | 'headers' | 'tenant'> & Partial<Pick<JobRow, 'kind' | 'listener'>>): void {
    this.store.run(
      "INSERT INTO jobs (key, type, state, pi, ei, def, element_id, retries, deadline, backoff_until, worker, headers, error_message, tenant, kind, listener) VALUES (?, ?, 'ACTIVATABLE', ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, NULL, ?, ?, ?)",
      r.key,
      r.type,
      r.pi,
      r.ei,
      r.def,
      r.element_id,
      r.retries,
      r.headers,
      r.tenant,
      r.kind ?? 'BPMN_ELEMENT',
      r.listener ?? 'UNSPECIFIED',
    );
  }

  /** Every job that exists (completed and canceled jobs are deleted), oldest first. */
  listAll(): JobRow[] {
    return this.store.all<JobRow>("SELECT * FROM jobs WHERE state != 'CANCELED' ORDER BY key");
  }

  get(key: number): JobRow | undefined {
    return this.store.get<JobRow>('SELECT * FROM jobs WHERE key = ?', key);
  }

  activatable(type: string, now: number, max: number): JobRow[] {
    return this.store.all<JobRow>(
      "SELECT * FROM jobs WHERE type = ? AND ((state = 'ACTIVATABLE' AND (backoff_until IS NULL OR backoff_until <= ?)) OR (state = 'ACTIVATED' AND deadline <= ?)) ORDER BY key LIMIT ?",
      type,
      now,
      now,
      max,
    );
  }

  /** Types with at least one activatable job (long polls to wake). */
  activatableTypes(now: number): string[] {
    return this.store
      .all<{ type: string }>(
        "SELECT DISTINCT type FROM jobs WHERE (state = 'ACTIVATABLE' AND (backoff_until IS NULL OR backoff_until <= ?)) OR (state = 'ACTIVATED' AND deadline <= ?)",
        now,
        now,
      )
      .map((r) => r.type);
  }

  /** The earliest back-off still ahead of `now`, or null. */
  nextBackoff(now: number): number | null {
    return this.store.get<{ d: number }>("SELECT MIN(backoff_until) AS d FROM jobs WHERE state = 'ACTIVATABLE' AND backoff_until > ?", now)?.d ?? null;
  }

  /** The earliest deadline of an activated job, or null. */
  nextDeadline(): number | null {
    return this.store.get<{ d: number }>("SELECT MIN(deadline) AS d FROM jobs WHERE state = 'ACTIVATED'")?.d ?? null;
  }

  markActivated(key: number, deadline: number, worker: string): void {
    this.store.run("UPDATE jobs SET state = 'ACTIVATED', deadline = ?, worker = ? WHERE key = ?", deadline, worker, key);
  }

  /** Failed with retries left: activatable again (after the back-off, if any). */
  markRetrying(key: number, retries: number, backoffUntil: number | null, errorMessage: string | null): void {
    this.store.run(
      "UPDATE jobs SET state = 'ACTIVATABLE', retries = ?, deadline = NULL, worker = NULL, backoff_until = ?, error_message = ? WHERE key = ?",
      retries,
      backoffUntil,
      errorMessage,
      key,
    );
  }

  markFailed(key: number, errorMessage: string | null): void {
    this.store.run("UPDATE jobs SET state = 'FAILED', retries = 0, deadline = NULL, error_message = ? WHERE key = ?", errorMessage, key);
  }

  markErrorThrown(key: number, errorMessage: string | null): void {
    this.store.run("UPDATE jobs SET state = 'ERROR_THROWN', error_message = ? WHERE key = ?", errorMessage, key);
  }

  /** Its incident was resolved: activatable now. */
  markActivatable(key: number): void {
    this.store.run("UPDATE jobs SET state = 'ACTIVATABLE', deadline = NULL, worker = NULL, backoff_until = NULL WHERE key = ?", key);
  }

  setRetries(key: number, retries: number): void {
    this.store.run('UPDATE jobs SET retries = ? WHERE key = ?', retries, key);
  }

  setDeadline(key: number, deadline: number): void {
    this.store.run('UPDATE jobs SET deadline = ? WHERE key = ?', deadline, key);
  }

  delete(key: number): void {
    this.store.run('DELETE FROM jobs WHERE key = ?', key);
  }

  /** The jobs of a terminated element instance are canceled, i.e. gone. */
  deleteOf(elementInstanceKey: number): void {
    this.store.run('DELETE FROM jobs WHERE ei = ?', elementInstanceKey);
  }
}
