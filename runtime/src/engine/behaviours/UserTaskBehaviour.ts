import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { Behaviour } from './ElementBehaviour';

/** A Camunda user task (zeebe:userTask): creates the task (`subsystems/UserTasks.ts`) and waits for its completion. */
export class UserTaskBehaviour extends Behaviour {
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    this.attachBoundaries(proc, row, el);
    this.parts.userTasks.create(proc, row, el);
  }
}
