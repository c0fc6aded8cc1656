import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { Behaviour } from './ElementBehaviour';

/** A script task with zeebe:script: evaluates the FEEL expression into its result variable and completes. */
export class ScriptTaskBehaviour extends Behaviour {
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    const s = el.script;
    if (!s) return;
    this.attachBoundaries(proc, row, el);
    const { variables } = this.parts;
    const value = this.parts.feel.evaluate(s.expression, variables.visible(row.key));
    variables.setCompletionVariables(row, el, { [s.resultVariable]: value }, proc.tenant);
    this.completeNow(proc, row, el);
  }
}
