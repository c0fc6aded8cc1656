import type { Variables } from '../../broker/types';
import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { Behaviour } from './ElementBehaviour';

/**
 * Intermediate message, timer or signal catch event: opens its subscription (correlation key or signal name
 * evaluated now) or timer (wait kind `catch`) and completes when it arrives, with the message's or signal's
 * variables. A link catch event is where a link throw event continues: it completes at once.
 */
export class IntermediateCatchEventBehaviour extends Behaviour {
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    if (el.eventType === 'link') {
      this.completeNow(proc, row, el);
      return;
    }
    this.attachBoundaries(proc, row, el);
    this.parts.waits.openCatch(proc, row, el, 'catch', row);
  }

  trigger(proc: ProcessDefinition, owner: ElementRow, _elementId: string, _interrupting: boolean, vars: Variables): void {
    const el = this.parts.definitions.element(proc, owner.element_id);
    this.parts.incidents.guard(proc, owner, { op: 'complete' }, () => {
      this.parts.variables.setCompletionVariables(owner, el, vars, proc.tenant);
      this.parts.lifecycle.complete(proc, owner, el);
    });
  }
}
