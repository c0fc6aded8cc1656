import { createHash } from 'node:crypto';
import { Problem } from '../../broker/Problem';
import type { DeployResource, DeploymentResult } from '../../broker/types';
import type { EngineParts } from '../EngineParts';
import type { DecisionRequirementsModel } from '../dmn/DecisionModel';
import { DmnCompiler } from '../dmn/DmnCompiler';
import { ModelCompiler, ModelValidationError } from '../model/ModelCompiler';
import type { ProcessModel } from '../model/ProcessModel';
import { TimerValueError } from './Timers';

export type PreparedResource =
  | { kind: 'bpmn'; name: string; xml: string; checksum: string; processes: Array<{ model: ProcessModel; name: string | null }> }
  | { kind: 'form'; name: string; schema: string; formId: string; checksum: string }
  | { kind: 'dmn'; name: string; xml: string; checksum: string; drg: DecisionRequirementsModel };

/**
 * Deployment: every resource is compiled first (`prepare`, async moddle parse; any finding → 400
 * naming each resource, nothing stored), then stored in one command (`store`): a new version per
 * process id / form id unless identical (sha-256) to the latest one. The message and timer start events
 * of the latest version of a process replace those of older versions.
 */
export class Deployment {
  private readonly compiler = new ModelCompiler();
  private readonly dmnCompiler = new DmnCompiler();

  constructor(private readonly parts: EngineParts) {}

