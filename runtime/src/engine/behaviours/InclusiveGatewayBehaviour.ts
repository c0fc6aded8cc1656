import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { conditionHolds, noConditionTrue } from './flowConditions';
import { Behaviour } from './ElementBehaviour';

/**
 * Inclusive gateway (Camunda 8.8). A fork leaves by every flow whose condition is true (a flow without condition
 * counts as true), else by the default flow; a condition that is not a boolean, or none true and no default flow, is
 * a CONDITION_ERROR incident. A join (more than one incoming flow) holds the arriving tokens on its flow scope
 * (`data.joins`, as the parallel gateway) and is activated once no token that has not arrived yet can still reach it:
 * no active element of the scope, and no token held by another join, has a path to it.
 */
export class InclusiveGatewayBehaviour extends Behaviour {
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    this.completeNow(proc, row, el);
  }

  outgoing(proc: ProcessDefinition, row: ElementRow, el: ElementDef): string[] {
    const flows = proc.model.flows;
    const vars = this.parts.variables.visible(row.key);
    const taken: string[] = [];
    for (const fid of el.outgoing) {
      if (fid === el.defaultFlow) continue;
      const f = flows[fid];
      if (!f.condition) {
        taken.push(fid);
        continue;
      }
      if (conditionHolds(this.parts.feel, el, fid, f.condition, vars)) taken.push(fid);
    }
    if (taken.length > 0) return taken;
    if (el.defaultFlow) return [el.defaultFlow];
    throw noConditionTrue(el, flows);
  }

  arrive(proc: ProcessDefinition, flowId: string, scope: ElementRow, target: ElementDef): void {
    if (target.incoming.length <= 1) {
      this.parts.lifecycle.activate(proc, target.id, scope);
      return;
    }
    const { elements } = this.parts;
    const data = elements.data(elements.row(scope.key));
    const joins = (data.joins ??= {});
    const arrived = (joins[target.id] ??= {});
    arrived[flowId] = (arrived[flowId] ?? 0) + 1;
    elements.setData(scope.key, data);
    this.settle(proc, scope);
  }

  /** Activates every inclusive join of the scope that no token can reach any more (also when a path ended elsewhere). */
  settle(proc: ProcessDefinition, scopeIn: ElementRow): void {
    const { elements, repos } = this.parts;
    for (;;) {
      const scope = elements.row(scopeIn.key);
      if (scope.state !== 'ACTIVE') return;
      const data = elements.data(scope);
      const joins = data.joins ?? {};
      const held = Object.keys(joins).filter((id) => proc.model.elements[id]?.kind === 'inclusiveGateway');
      const active = repos.elements.activeChildren(scope.key).map((r) => r.element_id);
      const ready = held.find((id) => ![...active, ...Object.keys(joins).filter((j) => j !== id)].some((from) => this.reaches(proc, from, id)));
      if (!ready) return;
      const arrived = joins[ready];
      for (const f of Object.keys(arrived)) {
        arrived[f] -= 1;
        if (arrived[f] <= 0) delete arrived[f];
      }
      if (Object.keys(arrived).length === 0) delete joins[ready];
      elements.setData(scope.key, data);
      this.parts.lifecycle.activate(proc, ready, scope);
    }
  }

  /** Is there a path of sequence flows (and boundary events) from element `from` to `to`, not through `to`? */
  private reaches(proc: ProcessDefinition, from: string, to: string): boolean {
    const seen = new Set<string>();
    const queue = [from];
    while (queue.length > 0) {
      const id = queue.shift() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      const el = proc.model.elements[id];
      if (!el) continue;
      const next = [...el.outgoing.map((f) => proc.model.flows[f]?.target), ...el.boundaries];
      for (const n of next) {
        if (n === to) return true;
        if (n && !seen.has(n)) queue.push(n);
      }
    }
    return false;
  }
}
