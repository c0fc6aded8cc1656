import { Feel } from '../../feel/Feel';
import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { IncidentError } from '../state/IncidentError';
import { Behaviour } from './ElementBehaviour';

/**
 * End events. None: completes (the scope completes when nothing else is active). Terminate: completes
 * and terminates everything else in its scope. Error: throws its error code (FEEL allowed) to the
 * catch search of `subsystems/Errors.ts` (uncaught: UNHANDLED_ERROR_EVENT incident). Signal: broadcasts
 * its signal (after this step) and completes. Escalation: throws its code to `subsystems/Escalations.ts`
 * and completes unless an interrupting catch terminated it. Compensation: runs the compensation handlers and
 * completes when they have. Message end events are jobs (`ServiceTaskBehaviour`).
 */
export class EndEventBehaviour extends Behaviour {
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    if (el.eventType === 'terminate') {
      this.terminateEnd(proc, row);
      return;
    }
    if (el.eventType === 'error') {
      const code = Feel.isExpression(el.errorCode) ? this.parts.feel.evaluate(el.errorCode ?? '', this.parts.variables.visible(row.key)) : el.errorCode;
      if (typeof code !== 'string' || !code) throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected the error code '${el.errorCode}' to be a string. Element '${el.id}'.`);
      this.parts.errors.throwError(proc, row, code, '', {}, null);
      return;
    }
    if (el.eventType === 'signal') {
      const name = this.parts.signals.nameOf(row, el);
      const vars = this.parts.variables.local(row.key);
      this.parts.commands.defer(() => this.parts.signals.broadcast(name, vars));
    }
    if (el.eventType === 'escalation' && !this.parts.escalations.throwEscalation(row, this.escalationCode(row, el))) return;
    if (el.eventType === 'compensation' && !this.parts.compensations.throwCompensation(proc, row, el)) return;
    this.completeNow(proc, row, el);
  }

  /** The escalation code of a throw event (FEEL allowed). */
  private escalationCode(row: ElementRow, el: ElementDef): string {
    const code = Feel.isExpression(el.escalationCode) ? this.parts.feel.evaluate(el.escalationCode ?? '', this.parts.variables.visible(row.key)) : el.escalationCode;
    if (typeof code !== 'string' || !code) throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected the escalation code '${el.escalationCode}' to be a string. Element '${el.id}'.`);
    return code;
  }

  private terminateEnd(proc: ProcessDefinition, row: ElementRow) {
    const { elements } = this.parts;
    elements.markCompleted(row.key);
    const scope = elements.scopeOf(row);
    if (scope.type === 'PROCESS') {
      this.parts.repos.subscriptions.deleteEventSubprocessesOf(scope.key);
      this.parts.repos.signals.deleteEventSubprocessesOf(scope.key);
    }
    if (this.parts.termination.children(scope, { op: 'completeScope' })) this.parts.lifecycle.maybeCompleteScope(proc, scope);
  }
}
