import type { Variables } from '../../broker/types';
import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { Behaviour } from './ElementBehaviour';

/**
 * Event-based gateway: opens the subscription or timer of every catch event after it, owned by the
 * gateway (wait kind `gateway`). The first to arrive completes the gateway and activates and completes
 * that catch event; the others close with the gateway.
 */
export class EventBasedGatewayBehaviour extends Behaviour {
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    for (const fid of el.outgoing) {
      const target = this.parts.definitions.element(proc, proc.model.flows[fid].target);
      this.parts.waits.openCatch(proc, row, target, 'gateway', row);
    }
  }

  trigger(proc: ProcessDefinition, owner: ElementRow, elementId: string, _interrupting: boolean, vars: Variables): void {
    this.parts.waits.close(owner.key);
    this.parts.elements.markCompleted(owner.key);
    const scope = this.parts.elements.scopeOf(owner);
    this.parts.lifecycle.activateTriggered(proc, elementId, scope, vars, {});
  }
}
