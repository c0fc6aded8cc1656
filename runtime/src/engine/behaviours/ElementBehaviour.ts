import type { Variables } from '../../broker/types';
import type { ElementRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';

/**
 * What one BPMN element type does, in the style of bpmn-elements' behaviours: the lifecycle
 * (`lifecycle/Lifecycle.ts`) activates and completes every element the same way and asks the
 * element's behaviour (looked up in `BehaviourTable`) only for what differs.
 */
export interface ElementBehaviour {
  /** The token entered the element: its row is ACTIVE and its input mappings are applied. Complete it, or wait. */
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void;
  /** The outgoing flows to take when the element completes (default: all). */
  outgoing?(proc: ProcessDefinition, row: ElementRow, el: ElementDef): string[];
  /** Elements of the scope to activate after it left (a link throw event's catch), beside its outgoing flows. */
  continueAt?(proc: ProcessDefinition, row: ElementRow, el: ElementDef): string[];
  /** A token arrives over `flowId` (default: the element is activated). */
  arrive?(proc: ProcessDefinition, flowId: string, scope: ElementRow, el: ElementDef): void;
  /** A message or timer the element waits for arrived (see `lifecycle/Waits.ts` for who is asked). */
  trigger?(proc: ProcessDefinition, owner: ElementRow, elementId: string, interrupting: boolean, vars: Variables): void;
}

/** Shared by the behaviours: the engine's parts, and boundary events opened with an activity. */
export abstract class Behaviour implements ElementBehaviour {
  constructor(protected readonly parts: EngineParts) {}

  abstract enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void;

  /** Opens the activity's message and timer boundary events (an inner multi-instance instance has none: its body has them). */
  protected attachBoundaries(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    if (!this.parts.elements.isInner(row)) this.parts.behaviours.boundaryEvent.attach(proc, row, el);
  }

  /** Completes the element at once (events and gateways that do not wait). */
  protected completeNow(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    this.parts.lifecycle.complete(proc, row, el);
  }
}
