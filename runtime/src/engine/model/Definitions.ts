import type { DefinitionHead, DefinitionRepository } from '../../store/DefinitionRepository';
import type { FormHead, FormRepository } from '../../store/FormRepository';
import type { VersionRestriction } from '../../store/latestVersion';
import type { ElementDef, ProcessModel } from './ProcessModel';

/** A deployed process definition version with its compiled model (cached; versions never change). */
export interface ProcessDefinition {
  key: number;
  model: ProcessModel;
  processId: string;
  version: number;
  name: string | null;
  tenant: string;
}

/** `zeebe:calledElement` / `zeebe:formDefinition` bindingType. */
export interface Binding {
  type: 'latest' | 'deployment' | 'versionTag';
  versionTag?: string;
}

/**
 * Definitions and version binding: the compiled model of a definition key, an element of it, and the
 * version a process id or form id resolves to — latest, of the caller's deployment or by version tag.
 */
export class Definitions {
  private readonly cache = new Map<number, ProcessDefinition>();

  constructor(
    private readonly definitions: DefinitionRepository,
    private readonly forms: FormRepository,
  ) {}

  get(key: number): ProcessDefinition {
    let d = this.cache.get(key);
    if (!d) {
      const row = this.definitions.get(key);
      if (!row) throw new Error(`process definition ${key} missing`);
      d = { key, model: JSON.parse(row.model), processId: row.process_id, version: row.version, name: row.name, tenant: row.tenant };
      this.cache.set(key, d);
    }
    return d;
  }

  element(proc: ProcessDefinition, id: string): ElementDef {
    const e = proc.model.elements[id];
    if (!e) throw new Error(`element ${id} not in ${proc.processId}`);
    return e;
  }

  /** The latest (not deleted) version of a process id. */
  latest(processId: string): DefinitionHead | undefined {
    return this.definitions.latest(processId);
  }

  /** The version of a process id a call activity of `caller` binds to. */
  boundProcess(processId: string, binding: Binding | undefined, caller: ProcessDefinition): DefinitionHead | undefined {
    const [restriction, arg] = Definitions.restriction(binding, caller);
    return this.definitions.latest(processId, restriction, arg);
  }

  /** The version of a form id a user task of `caller` binds to. */
  boundForm(formId: string, binding: Binding | undefined, caller: ProcessDefinition): FormHead | undefined {
    const [restriction, arg] = Definitions.restriction(binding, caller);
    return this.forms.latest(formId, restriction, arg);
  }

  static restriction(binding: Binding | undefined, caller: ProcessDefinition): [VersionRestriction, string | number | undefined] {
    const b = binding ?? { type: 'latest' };
    if (b.type === 'deployment') return ['deployment', caller.key];
    if (b.type === 'versionTag') return ['versionTag', b.versionTag ?? ''];
    return ['latest', undefined];
  }
}
