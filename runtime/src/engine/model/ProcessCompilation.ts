import { ext, type MEl } from './moddle';
import type { ElementDef, ElementKind, EventType, Mapping, ProcessModel } from './ProcessModel';
import { checkScope } from './scopeRules';
import { checkExpressions } from './expressionCheck';
import { compileEventDefinition } from './eventDefinitionCompilation';
import { compileExecutionListeners } from './executionListenerCompilation';
import { compileUserTask } from './userTaskCompilation';

const TYPE_ENUM: Record<string, string> = {
  'bpmn:StartEvent': 'START_EVENT',
  'bpmn:EndEvent': 'END_EVENT',
  'bpmn:IntermediateCatchEvent': 'INTERMEDIATE_CATCH_EVENT',
  'bpmn:IntermediateThrowEvent': 'INTERMEDIATE_THROW_EVENT',
  'bpmn:BoundaryEvent': 'BOUNDARY_EVENT',
  'bpmn:ServiceTask': 'SERVICE_TASK',
  'bpmn:SendTask': 'SEND_TASK',
  'bpmn:BusinessRuleTask': 'BUSINESS_RULE_TASK',
  'bpmn:ScriptTask': 'SCRIPT_TASK',
  'bpmn:UserTask': 'USER_TASK',
  'bpmn:ReceiveTask': 'RECEIVE_TASK',
  'bpmn:Task': 'TASK',
  'bpmn:ManualTask': 'MANUAL_TASK',
  'bpmn:ExclusiveGateway': 'EXCLUSIVE_GATEWAY',
  'bpmn:ParallelGateway': 'PARALLEL_GATEWAY',
  'bpmn:InclusiveGateway': 'INCLUSIVE_GATEWAY',
  'bpmn:EventBasedGateway': 'EVENT_BASED_GATEWAY',
  'bpmn:SubProcess': 'SUB_PROCESS',
  'bpmn:CallActivity': 'CALL_ACTIVITY',
};

const IGNORED = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

/** Validates and compiles one bpmn:process (moddle tree with zeebe extensions) into a ProcessModel. */
export class ProcessCompilation {
  private readonly model: ProcessModel;

  constructor(
    private readonly process: MEl,
    private readonly findings: string[],
  ) {
    this.model = {
      id: process.id,
      name: process.name ?? null,
      versionTag: ext(process, 'zeebe:VersionTag')?.value ?? null,
      elements: {},
      flows: {},
      eventSubprocesses: [],
      messageStarts: [],
      timerStarts: [],
      signalStarts: [],
    };
  }

  private readonly failed = new Set<string>();
  /** bpmn:association artifacts of every scope (a compensation boundary event → its handler). */
  private readonly associations: MEl[] = [];
  /** The BPMN type of each element and sequence flow, for findings by id. */
  private readonly types = new Map<string, string>();

  /** One finding per element: the first reason is the root cause (e.g. an unsupported event definition). */
  private fail(el: MEl, reason: string) {
    if (this.failed.has(el.id)) return;
    this.failed.add(el.id);
    this.findings.push(`Element '${el.id}' (${el.$type}): ${reason}`);
  }

  compile(): ProcessModel {
    if (!this.process.id) this.findings.push('a bpmn:process has no id');
    this.model.executionListeners = compileExecutionListeners(this.process, null, (reason) => this.fail(this.process, reason));
    this.scope(this.process, null);
    checkScope(this.model, this.process, null, (el, reason) => this.fail(el, reason));
    this.compensationHandlers();
    checkExpressions(this.model, (id, reason) => this.fail({ id, $type: this.types.get(id) ?? 'bpmn:FlowElement' }, reason));
    return this.model;
  }

