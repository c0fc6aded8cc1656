import { Feel } from '../../feel/Feel';
import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { IncidentError } from '../state/IncidentError';
import { Behaviour } from './ElementBehaviour';

/**
 * End events. None: completes (the scope completes when nothing else is active). Terminate: completes
 * and terminates everything else in its scope. Error: throws its error code (FEEL allowed) to the
 * catch search of `subsystems/Errors.ts` (uncaught: UNHANDLED_ERROR_EVENT incident). Message end events
 * are jobs (`ServiceTaskBehaviour`).
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
    this.completeNow(proc, row, el);
  }

  private terminateEnd(proc: ProcessDefinition, row: ElementRow) {
    const { elements } = this.parts;
    elements.markCompleted(row.key);
    const scope = elements.scopeOf(row);
    if (scope.type === 'PROCESS') this.parts.repos.subscriptions.deleteEventSubprocessesOf(scope.key);
    if (this.parts.termination.children(scope, { op: 'completeScope' })) this.parts.lifecycle.maybeCompleteScope(proc, scope);
  }
}
