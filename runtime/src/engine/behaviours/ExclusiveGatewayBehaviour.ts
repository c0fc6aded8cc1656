import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { conditionHolds, noConditionTrue } from './flowConditions';
import { Behaviour } from './ElementBehaviour';

/**
 * Exclusive gateway: completes at once and leaves by the first flow (in model order) whose condition is
 * true, else by the default flow. A condition that is not a boolean, or no true condition and no
 * default flow, is a CONDITION_ERROR incident (as in Zeebe); resolving it decides again.
 */
export class ExclusiveGatewayBehaviour extends Behaviour {
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    this.completeNow(proc, row, el);
  }

  outgoing(proc: ProcessDefinition, row: ElementRow, el: ElementDef): string[] {
    return [this.chooseFlow(proc, row, el)];
  }

  private chooseFlow(proc: ProcessDefinition, row: ElementRow, el: ElementDef): string {
    const flows = proc.model.flows;
    if (el.outgoing.length === 1 && !flows[el.outgoing[0]].condition) return el.outgoing[0];
    const vars = this.parts.variables.visible(row.key);
    for (const fid of el.outgoing) {
      const f = flows[fid];
      if (fid === el.defaultFlow || !f.condition) continue;
      if (conditionHolds(this.parts.feel, el, fid, f.condition, vars)) return fid;
    }
    if (el.defaultFlow) return el.defaultFlow;
    throw noConditionTrue(el, flows);
  }
}
