import { latestVersionQueries, type VersionRestriction } from './latestVersion';
import type { DefinitionRow } from './rows';
import type { Store } from './Store';

/** A definition row without its large texts (XML and compiled model). */
export type DefinitionHead = Omit<DefinitionRow, 'xml' | 'model'>;

const HEAD = 'key, process_id, version, name, version_tag, resource_name, checksum, tenant, deployment_key, deleted';

/** `definitions`: deployed process definitions, one row per version (deleted ones are kept, flagged). */
export class DefinitionRepository {
  private readonly latestSql = latestVersionQueries('definitions', HEAD, 'process_id', 'version_tag');

  constructor(private readonly store: Store) {}

  /** Any version by key, deleted or not, with the compiled model. */
  get(key: number): DefinitionRow | undefined {
    return this.store.get<DefinitionRow>('SELECT * FROM definitions WHERE key = ?', key);
  }

  /** A version by key unless it was deleted. */
  findActive(key: number): DefinitionHead | undefined {
    return this.store.get<DefinitionHead>(`SELECT ${HEAD} FROM definitions WHERE key = ? AND deleted = 0`, key);
  }

  /**
   * The latest version of a process id; `deployment`: of the caller's deployment (`arg` = the caller's
   * definition key), `versionTag`: with that tag (`arg` = the tag).
   */
  latest(processId: string, restriction: VersionRestriction = 'latest', arg?: string | number): DefinitionHead | undefined {
    if (restriction === 'latest') return this.store.get<DefinitionHead>(this.latestSql.latest, processId);
    return this.store.get<DefinitionHead>(this.latestSql[restriction], processId, arg ?? null);
  }

  byVersion(processId: string, version: number): DefinitionHead | undefined {
    return this.store.get<DefinitionHead>(`SELECT ${HEAD} FROM definitions WHERE process_id = ? AND version = ? AND deleted = 0`, processId, version);
  }

  /** The highest version ever given to a process id (deleted versions count), 0 if none. */
  maxVersion(processId: string): number {
    return this.store.get<{ v: number }>('SELECT MAX(version) AS v FROM definitions WHERE process_id = ?', processId)?.v ?? 0;
  }

  /** Keys of every version of a process id, deleted ones included. */
  keysOf(processId: string): number[] {
    return this.store.all<{ key: number }>('SELECT key FROM definitions WHERE process_id = ?', processId).map((r) => r.key);
  }

  insert(r: Omit<DefinitionRow, 'deleted'>): void {
    this.store.run(
      'INSERT INTO definitions (key, process_id, version, name, version_tag, resource_name, xml, model, checksum, tenant, deployment_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      r.key,
      r.process_id,
      r.version,
      r.name,
      r.version_tag,
      r.resource_name,
      r.xml,
      r.model,
      r.checksum,
      r.tenant,
      r.deployment_key,
    );
  }

  markDeleted(key: number): void {
    this.store.run('UPDATE definitions SET deleted = 1 WHERE key = ?', key);
  }

  xml(key: number): string | undefined {
    return this.store.get<{ xml: string }>('SELECT xml FROM definitions WHERE key = ? AND deleted = 0', key)?.xml;
  }

  listActive(): Array<Pick<DefinitionRow, 'key' | 'process_id' | 'version' | 'name' | 'version_tag' | 'resource_name' | 'tenant'>> {
    return this.store.all('SELECT key, process_id, version, name, version_tag, resource_name, tenant FROM definitions WHERE deleted = 0 ORDER BY key');
  }
}