  private scope(container: MEl, parentId: string | null) {
    const flowElements: MEl[] = container.flowElements ?? [];
    this.associations.push(...((container.artifacts ?? []) as MEl[]).filter((a) => a.$type === 'bpmn:Association'));
    for (const fe of flowElements) {
      this.types.set(fe.id, fe.$type);
      if (fe.$type === 'bpmn:SequenceFlow') {
        this.model.flows[fe.id] = {
          id: fe.id,
          source: fe.sourceRef?.id,
          target: fe.targetRef?.id,
          condition: fe.conditionExpression?.body?.trim() || undefined,
        };
        continue;
      }
      if (IGNORED.has(fe.$type)) continue;
      this.element(fe, parentId);
      if (fe.$type === 'bpmn:SubProcess' && this.model.elements[fe.id]) {
        this.scope(fe, fe.id);
        checkScope(this.model, fe, fe.id, (el, reason) => this.fail(el, reason));
      }
    }
  }

  private element(el: MEl, parentId: string | null) {
    const type = TYPE_ENUM[el.$type];
    if (!type) {
      this.fail(el, `the element type is not supported by the local runtime`);
      return;
    }
    const def: ElementDef = {
      id: el.id,
      name: el.name ?? null,
      kind: 'passThroughTask',
      type,
      parent: parentId,
      incoming: (el.incoming ?? []).map((f: MEl) => f.id),
      outgoing: (el.outgoing ?? []).map((f: MEl) => f.id),
      eventType: 'none',
      boundaries: [],
      inputs: [],
      outputs: [],
    };
    if (el.default) def.defaultFlow = el.default.id;
    const io = ext(el, 'zeebe:IoMapping');
    if (io) {
      def.inputs = this.mappings(el, io.inputParameters);
      def.outputs = this.mappings(el, io.outputParameters);
    }
    this.model.elements[el.id] = def;
    if (el.isForCompensation) def.forCompensation = true;
    if ((ext(el, 'zeebe:TaskListeners')?.listeners ?? []).length > 0 && !(el.$type === 'bpmn:UserTask' && ext(el, 'zeebe:UserTask'))) {
      this.fail(el, 'task listeners (zeebe:taskListeners) are only supported on Camunda user tasks (zeebe:userTask)');
    }
    compileEventDefinition(el, def, (reason) => this.fail(el, reason));
    def.executionListeners = compileExecutionListeners(el, def, (reason) => this.fail(el, reason));
    const kind = this.kindOf(el, def);
    if (!kind) return;
    def.kind = kind;
    this.loop(el, def);
    if (el.$type === 'bpmn:BoundaryEvent') {
      def.attachedTo = el.attachedToRef?.id;
      def.interrupting = el.cancelActivity !== false;
      if (!def.attachedTo) this.fail(el, 'boundary event is not attached to an activity');
      if (def.eventType === 'none' || def.eventType === 'link') this.fail(el, 'a boundary event needs a message, timer, error, signal, escalation or compensation event definition');
      if (def.eventType === 'compensation' && (el.outgoing ?? []).length > 0) this.fail(el, 'Compensation boundary events must have a compensation association and no outgoing sequence flows');
    }
    if (el.$type === 'bpmn:SubProcess') {
      if (el.triggeredByEvent) {
        def.type = 'EVENT_SUB_PROCESS';
        def.triggeredByEvent = true;
        if (parentId === null) this.model.eventSubprocesses.push(el.id);
      }
    }
  }

  /** Each compensation boundary event's association names its activity's handler (Camunda's validation messages). */
  private compensationHandlers(): void {
    for (const b of Object.values(this.model.elements)) {
      if (b.kind !== 'boundaryEvent' || b.eventType !== 'compensation' || !b.attachedTo) continue;
      const assoc = this.associations.find((a) => a.sourceRef?.id === b.id);
      const handler = assoc ? this.model.elements[assoc.targetRef?.id] : undefined;
      const el = { id: b.id, $type: 'bpmn:BoundaryEvent' };
      if (!handler) {
        this.fail(el, 'Compensation boundary events must have a compensation association and no outgoing sequence flows');
        continue;
      }
      if (!handler.forCompensation) this.fail({ id: handler.id, $type: this.types.get(handler.id) ?? 'bpmn:Activity' }, 'A compensation handler must have isForCompensation="true"');
      const host = this.model.elements[b.attachedTo];
      if (host) host.compensationHandler = handler.id;
    }
  }

