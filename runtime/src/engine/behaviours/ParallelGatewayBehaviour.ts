import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { Behaviour } from './ElementBehaviour';

/**
 * Parallel gateway: a fork completes at once and takes every outgoing flow. A join (more than one
 * incoming flow) counts arriving tokens per incoming flow on its flow scope (`data.joins`) and is
 * activated once every incoming flow has delivered one.
 */
export class ParallelGatewayBehaviour extends Behaviour {
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    this.completeNow(proc, row, el);
  }

  arrive(proc: ProcessDefinition, flowId: string, scope: ElementRow, target: ElementDef): void {
    if (target.incoming.length <= 1) {
      this.parts.lifecycle.activate(proc, target.id, scope);
      return;
    }
    const { elements } = this.parts;
    const fresh = elements.row(scope.key);
    const data = elements.data(fresh);
    const joins = (data.joins ??= {});
    const arrived = (joins[target.id] ??= {});
    arrived[flowId] = (arrived[flowId] ?? 0) + 1;
    if (target.incoming.every((f) => (arrived[f] ?? 0) > 0)) {
      for (const f of target.incoming) {
        arrived[f] -= 1;
        if (arrived[f] === 0) delete arrived[f];
      }
      if (Object.keys(arrived).length === 0) delete joins[target.id];
      elements.setData(scope.key, data);
      this.parts.lifecycle.activate(proc, target.id, scope);
    } else {
      elements.setData(scope.key, data);
    }
  }
}
