import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { Behaviour } from './ElementBehaviour';

/**
 * Embedded subprocess: a scope. Opens its boundary events and the subscriptions and timers of its event
 * subprocesses, then activates its none start event; completes (via `Lifecycle.maybeCompleteScope`)
 * when nothing inside is active any more.
 */
export class SubProcessBehaviour extends Behaviour {
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    this.attachBoundaries(proc, row, el);
    this.parts.behaviours.eventSubProcess.open(proc, row, el.eventSubprocesses ?? []);
    if (el.noneStart) this.parts.lifecycle.activate(proc, el.noneStart, row);
  }
}
