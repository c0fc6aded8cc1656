import type { Variables } from '../../broker/types';
import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { Behaviour } from './ElementBehaviour';

/**
 * Event subprocess (a subprocess with triggeredByEvent). Never entered by a token: its message, timer and
 * signal start events are opened with the enclosing scope (process or subprocess; wait kind `eventsub`,
 * owned by the scope), its error and escalation start events are found by `subsystems/Errors.ts` and
 * `subsystems/Escalations.ts`. When triggered, an
 * interrupting one terminates everything else in the scope and closes the scope's other event
 * subprocess waits; then the event subprocess is activated with its start event triggered.
 */
export class EventSubProcessBehaviour extends Behaviour {
  enter(_proc: ProcessDefinition, _row: ElementRow, _el: ElementDef): void {
    // started only by start(), never by a token
  }

  /** Opens the message subscriptions and timers of the event subprocesses `ids` of a scope that has just started. */
  open(proc: ProcessDefinition, scope: ElementRow, ids: string[]): void {
    const { definitions, timers, messages, variables } = this.parts;
    for (const id of ids) {
      const sub = definitions.element(proc, id);
      const start = sub.startEvent ? definitions.element(proc, sub.startEvent) : undefined;
      if (!start) continue;
      const interrupting = start.interrupting !== false;
      if (start.eventType === 'timer' && start.timer) {
        timers.open('eventsub', scope, id, proc, timers.schedule(start.timer, start.id, variables.visible(scope.key)), interrupting);
      } else if (start.eventType === 'message' && start.message) {
        const ck = messages.correlationKey(start, variables.visible(scope.key));
        messages.openSubscription('eventsub', scope, id, proc, start.message.name, ck, interrupting);
      } else if (start.eventType === 'signal' && start.signal) {
        this.parts.signals.open('eventsub', scope, id, start, proc, variables.visible(scope.key), interrupting);
      }
    }
  }

  trigger(proc: ProcessDefinition, owner: ElementRow, elementId: string, interrupting: boolean, vars: Variables): void {
    this.start(proc, owner, elementId, interrupting, vars, {});
  }

  /** Starts event subprocess `eventSubId` in `scopeIn` (message, timer or caught error; `extra`: errorCode / errorMessage for output mappings). */
  start(proc: ProcessDefinition, scopeIn: ElementRow, eventSubId: string, interrupting: boolean, vars: Variables, extra: Record<string, unknown>): void {
    const { elements, repos } = this.parts;
    const scope = elements.row(scopeIn.key);
    if (scope.state !== 'ACTIVE') return;
    if (interrupting) {
      repos.subscriptions.deleteEventSubprocessesOf(scope.key);
      repos.timers.deleteEventSubprocessesOf(scope.key);
      repos.signals.deleteEventSubprocessesOf(scope.key);
      // canceling task listeners in the scope run first: the event subprocess begins after them
      if (!this.parts.termination.children(scope, { op: 'startEventSub', eventSubId, vars, extra })) return;
    }
    this.begin(proc, scope, eventSubId, vars, extra);
  }

  /** The event subprocess's instance in `scope`, with its start event triggered. */
  begin(proc: ProcessDefinition, scope: ElementRow, eventSubId: string, vars: Variables, extra: Record<string, unknown>): void {
    const sub = this.parts.definitions.element(proc, eventSubId);
    const subRow = this.parts.elements.insert(proc, sub, scope);
    if (sub.startEvent) this.parts.lifecycle.activateTriggered(proc, sub.startEvent, subRow, vars, extra);
  }
}
