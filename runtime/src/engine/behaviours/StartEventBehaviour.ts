import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { Behaviour } from './ElementBehaviour';

/**
 * Start events complete at once. A none start event is activated by the process or subprocess start;
 * message and timer start events (process level: `subsystems/Messages.ts`, `subsystems/Timers.ts`;
 * event subprocess: `EventSubProcessBehaviour`) are activated already triggered.
 */
export class StartEventBehaviour extends Behaviour {
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    this.completeNow(proc, row, el);
  }
}
