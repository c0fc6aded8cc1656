import type { ElementRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';
import type { ElementDef, ElementKind } from '../model/ProcessModel';
import { BoundaryEventBehaviour } from './BoundaryEventBehaviour';
import { BusinessRuleTaskBehaviour } from './BusinessRuleTaskBehaviour';
import { CallActivityBehaviour } from './CallActivityBehaviour';
import type { ElementBehaviour } from './ElementBehaviour';
import { EndEventBehaviour } from './EndEventBehaviour';
import { EventBasedGatewayBehaviour } from './EventBasedGatewayBehaviour';
import { EventSubProcessBehaviour } from './EventSubProcessBehaviour';
import { ExclusiveGatewayBehaviour } from './ExclusiveGatewayBehaviour';
import { InclusiveGatewayBehaviour } from './InclusiveGatewayBehaviour';
import { IntermediateCatchEventBehaviour } from './IntermediateCatchEventBehaviour';
import { IntermediateThrowEventBehaviour } from './IntermediateThrowEventBehaviour';
import { MultiInstanceBehaviour } from './MultiInstanceBehaviour';
import { ParallelGatewayBehaviour } from './ParallelGatewayBehaviour';
import { ReceiveTaskBehaviour } from './ReceiveTaskBehaviour';
import { ScriptTaskBehaviour } from './ScriptTaskBehaviour';
import { ServiceTaskBehaviour } from './ServiceTaskBehaviour';
import { StartEventBehaviour } from './StartEventBehaviour';
import { SubProcessBehaviour } from './SubProcessBehaviour';
import { TaskBehaviour } from './TaskBehaviour';
import { UserTaskBehaviour } from './UserTaskBehaviour';

/**
 * The key of the behaviour table: the compiled element kind (`model/ProcessModel.ts`), except that an
 * event subprocess and a multi-instance body have their own entries.
 */
export type BehaviourKey = ElementKind | 'eventSubProcess' | 'multiInstanceBody';

/** The one dispatch table: element kind → behaviour. Every element instance is entered, completed and triggered through it. */
export class BehaviourTable {
  readonly boundaryEvent: BoundaryEventBehaviour;
  readonly eventSubProcess: EventSubProcessBehaviour;
  readonly callActivity: CallActivityBehaviour;
  readonly multiInstance: MultiInstanceBehaviour;
  readonly inclusiveGateway: InclusiveGatewayBehaviour;
  readonly table: Readonly<Record<BehaviourKey, ElementBehaviour>>;

  constructor(parts: EngineParts) {
    this.boundaryEvent = new BoundaryEventBehaviour(parts);
    this.eventSubProcess = new EventSubProcessBehaviour(parts);
    this.callActivity = new CallActivityBehaviour(parts);
    this.multiInstance = new MultiInstanceBehaviour(parts);
    this.inclusiveGateway = new InclusiveGatewayBehaviour(parts);
    this.table = {
      startEvent: new StartEventBehaviour(parts),
      endEvent: new EndEventBehaviour(parts),
      intermediateCatchEvent: new IntermediateCatchEventBehaviour(parts),
      intermediateThrowEvent: new IntermediateThrowEventBehaviour(parts),
      boundaryEvent: this.boundaryEvent,
      jobTask: new ServiceTaskBehaviour(parts),
      userTask: new UserTaskBehaviour(parts),
      receiveTask: new ReceiveTaskBehaviour(parts),
      scriptTask: new ScriptTaskBehaviour(parts),
      businessRuleTask: new BusinessRuleTaskBehaviour(parts),
      passThroughTask: new TaskBehaviour(parts),
      exclusiveGateway: new ExclusiveGatewayBehaviour(parts),
      parallelGateway: new ParallelGatewayBehaviour(parts),
      inclusiveGateway: this.inclusiveGateway,
      eventBasedGateway: new EventBasedGatewayBehaviour(parts),
      subProcess: new SubProcessBehaviour(parts),
      eventSubProcess: this.eventSubProcess,
      callActivity: this.callActivity,
      multiInstanceBody: this.multiInstance,
    };
  }

  /** The behaviour of an element (of a token-entered instance of it). */
  forElement(el: ElementDef): ElementBehaviour {
    return this.table[el.triggeredByEvent ? 'eventSubProcess' : el.kind];
  }

  /** The behaviour of an element instance: a multi-instance body's is the multi-instance behaviour. */
  forInstance(row: ElementRow, el: ElementDef): ElementBehaviour {
    return row.type === 'MULTI_INSTANCE_BODY' ? this.multiInstance : this.forElement(el);
  }
}
