import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { Behaviour } from './ElementBehaviour';

/**
 * Every element that is a job (kind `jobTask`): service, send and business rule tasks, script tasks with
 * a task definition, message intermediate throw and end events, and user tasks without zeebe:userTask
 * (`io.camunda.zeebe:userTask`). Waits for the job (`subsystems/Jobs.ts`) to complete.
 */
export class ServiceTaskBehaviour extends Behaviour {
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    this.attachBoundaries(proc, row, el);
    this.parts.jobs.create(proc, row, el);
  }
}