  private mappings(el: MEl, params: MEl[] | undefined): Mapping[] {
    const out: Mapping[] = [];
    for (const p of params ?? []) {
      if (!p.target) {
        this.fail(el, 'an input/output mapping has no target');
        continue;
      }
      out.push({ source: p.source ?? '=null', target: p.target });
    }
    return out;
  }

  private kindOf(el: MEl, def: ElementDef): ElementKind | undefined {
    const taskDef = ext(el, 'zeebe:TaskDefinition');
    const jobFrom = (): ElementKind | undefined => {
      if (!taskDef || !taskDef.type) {
        this.fail(el, 'must have a zeebe:taskDefinition with a job type');
        return undefined;
      }
      const headers: Record<string, string> = {};
      for (const h of ext(el, 'zeebe:TaskHeaders')?.values ?? []) if (h.key) headers[h.key] = h.value ?? '';
      def.job = { type: taskDef.type, retries: taskDef.retries ?? '3', headers };
      return 'jobTask';
    };
    const t: string = el.$type;
    const et: EventType = def.eventType;
    switch (t) {
      case 'bpmn:StartEvent':
        if (!['none', 'message', 'timer', 'error', 'signal', 'escalation'].includes(et)) this.fail(el, `a ${et} start event is not supported`);
        return 'startEvent';
      case 'bpmn:EndEvent':
        if (et === 'message') return jobFrom();
        if (!['none', 'terminate', 'error', 'signal', 'escalation', 'compensation'].includes(et)) this.fail(el, `a ${et} end event is not supported`);
        if (et === 'error' && !def.errorCode) this.fail(el, 'an error end event must reference a bpmn:error with an errorCode');
        if (et === 'escalation' && !def.escalationCode) this.fail(el, 'Must have an escalation code');
        return 'endEvent';
      case 'bpmn:IntermediateCatchEvent':
        if (!['message', 'timer', 'signal', 'link'].includes(et)) this.fail(el, 'an intermediate catch event needs a message, timer, signal or link event definition');
        if (et === 'message' && def.message && !def.message.correlationKey) this.fail(el, 'the message needs a zeebe:subscription correlationKey');
        return 'intermediateCatchEvent';
      case 'bpmn:IntermediateThrowEvent':
        if (et === 'message') return jobFrom();
        if (et === 'escalation' && !def.escalationCode) this.fail(el, 'Must have an escalation code');
        if (et === 'signal' || et === 'escalation' || et === 'link' || et === 'compensation') return 'intermediateThrowEvent';
        if (et !== 'none') this.fail(el, `a ${et} intermediate throw event is not supported`);
        return 'passThroughTask';
      case 'bpmn:BoundaryEvent':
        if (et === 'message' && def.message && !def.message.correlationKey) this.fail(el, 'the message needs a zeebe:subscription correlationKey');
        if (et === 'escalation') {
          const host = el.attachedToRef?.$type;
          if (host !== 'bpmn:SubProcess' && host !== 'bpmn:CallActivity') this.fail(el, 'An escalation boundary event should only be attached to a subprocess, or a call activity');
        }
        return 'boundaryEvent';
      case 'bpmn:ServiceTask':
      case 'bpmn:SendTask':
        return jobFrom();
      case 'bpmn:BusinessRuleTask': {
        const called = ext(el, 'zeebe:CalledDecision');
        if (called && !taskDef) {
          if (!called.decisionId) this.fail(el, "Attribute 'decisionId' must be present and not empty");
          if (!called.resultVariable) this.fail(el, "Attribute 'resultVariable' must be present and not empty");
          def.calledDecision = { decisionId: called.decisionId ?? '', resultVariable: called.resultVariable ?? '', binding: this.binding(el, called) };
          return 'businessRuleTask';
        }
        return jobFrom();
      }
      case 'bpmn:ScriptTask': {
        const script = ext(el, 'zeebe:Script');
        if (script) {
          if (!script.expression || !script.resultVariable) this.fail(el, 'zeebe:script needs an expression and a resultVariable');
          def.script = { expression: script.expression ?? '=null', resultVariable: script.resultVariable ?? 'result' };
          return 'scriptTask';
        }
        if (!taskDef) {
          this.fail(el, 'a script task needs zeebe:script (FEEL) or a zeebe:taskDefinition');
          return undefined;
        }
        return jobFrom();
      }
      case 'bpmn:UserTask': {
        if (!ext(el, 'zeebe:UserTask')) {
          const headers: Record<string, string> = {};
          for (const h of ext(el, 'zeebe:TaskHeaders')?.values ?? []) if (h.key) headers[h.key] = h.value ?? '';
          def.job = { type: 'io.camunda.zeebe:userTask', retries: '1', headers };
          return 'jobTask';
        }
        def.userTask = compileUserTask(el, (reason) => this.fail(el, reason), (e, x) => this.binding(e, x));
        return 'userTask';
      }
      case 'bpmn:ReceiveTask': {
        const msg = el.messageRef;
        if (!msg?.name) {
          this.fail(el, 'a receive task must reference a bpmn:message with a name');
          return undefined;
        }
        const sub = ext(msg, 'zeebe:Subscription');
        if (!sub?.correlationKey) this.fail(el, 'the message needs a zeebe:subscription correlationKey');
        def.eventType = 'message';
        def.message = { name: msg.name, correlationKey: sub?.correlationKey };
        return 'receiveTask';
      }
      case 'bpmn:Task':
      case 'bpmn:ManualTask':
        return 'passThroughTask';
      case 'bpmn:ExclusiveGateway':
        return 'exclusiveGateway';
      case 'bpmn:ParallelGateway':
        return 'parallelGateway';
      case 'bpmn:InclusiveGateway':
        return 'inclusiveGateway';
      case 'bpmn:EventBasedGateway':
        return 'eventBasedGateway';
      case 'bpmn:SubProcess':
        return 'subProcess';
      case 'bpmn:CallActivity': {
        const ce = ext(el, 'zeebe:CalledElement');
        const processId = ce?.processId || ce?.processIdExpression;
        if (!processId) {
          this.fail(el, 'a call activity needs zeebe:calledElement with a processId');
          return undefined;
        }
        def.calledElement = {
          processId,
          propagateAllChildVariables: ce.propagateAllChildVariables !== false,
          propagateAllParentVariables: ce.propagateAllParentVariables !== false,
          binding: this.binding(el, ce),
        };
        return 'callActivity';
      }
    }
    this.fail(el, 'the element type is not supported by the local runtime');
    return undefined;
  }

