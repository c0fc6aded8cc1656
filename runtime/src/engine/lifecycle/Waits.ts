import type { Variables } from '../../broker/types';
import { Feel } from '../../feel/Feel';
import type { ElementRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { IncidentError } from '../state/IncidentError';

/**
 * What an element instance waits for: the message subscription or timer of a catch (catch event,
 * receive task, event-based gateway target, boundary event), closed with the element; and the
 * dispatch of an arrived message or due timer to the behaviour that waits for it.
 *
 * Wait kinds (column `kind` of subscriptions and timers): catch, gateway, boundary, eventsub, start.
 */
export type WaitKind = 'catch' | 'gateway' | 'boundary' | 'eventsub' | 'start';

export class Waits {
  constructor(private readonly parts: EngineParts) {}

  /** Opens the message subscription or timer of a catch target, owned by `owner`, evaluated in `contextRow`'s scope. */
  openCatch(proc: ProcessDefinition, owner: ElementRow, target: ElementDef, kind: WaitKind, contextRow: ElementRow, interrupting = true): void {
    const { timers, messages, variables, feel } = this.parts;
    if (target.eventType === 'timer' && target.timer) {
      timers.open(kind, owner, target.id, proc, timers.schedule(target.timer, target.id, variables.visible(contextRow.key)), interrupting);
      return;
    }
    if (target.eventType === 'message' && target.message) {
      const vars = variables.visible(contextRow.key);
      const name = Feel.isExpression(target.message.name) ? feel.evaluate(target.message.name, vars) : target.message.name;
      if (typeof name !== 'string' || !name) throw new IncidentError('EXTRACT_VALUE_ERROR', `Element '${target.id}': the message name expression did not evaluate to a string`);
      const ck = messages.correlationKey(target, vars);
      messages.openSubscription(kind, owner, target.id, proc, name, ck, interrupting);
      return;
    }
    if (target.eventType === 'signal' && target.signal) this.parts.signals.open(kind, owner, target.id, target, proc, variables.visible(contextRow.key), interrupting);
  }

  /** Closes every subscription and timer an element instance owns. */
  close(elementInstanceKey: number): void {
    this.parts.repos.subscriptions.deleteOf(elementInstanceKey);
    this.parts.repos.timers.deleteOf(elementInstanceKey);
    this.parts.repos.signals.deleteOf(elementInstanceKey);
  }

  /**
   * A message or timer arrived for a wait of `ownerKey`. The behaviour that handles it: for catch and
   * gateway waits the owner's (catch event, receive task, event-based gateway); for boundary and
   * eventsub waits the waiting element's (`elementId`: boundary event, event subprocess).
   */
  trigger(kind: string, ownerKey: number, elementId: string, interrupting: boolean, vars: Variables): void {
    const owner = this.parts.elements.find(ownerKey);
    if (!owner || owner.state !== 'ACTIVE') return;
    const { definitions, behaviours } = this.parts;
    const proc = definitions.get(owner.def);
    const behaviour =
      kind === 'boundary' || kind === 'eventsub'
        ? behaviours.forElement(definitions.element(proc, elementId))
        : kind === 'catch' || kind === 'gateway'
          ? behaviours.forInstance(owner, definitions.element(proc, owner.element_id))
          : undefined;
    behaviour?.trigger?.(proc, owner, elementId, interrupting, vars);
  }
}
