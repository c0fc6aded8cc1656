/**
 * The one "latest version" query of a deployed resource (process definitions, forms): the highest
 * version of an id that is not deleted, optionally restricted as a binding asks (Camunda's
 * `bindingType`): `latest` (any), `deployment` (deployed together with the caller's definition) or
 * `versionTag`. Written once here; `DefinitionRepository` and `FormRepository` prepare it per table.
 */
export type VersionRestriction = 'latest' | 'deployment' | 'versionTag';

export function latestVersionSql(table: string, columns: string, idColumn: string, versionTagColumn: string, restriction: VersionRestriction): string {
  const where =
    restriction === 'deployment'
      ? ' AND deployment_key = (SELECT deployment_key FROM definitions WHERE key = ?)'
      : restriction === 'versionTag'
        ? ` AND ${versionTagColumn} = ?`
        : '';
  return `SELECT ${columns} FROM ${table} WHERE ${idColumn} = ? AND deleted = 0${where} ORDER BY version DESC LIMIT 1`;
}

/** Prepared texts of the three restrictions of one table. */
export function latestVersionQueries(table: string, columns: string, idColumn: string, versionTagColumn: string): Record<VersionRestriction, string> {
  return {
    latest: latestVersionSql(table, columns, idColumn, versionTagColumn, 'latest'),
    deployment: latestVersionSql(table, columns, idColumn, versionTagColumn, 'deployment'),
    versionTag: latestVersionSql(table, columns, idColumn, versionTagColumn, 'versionTag'),
  };
}
