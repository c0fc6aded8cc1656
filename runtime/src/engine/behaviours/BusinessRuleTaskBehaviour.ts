import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { Behaviour } from './ElementBehaviour';

/**
 * A business rule task with `zeebe:calledDecision`: evaluates the DMN decision (`subsystems/Decisions.ts`), sets its
 * result in the result variable and completes. A decision that is not deployed is a CALLED_DECISION_ERROR incident, a
 * failed evaluation a DECISION_EVALUATION_ERROR incident; resolving it evaluates again. (With a task definition
 * instead, a business rule task is a job: `ServiceTaskBehaviour`.)
 */
export class BusinessRuleTaskBehaviour extends Behaviour {
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    this.attachBoundaries(proc, row, el);
    this.parts.decisions.evaluateForTask(proc, row, el);
    this.completeNow(proc, row, el);
  }
}
