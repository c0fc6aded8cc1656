/**
 * The compiled, JSON-serialisable form of one executable BPMN process: what the engine needs at
 * run time, extracted from the moddle tree (with zeebe extensions) once at deployment and stored
 * beside the XML, so recovery never re-parses XML.
 */
export type ElementKind =
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent' // a none intermediate throw event compiles to passThroughTask
  | 'intermediateThrowEvent' // signal, escalation and link throw events
  | 'boundaryEvent'
  | 'jobTask' // service, send, business-rule, script (with taskDefinition), job-based user task, message throw with taskDefinition
  | 'userTask'
  | 'receiveTask'
  | 'scriptTask' // zeebe:script FEEL
  | 'businessRuleTask' // zeebe:calledDecision (DMN)
  | 'passThroughTask' // bpmn:Task, bpmn:ManualTask
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'subProcess'
  | 'callActivity';

export type EventType = 'none' | 'message' | 'timer' | 'error' | 'terminate' | 'signal' | 'escalation' | 'compensation' | 'link';

/** The lifecycle events of a Camunda user task a task listener listens to (Camunda 8.8). */
export type TaskListenerEventType = 'creating' | 'assigning' | 'updating' | 'completing' | 'canceling';

/** A `zeebe:taskListener`: a job of `type` (FEEL allowed) with `retries`, created at its event. */
export interface TaskListenerDef {
  eventType: TaskListenerEventType;
  type: string;
  retries: string;
}

/** A `zeebe:executionListener` (Camunda 8.8): a job of `type` (FEEL allowed) with `retries`, run at the element's start or end. */
export interface ExecutionListenerDef {
  eventType: 'start' | 'end';
  type: string;
  retries: string;
}

export interface Mapping {
  source: string;
  target: string;
}

export interface TimerDef {
  kind: 'date' | 'duration' | 'cycle';
  expression: string;
}

export interface ElementDef {
  id: string;
  name: string | null;
  kind: ElementKind;
  /** Camunda's element instance type enum (SERVICE_TASK, ...). */
  type: string;
  /** Id of the enclosing subprocess, or null for the process. */
  parent: string | null;
  incoming: string[];
  outgoing: string[];
  defaultFlow?: string;
  eventType: EventType;
  message?: { name: string; correlationKey?: string };
  timer?: TimerDef;
  errorCode?: string | null;
  /** Signal events: the signal name (FEEL allowed on catch and throw events). */
  signal?: { name: string };
  /** Escalation events: the escalation code (a catch without one catches every escalation). */
  escalationCode?: string | null;
  /** Link events: the link name (a throw link continues at the catch link of the same name in its scope). */
  link?: string;
  /** Compensation throw and end events: the activity to compensate (all compensable ones of the scope when absent). */
  compensation?: { activityRef?: string };
  /** An activity with a compensation boundary event: its compensation handler (the association's target). */
  compensationHandler?: string;
  /** A compensation handler (`isForCompensation`): reached only by compensation, never by a sequence flow. */
  forCompensation?: boolean;
  /** Boundary: cancelActivity; event subprocess start: isInterrupting. */
  interrupting?: boolean;
  attachedTo?: string;
  boundaries: string[];
  /** For scopes (subprocess, process): child element ids, none start event, event subprocesses. */
  noneStart?: string;
  eventSubprocesses?: string[];
  /** Event subprocess: its start event id. */
  triggeredByEvent?: boolean;
  startEvent?: string;
  job?: { type: string; retries: string; headers: Record<string, string> };
  userTask?: {
    assignee?: string;
    candidateGroups?: string;
    candidateUsers?: string;
    dueDate?: string;
    followUpDate?: string;
    formId?: string;
    /** zeebe:formDefinition bindingType: latest (default), deployment or versionTag. */
    formBinding?: { type: 'latest' | 'deployment' | 'versionTag'; versionTag?: string };
    externalFormKey?: string;
    priority?: string;
    /** zeebe:taskListeners in model order (several per event run one after the other). */
    listeners?: TaskListenerDef[];
  };
  script?: { expression: string; resultVariable: string };
  /** A business rule task's `zeebe:calledDecision`: decision id (FEEL allowed), result variable, bindingType. */
  calledDecision?: { decisionId: string; resultVariable: string; binding?: { type: 'latest' | 'deployment' | 'versionTag'; versionTag?: string } };
  inputs: Mapping[];
  outputs: Mapping[];
  /** zeebe:executionListeners in model order. */
  executionListeners?: ExecutionListenerDef[];
  calledElement?: {
    processId: string;
    propagateAllChildVariables: boolean;
    propagateAllParentVariables: boolean;
    binding?: { type: 'latest' | 'deployment' | 'versionTag'; versionTag?: string };
  };
  loop?: {
    sequential: boolean;
    inputCollection: string;
    inputElement?: string;
    outputCollection?: string;
    outputElement?: string;
    completionCondition?: string;
  };
}

export interface FlowDef {
  id: string;
  source: string;
  target: string;
  condition?: string;
}

export interface ProcessModel {
  id: string;
  name: string | null;
  versionTag: string | null;
  elements: Record<string, ElementDef>;
  flows: Record<string, FlowDef>;
  noneStart?: string;
  eventSubprocesses: string[];
  messageStarts: Array<{ elementId: string; messageName: string }>;
  timerStarts: Array<{ elementId: string; timer: TimerDef }>;
  signalStarts?: Array<{ elementId: string; signalName: string }>;
  /** The process's own zeebe:executionListeners (start: before its start event, end: when it completes). */
  executionListeners?: ExecutionListenerDef[];
}
