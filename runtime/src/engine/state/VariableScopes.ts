import type { Variables } from '../../broker/types';
import type { ElementRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';
import type { ElementDef, Mapping } from '../model/ProcessModel';

/**
 * Variables and scopes with Zeebe's rules: every element instance is a scope; a variable is read from
 * the nearest scope that has it; `setLocal` writes to one scope, `propagate` updates the nearest scope
 * that has the name, else creates it at the process instance.
 */
export class VariableScopes {
  constructor(private readonly parts: EngineParts) {}

  private get repo() {
    return this.parts.repos.variables;
  }

  /** Scope chain from the given scope up to the process instance (inclusive). */
  chain(scopeKey: number): number[] {
    const out: number[] = [];
    let k: number | null = scopeKey;
    while (k !== null) {
      out.push(k);
      const scope: number | null | undefined = this.parts.repos.elements.scopeOf(k);
      k = scope === undefined ? null : scope;
    }
    return out;
  }

  /** Every variable visible from a scope (inner scopes shadow outer ones). */
  visible(scopeKey: number): Record<string, unknown> {
    const chain = this.chain(scopeKey).reverse();
    const out: Record<string, unknown> = {};
    for (const s of chain) {
      for (const v of this.repo.ofScope(s)) out[v.name] = JSON.parse(v.value);
    }
    return out;
  }

  /** The scope's own variables. */
  local(scopeKey: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const v of this.repo.ofScope(scopeKey)) out[v.name] = JSON.parse(v.value);
    return out;
  }

  setLocal(scopeKey: number, pi: number, vars: Variables, tenant: string): void {
    for (const [name, value] of Object.entries(vars)) {
      const json = JSON.stringify(value === undefined ? null : value);
      this.repo.upsert(this.parts.keys.next(), scopeKey, pi, name, json, tenant);
    }
  }

  /** Zeebe propagation: update the nearest scope that has the variable, else create it at the root. */
  propagate(scopeKey: number, pi: number, vars: Variables, tenant: string): void {
    const entries = Object.entries(vars);
    if (entries.length === 0) return;
    const chain = this.chain(scopeKey);
    for (const [name, value] of entries) {
      let target = pi;
      for (const s of chain) {
        if (this.repo.has(s, name)) {
          target = s;
          break;
        }
      }
      this.setLocal(target, pi, { [name]: value }, tenant);
    }
  }

  /** Job / user task / message / error / child process variables: local when output mappings exist, else propagated. */
  setCompletionVariables(row: ElementRow, el: ElementDef, vars: Variables, tenant: string): void {
    if (Object.keys(vars).length === 0) return;
    if (el.outputs.length > 0 && row.type !== 'MULTI_INSTANCE_BODY') this.setLocal(row.key, row.pi, vars, tenant);
    else this.propagate(row.key, row.pi, vars, tenant);
  }

  /** Input / output mappings (FEEL sources, targets may be nested `a.b`); each mapping sees the ones before it. */
  applyMappings(mappings: Mapping[], context: Record<string, unknown>): Record<string, unknown> {
    const ctx = { ...context };
    const out: Record<string, unknown> = {};
    for (const m of mappings) {
      const value = this.parts.feel.valueOf(m.source, ctx);
      const path = m.target.split('.');
      if (path.length === 1) {
        out[m.target] = value;
        ctx[m.target] = value;
      } else {
        const root = path[0];
        const base = (out[root] ?? ctx[root]) as Record<string, unknown> | undefined;
        const obj: Record<string, unknown> = base && typeof base === 'object' && !Array.isArray(base) ? structuredClone(base) : {};
        let cur = obj;
        for (let i = 1; i < path.length - 1; i++) {
          const next = cur[path[i]];
          cur[path[i]] = next && typeof next === 'object' && !Array.isArray(next) ? next : {};
          cur = cur[path[i]] as Record<string, unknown>;
        }
        cur[path[path.length - 1]] = value;
        out[root] = obj;
        ctx[root] = obj;
      }
    }
    return out;
  }
}
