import { createHash } from 'node:crypto';
import { Problem } from '../../broker/Problem';
import type { DeployResource, DeploymentResult } from '../../broker/types';
import type { EngineParts } from '../EngineParts';
import { ModelCompiler, ModelValidationError } from '../model/ModelCompiler';
import type { ProcessModel } from '../model/ProcessModel';
import { TimerValueError } from './Timers';

export type PreparedResource =
  | { kind: 'bpmn'; name: string; xml: string; checksum: string; processes: Array<{ model: ProcessModel; name: string | null }> }
  | { kind: 'form'; name: string; schema: string; formId: string; checksum: string };

/**
 * Deployment: every resource is compiled first (`prepare`, async moddle parse; any finding → 400
 * naming each resource, nothing stored), then stored in one command (`store`): a new version per
 * process id / form id unless identical (sha-256) to the latest one. The message and timer start events
 * of the latest version of a process replace those of older versions.
 */
export class Deployment {
  private readonly compiler = new ModelCompiler();

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
      } else {
        errors.push(`'${r.name}': unsupported resource type; the local runtime deploys .bpmn and .form files (no DMN)`);
      }
    }
    if (errors.length > 0) {
      throw Problem.badRequest(`Expected to deploy new resources, but encountered the following errors:\n${errors.join('\n')}`, { errors });
    }
    const ids = new Set<string>();
    for (const p of prepared) {
      for (const id of p.kind === 'bpmn' ? p.processes.map((x) => x.model.id) : [`form:${p.formId}`]) {
        if (ids.has(id)) throw Problem.badRequest(`Expected to deploy new resources, but found duplicate id '${id.replace(/^form:/, '')}' in the deployment`);
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
    }
    const latest = definitions.latest(processId);
    if (!latest) return;
    const proc = definitions.get(latest.key);
    for (const ms of proc.model.messageStarts) messages.openSubscription('start', null, ms.elementId, proc, ms.messageName, '', true);
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
