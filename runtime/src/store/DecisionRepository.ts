import { latestVersionQueries, type VersionRestriction } from './latestVersion';
import type { DecisionInstanceRow, DecisionRequirementsRow, DecisionRow } from './rows';
import type { Store } from './Store';

export type DecisionRequirementsHead = Omit<DecisionRequirementsRow, 'xml' | 'model'>;

const DRG_HEAD = 'key, drg_id, version, name, resource_name, checksum, tenant, deployment_key, deleted';
const DECISION = 'key, decision_id, version, name, version_tag, drg_key, drg_id, tenant, deployment_key, deleted';

/**
 * The DMN tables: `decision_requirements` (one row per version of a `.dmn` resource's graph, with its XML and
 * compiled model), `decisions` (one row per version of a decision, pointing at its graph) and `decision_instances`
 * (every evaluated decision of every evaluation, with its inputs and matched rules).
 */
export class DecisionRepository {
  private readonly latestSql = latestVersionQueries('decisions', DECISION, 'decision_id', 'version_tag');

  constructor(private readonly store: Store) {}

  requirements(key: number): DecisionRequirementsRow | undefined {
    return this.store.get<DecisionRequirementsRow>('SELECT * FROM decision_requirements WHERE key = ?', key);
  }

  latestRequirements(drgId: string): DecisionRequirementsHead | undefined {
    return this.store.get<DecisionRequirementsHead>(`SELECT ${DRG_HEAD} FROM decision_requirements WHERE drg_id = ? AND deleted = 0 AND version = (SELECT MAX(version) FROM decision_requirements WHERE drg_id = ? AND deleted = 0)`, drgId, drgId);
  }

  maxRequirementsVersion(drgId: string): number {
    return this.store.get<{ v: number }>('SELECT MAX(version) AS v FROM decision_requirements WHERE drg_id = ?', drgId)?.v ?? 0;
  }

  insertRequirements(r: Omit<DecisionRequirementsRow, 'deleted'>): void {
    this.store.run(
      'INSERT INTO decision_requirements (key, drg_id, version, name, resource_name, xml, model, checksum, tenant, deployment_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      r.key,
      r.drg_id,
      r.version,
      r.name,
      r.resource_name,
      r.xml,
      r.model,
      r.checksum,
      r.tenant,
      r.deployment_key,
    );
  }

  listRequirements(): DecisionRequirementsHead[] {
    return this.store.all<DecisionRequirementsHead>(`SELECT ${DRG_HEAD} FROM decision_requirements WHERE deleted = 0 ORDER BY key`);
  }

  decision(key: number): DecisionRow | undefined {
    return this.store.get<DecisionRow>(`SELECT ${DECISION} FROM decisions WHERE key = ? AND deleted = 0`, key);
  }

  /** The latest version of a decision id; `deployment`: of the caller's deployment (`arg`: the calling process definition key). */
  latest(decisionId: string, restriction: VersionRestriction = 'latest', arg?: string | number): DecisionRow | undefined {
    if (restriction === 'latest') return this.store.get<DecisionRow>(this.latestSql.latest, decisionId);
    return this.store.get<DecisionRow>(this.latestSql[restriction], decisionId, arg ?? null);
  }

  maxVersion(decisionId: string): number {
    return this.store.get<{ v: number }>('SELECT MAX(version) AS v FROM decisions WHERE decision_id = ?', decisionId)?.v ?? 0;
  }

  insertDecision(r: Omit<DecisionRow, 'deleted'>): void {
    this.store.run(
      'INSERT INTO decisions (key, decision_id, version, name, version_tag, drg_key, drg_id, tenant, deployment_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      r.key,
      r.decision_id,
      r.version,
      r.name,
      r.version_tag,
      r.drg_key,
      r.drg_id,
      r.tenant,
      r.deployment_key,
    );
  }

  decisionsOf(drgKey: number): DecisionRow[] {
    return this.store.all<DecisionRow>(`SELECT ${DECISION} FROM decisions WHERE drg_key = ? ORDER BY key`, drgKey);
  }

  listDecisions(): DecisionRow[] {
    return this.store.all<DecisionRow>(`SELECT ${DECISION} FROM decisions WHERE deleted = 0 ORDER BY key`);
  }

  insertInstance(r: DecisionInstanceRow): void {
    this.store.run(
      'INSERT INTO decision_instances (id, key, decision_key, state, evaluation_date, failure, result, inputs, matched, pi, ei, element_id, def, root_decision_key, tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      r.id,
      r.key,
      r.decision_key,
      r.state,
      r.evaluation_date,
      r.failure,
      r.result,
      r.inputs,
      r.matched,
      r.pi,
      r.ei,
      r.element_id,
      r.def,
      r.root_decision_key,
      r.tenant,
    );
  }

  instances(): DecisionInstanceRow[] {
    return this.store.all<DecisionInstanceRow>('SELECT * FROM decision_instances ORDER BY key, id');
  }

  instancesOf(pi: number): DecisionInstanceRow[] {
    return this.store.all<DecisionInstanceRow>('SELECT * FROM decision_instances WHERE pi = ? ORDER BY key, id', pi);
  }
}