  async prepare(resources: DeployResource[]): Promise<PreparedResource[]> {
    if (!Array.isArray(resources) || resources.length === 0) throw Problem.badRequest('Expected to deploy at least one resource, but none given');
    const prepared: PreparedResource[] = [];
    const errors: string[] = [];
    for (const r of resources) {
      const text = r.content.toString('utf8');
      const checksum = createHash('sha256').update(r.content).digest('hex');
      if (/\.(bpmn|bpmn20\.xml)$/i.test(r.name)) {
        try {
          const compiled = await this.compiler.compile(r.name, text);
          prepared.push({ kind: 'bpmn', name: r.name, xml: text, checksum, processes: compiled.processes });
        } catch (err) {
          if (err instanceof ModelValidationError) errors.push(`'${r.name}': ${err.findings.join('; ')}`);
          else errors.push(`'${r.name}': ${err instanceof Error ? err.message : String(err)}`);
        }
      } else if (/\.form$/i.test(r.name)) {
        try {
          const schema = JSON.parse(text) as { id?: unknown };
          if (!schema || typeof schema !== 'object' || typeof schema.id !== 'string' || !schema.id) {
            errors.push(`'${r.name}': the form has no string 'id' property (the form id)`);
          } else prepared.push({ kind: 'form', name: r.name, schema: text, formId: schema.id, checksum });
        } catch (err) {
          errors.push(`'${r.name}': not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
        }
      } else if (/\.dmn$/i.test(r.name)) {
        try {
          prepared.push({ kind: 'dmn', name: r.name, xml: text, checksum, drg: await this.dmnCompiler.compile(r.name, text) });
        } catch (err) {
          if (err instanceof ModelValidationError) errors.push(`'${r.name}': ${err.findings.join('; ')}`);
          else errors.push(`'${r.name}': ${err instanceof Error ? err.message : String(err)}`);
        }
      } else {
        errors.push(`'${r.name}': unsupported resource type; the local runtime deploys .bpmn, .dmn and .form files`);
      }
    }
    if (errors.length > 0) {
      throw Problem.badRequest(`Expected to deploy new resources, but encountered the following errors:\n${errors.join('\n')}`, { errors });
    }
    const ids = new Set<string>();
    for (const p of prepared) {
      const own = p.kind === 'bpmn' ? p.processes.map((x) => x.model.id) : p.kind === 'dmn' ? [`drg:${p.drg.id}`, ...p.drg.decisions.map((d) => `decision:${d.id}`)] : [`form:${p.formId}`];
      for (const id of own) {
        if (ids.has(id)) throw Problem.badRequest(`Expected to deploy new resources, but found duplicate id '${id.replace(/^(form|drg|decision):/, '')}' in the deployment`);
        ids.add(id);
      }
    }
    return prepared;
  }

  store(prepared: PreparedResource[], tenant: string): DeploymentResult {
    const { repos, keys } = this.parts;
    const deploymentKey = keys.next();
    const result: DeploymentResult = { deploymentKey: String(deploymentKey), tenantId: tenant, deployments: [] };
    for (const p of prepared) {
      if (p.kind === 'dmn') {
        this.storeDecisions(p, tenant, deploymentKey, result);
        continue;
      }
      if (p.kind === 'form') {
        const latest = repos.forms.latest(p.formId);
        let row = latest;
        if (!latest || latest.checksum !== p.checksum) {
          const version = repos.forms.maxVersion(p.formId) + 1;
          const key = keys.next();
          repos.forms.insert({ key, form_id: p.formId, version, resource_name: p.name, schema: p.schema, checksum: p.checksum, tenant, deployment_key: deploymentKey });
          row = repos.forms.get(key);
        }
        if (row) result.deployments.push({ form: { formId: row.form_id, version: row.version, formKey: String(row.key), resourceName: row.resource_name, tenantId: row.tenant } });
        continue;
      }
      for (const proc of p.processes) {
        const latest = repos.definitions.latest(proc.model.id);
        let row = latest;
        const checksum = `${p.checksum}:${proc.model.id}`;
        if (!latest || latest.checksum !== checksum) {
          const version = repos.definitions.maxVersion(proc.model.id) + 1;
          const key = keys.next();
          repos.definitions.insert({
            key,
            process_id: proc.model.id,
            version,
            name: proc.name,
            version_tag: proc.model.versionTag,
            resource_name: p.name,
            xml: p.xml,
            model: JSON.stringify(proc.model),
            checksum,
            tenant,
            deployment_key: deploymentKey,
          });
          row = repos.definitions.get(key);
          if (row) this.installStartEvents(row.process_id);
        }
        if (row) {
          result.deployments.push({
            processDefinition: {
              processDefinitionId: row.process_id,
              processDefinitionVersion: row.version,
              processDefinitionKey: String(row.key),
              resourceName: row.resource_name,
              tenantId: row.tenant,
            },
          });
        }
      }
    }
    return result;
  }

  /** A decision requirements graph: a new version of it and of each of its decisions unless identical to the latest one. */
  private storeDecisions(p: Extract<PreparedResource, { kind: 'dmn' }>, tenant: string, deploymentKey: number, result: DeploymentResult): void {
    const { repos, keys } = this.parts;
    const latest = repos.decisions.latestRequirements(p.drg.id);
    let drgKey = latest?.key;
    if (!latest || latest.checksum !== p.checksum) {
      drgKey = keys.next();
      const version = repos.decisions.maxRequirementsVersion(p.drg.id) + 1;
      repos.decisions.insertRequirements({ key: drgKey, drg_id: p.drg.id, version, name: p.drg.name, resource_name: p.name, xml: p.xml, model: JSON.stringify(p.drg), checksum: p.checksum, tenant, deployment_key: deploymentKey });
      for (const d of p.drg.decisions) {
        repos.decisions.insertDecision({ key: keys.next(), decision_id: d.id, version: repos.decisions.maxVersion(d.id) + 1, name: d.name, version_tag: null, drg_key: drgKey, drg_id: p.drg.id, tenant, deployment_key: deploymentKey });
      }
    }
    const drg = repos.decisions.requirements(drgKey ?? 0);
    if (!drg) return;
    for (const d of repos.decisions.decisionsOf(drg.key)) {
      result.deployments.push({
        decisionDefinition: {
          decisionDefinitionId: d.decision_id,
          version: d.version,
          name: d.name ?? d.decision_id,
          tenantId: d.tenant,
          decisionRequirementsId: d.drg_id,
          decisionDefinitionKey: String(d.key),
          decisionRequirementsKey: String(d.drg_key),
        },
      });
    }
    result.deployments.push({
      decisionRequirements: {
        decisionRequirementsId: drg.drg_id,
        version: drg.version,
        decisionRequirementsName: drg.name ?? drg.drg_id,
        tenantId: drg.tenant,
        resourceName: drg.resource_name,
        decisionRequirementsKey: String(drg.key),
      },
    });
  }

  /** Deletes a process definition version (its running instances keep running) or a form version. */
  deleteResource(key: number, keyText: string): void {
    const { repos } = this.parts;
    const d = repos.definitions.findActive(key);
    if (d) {
      repos.definitions.markDeleted(key);
      this.installStartEvents(d.process_id);
      return;
    }
    if (repos.forms.findActive(key)) {
      repos.forms.markDeleted(key);
      return;
    }
    throw Problem.notFound(`Expected to delete resource with key '${keyText}', but no such resource was found`);
  }

  /** Message and timer start events of the latest version of a process replace those of older versions. */
  private installStartEvents(processId: string) {
    const { repos, definitions, timers, messages } = this.parts;
    for (const key of repos.definitions.keysOf(processId)) {
      repos.subscriptions.deleteStartsOf(key);
      repos.timers.deleteStartsOf(key);
      repos.signals.deleteStartsOf(key);
    }
    const latest = definitions.latest(processId);
    if (!latest) return;
    const proc = definitions.get(latest.key);
    for (const ms of proc.model.messageStarts) messages.openSubscription('start', null, ms.elementId, proc, ms.messageName, '', true);
    for (const ss of proc.model.signalStarts ?? []) this.parts.signals.open('start', null, ss.elementId, definitions.element(proc, ss.elementId), proc, {}, true);
    for (const ts of proc.model.timerStarts) {
      let s;
      try {
        s = timers.schedule(ts.timer, ts.elementId, {});
      } catch (err) {
        const reason = err instanceof TimerValueError ? err.reason : err instanceof Error ? err.message : String(err);
        throw Problem.badRequest(`Element '${ts.elementId}' (bpmn:StartEvent): invalid timer: ${reason}`);
      }
      timers.open('start', null, ts.elementId, proc, s, true);
    }
  }
}
