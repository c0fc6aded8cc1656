import { Feel } from '../../feel/Feel';
import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { IncidentError } from '../state/IncidentError';
import { Behaviour } from './ElementBehaviour';

/**
 * Signal, escalation and link intermediate throw events (none throw events pass through: `TaskBehaviour`; message throw
 * events are jobs). Signal: broadcasts its signal (after this step, with the event's local variables) and completes.
 * Escalation: throws its code to `subsystems/Escalations.ts` and completes unless an interrupting catch terminated it.
 * Link: completes and continues at the catch link event of the same name in its scope (no sequence flow).
 * Compensation: runs the compensation handlers (`subsystems/Compensations.ts`) and completes when they have.
 */
export class IntermediateThrowEventBehaviour extends Behaviour {
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    if (el.eventType === 'signal') {
      const name = this.parts.signals.nameOf(row, el);
      const vars = this.parts.variables.local(row.key);
      this.parts.commands.defer(() => this.parts.signals.broadcast(name, vars));
    }
    if (el.eventType === 'escalation') {
      const code = Feel.isExpression(el.escalationCode) ? this.parts.feel.evaluate(el.escalationCode ?? '', this.parts.variables.visible(row.key)) : el.escalationCode;
      if (typeof code !== 'string' || !code) throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected the escalation code '${el.escalationCode}' to be a string. Element '${el.id}'.`);
      if (!this.parts.escalations.throwEscalation(row, code)) return;
    }
    if (el.eventType === 'compensation' && !this.parts.compensations.throwCompensation(proc, row, el)) return;
    this.completeNow(proc, row, el);
  }

  continueAt(proc: ProcessDefinition, _row: ElementRow, el: ElementDef): string[] {
    if (el.eventType !== 'link') return [];
    const target = Object.values(proc.model.elements).find((c) => c.kind === 'intermediateCatchEvent' && c.eventType === 'link' && c.link === el.link && c.parent === el.parent);
    return target ? [target.id] : [];
  }
}