  binding(el: MEl, ext: MEl): { type: 'latest' | 'deployment' | 'versionTag'; versionTag?: string } {
    const type = ext?.bindingType ?? 'latest';
    if (type === 'latest' || type === 'deployment') return { type };
    if (type === 'versionTag') {
      if (!ext.versionTag) this.fail(el, 'bindingType versionTag needs a versionTag');
      return { type, versionTag: ext.versionTag };
    }
    this.fail(el, `unknown bindingType '${type}' (latest, deployment or versionTag)`);
    return { type: 'latest' };
  }

  private loop(el: MEl, def: ElementDef) {
    const lc = el.loopCharacteristics;
    if (!lc) return;
    if (lc.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
      this.fail(el, `${lc.$type} (standard loop) is not supported; use multi-instance`);
      return;
    }
    const z = ext(lc, 'zeebe:LoopCharacteristics');
    if (!z?.inputCollection) {
      this.fail(el, 'multi-instance needs zeebe:loopCharacteristics with an inputCollection');
      return;
    }
    if (z.outputCollection && !z.outputElement) this.fail(el, 'multi-instance outputCollection needs an outputElement');
    def.loop = {
      sequential: lc.isSequential === true,
      inputCollection: z.inputCollection,
      inputElement: z.inputElement || undefined,
      outputCollection: z.outputCollection || undefined,
      outputElement: z.outputElement || undefined,
      completionCondition: lc.completionCondition?.body?.trim() || undefined,
    };
  }
}
