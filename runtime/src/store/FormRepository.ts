import { latestVersionQueries, type VersionRestriction } from './latestVersion';
import type { FormRow } from './rows';
import type { Store } from './Store';

/** A form row without its schema text. */
export type FormHead = Omit<FormRow, 'schema'>;

const HEAD = 'key, form_id, version, resource_name, checksum, tenant, deployment_key, deleted';

/** `forms`: deployed Camunda Forms, one row per version (deleted ones are kept, flagged). */
export class FormRepository {
  private readonly latestSql = latestVersionQueries('forms', HEAD, 'form_id', "json_extract(schema, '$.versionTag')");

  constructor(private readonly store: Store) {}

  get(key: number): FormRow | undefined {
    return this.store.get<FormRow>('SELECT * FROM forms WHERE key = ?', key);
  }

  findActive(key: number): FormHead | undefined {
    return this.store.get<FormHead>(`SELECT ${HEAD} FROM forms WHERE key = ? AND deleted = 0`, key);
  }

  /** The latest version of a form id; restrictions as in `DefinitionRepository.latest`. */
  latest(formId: string, restriction: VersionRestriction = 'latest', arg?: string | number): FormHead | undefined {
    if (restriction === 'latest') return this.store.get<FormHead>(this.latestSql.latest, formId);
    return this.store.get<FormHead>(this.latestSql[restriction], formId, arg ?? null);
  }

  maxVersion(formId: string): number {
    return this.store.get<{ v: number }>('SELECT MAX(version) AS v FROM forms WHERE form_id = ?', formId)?.v ?? 0;
  }

  insert(r: Omit<FormRow, 'deleted'>): void {
    this.store.run(
      'INSERT INTO forms (key, form_id, version, resource_name, schema, checksum, tenant, deployment_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      r.key,
      r.form_id,
      r.version,
      r.resource_name,
      r.schema,
      r.checksum,
      r.tenant,
      r.deployment_key,
    );
  }

  markDeleted(key: number): void {
    this.store.run('UPDATE forms SET deleted = 1 WHERE key = ?', key);
  }

  listActive(): FormRow[] {
    return this.store.all<FormRow>('SELECT * FROM forms WHERE deleted = 0 ORDER BY key');
  }
}
