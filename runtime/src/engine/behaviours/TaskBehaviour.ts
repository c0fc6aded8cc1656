import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { Behaviour } from './ElementBehaviour';

/** bpmn:Task, bpmn:ManualTask and none intermediate throw events: nothing to do, complete at once. */
export class TaskBehaviour extends Behaviour {
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    this.completeNow(proc, row, el);
  }
}
