import type { Variables } from '../../broker/types';
import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { Behaviour } from './ElementBehaviour';

/**
 * Boundary events. Message and timer boundaries are opened with their activity (wait kind `boundary`,
 * owned by the activity: by the multi-instance body, not its inner instances) and close with it; when
 * one arrives, an interrupting boundary terminates the activity, then the boundary event is activated
 * and completed in the activity's flow scope. Error boundaries are found by `subsystems/Errors.ts`.
 */
export class BoundaryEventBehaviour extends Behaviour {
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    this.completeNow(proc, row, el);
  }

  /** Opens the message and timer boundary events of an activity instance. */
  attach(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    for (const bid of el.boundaries) {
      const b = this.parts.definitions.element(proc, bid);
      if (b.eventType === 'message' || b.eventType === 'timer' || b.eventType === 'signal') this.parts.waits.openCatch(proc, row, b, 'boundary', row, b.interrupting !== false);
    }
  }

  trigger(proc: ProcessDefinition, owner: ElementRow, elementId: string, interrupting: boolean, vars: Variables): void {
    const scope = this.parts.elements.scopeOf(owner);
    // canceling task listeners of the activity run first: the boundary event is activated after them
    if (interrupting && !this.parts.termination.element(owner, { op: 'activateBoundary', boundaryId: elementId, vars, extra: {} })) return;
    this.parts.lifecycle.activateTriggered(proc, elementId, scope, vars, {});
  }
}
