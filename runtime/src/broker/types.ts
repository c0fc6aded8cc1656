/**
 * The boundary between the engine (runtime/src/engine, store, clock, feel) and the REST layer
 * (runtime/src/http). Records are already in Camunda 8.8 REST API v2 shape: every key is a
 * string, dates are ISO 8601 strings of the runtime's clock, variable values in search results
 * are JSON-encoded strings. Methods throw `Problem` for client mistakes.
 *
 * Searching: the broker returns the full list of a resource (filtered by the cheap, indexed
 * fields it is given); the REST layer applies Camunda's generic filter/sort/page semantics.
 */
export type Key = string;
export type Variables = Record<string, unknown>;

export interface DeployResource {
  name: string; // file name, e.g. "driftstorning-sesam.bpmn" / "assess-scope.form"
  content: Buffer;
}

export interface ProcessDefinitionRecord {
  processDefinitionKey: Key;
  processDefinitionId: string;
  name: string | null;
  version: number;
  versionTag: string | null;
  resourceName: string;
  tenantId: string;
}

export interface FormRecord {
  formKey: Key;
  formId: string;
  version: number;
  resourceName: string;
  tenantId: string;
  schema: string; // the .form JSON text
}

export interface DeploymentResult {
  deploymentKey: Key;
  tenantId: string;
  deployments: Array<
    | { processDefinition: Omit<ProcessDefinitionRecord, 'name' | 'versionTag' | 'version'> & { processDefinitionVersion: number } }
    | { form: { formId: string; version: number; formKey: Key; resourceName: string; tenantId: string } }
    | { decisionDefinition: { decisionDefinitionId: string; version: number; name: string; tenantId: string; decisionRequirementsId: string; decisionDefinitionKey: Key; decisionRequirementsKey: Key } }
    | { decisionRequirements: { decisionRequirementsId: string; version: number; decisionRequirementsName: string; tenantId: string; resourceName: string; decisionRequirementsKey: Key } }
  >;
}

export type {
  DecisionDefinitionRecord,
  DecisionInstanceRecord,
  DecisionRequirementsRecord,
  EvaluateDecisionResult,
  EvaluatedInputRecord,
  JobRecord,
  MatchedRuleRecord,
  MessageSubscriptionRecord,
} from './readRecords';
import type { DecisionDefinitionRecord, DecisionInstanceRecord, DecisionRequirementsRecord, EvaluateDecisionResult, JobRecord, MessageSubscriptionRecord } from './readRecords';

export type InstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

export interface ProcessInstanceRecord {
  processInstanceKey: Key;
  processDefinitionKey: Key;
  processDefinitionId: string;
  processDefinitionName: string | null;
  processDefinitionVersion: number;
  state: InstanceState;
  hasIncident: boolean;
  startDate: string;
  endDate: string | null;
  parentProcessInstanceKey: Key | null;
  parentElementInstanceKey: Key | null;
  tenantId: string;
}

export interface ElementInstanceRecord {
  elementInstanceKey: Key;
  /** The enclosing scope's element instance key (the process instance key for top-level elements). */
  flowScopeKey: Key | null;
  elementId: string;
  elementName: string | null;
  type: string; // Camunda's enum: SERVICE_TASK, USER_TASK, START_EVENT, EXCLUSIVE_GATEWAY, ...
  state: InstanceState;
  processInstanceKey: Key;
  processDefinitionKey: Key;
  processDefinitionId: string;
  startDate: string;
  endDate: string | null;
  hasIncident: boolean;
  incidentKey: Key | null;
  tenantId: string;
}

export interface VariableRecord {
  variableKey: Key;
  name: string;
  value: string; // JSON-encoded
  scopeKey: Key;
  processInstanceKey: Key;
  tenantId: string;
  isTruncated: boolean;
}

export interface ActivatedJob {
  jobKey: Key;
  type: string;
  processInstanceKey: Key;
  processDefinitionId: string;
  processDefinitionVersion: number;
  processDefinitionKey: Key;
  elementId: string;
  elementInstanceKey: Key;
  customHeaders: Record<string, string>;
  worker: string;
  retries: number;
  deadline: number; // epoch ms (runtime clock)
  variables: Variables;
  tenantId: string;
  kind: JobKind;
  listenerEventType: JobListenerEventType;
  /** Task listener jobs: the user task as the listener sees it (Camunda 8.8's `UserTaskProperties`). */
  userTask?: UserTaskProperties;
}

export type JobKind = 'BPMN_ELEMENT' | 'EXECUTION_LISTENER' | 'TASK_LISTENER';
export type JobListenerEventType = 'UNSPECIFIED' | 'START' | 'END' | 'CREATING' | 'ASSIGNING' | 'UPDATING' | 'COMPLETING' | 'CANCELING';

/** What a task listener job carries about its user task (from the job's `io.camunda.zeebe:*` headers, as Camunda builds it). */
export interface UserTaskProperties {
  action: string;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  changedAttributes: string[];
  dueDate: string | null;
  followUpDate: string | null;
  /** Left out without a form (Camunda 8.8's schema: optional, not nullable). */
  formKey?: string;
  priority: number | null;
  userTaskKey: string | null;
}

/** The `result` of a job completion: what a task listener decided about its user task operation. */
export interface JobResult {
  denied?: boolean;
  deniedReason?: string;
  /** Only the given attributes are corrected; null or absent keeps the value. */
  corrections?: {
    assignee?: string | null;
    dueDate?: string | null;
    followUpDate?: string | null;
    candidateUsers?: string[] | null;
    candidateGroups?: string[] | null;
    priority?: number | null;
  };
}

/** CREATED and the final states, and the transitional states while task listeners run (Camunda 8.8). */
export type UserTaskState = 'CREATING' | 'CREATED' | 'ASSIGNING' | 'UPDATING' | 'COMPLETING' | 'CANCELING' | 'COMPLETED' | 'CANCELED';

export interface UserTaskRecord {
  userTaskKey: Key;
  name: string | null;
  elementId: string;
  state: UserTaskState;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  formKey: Key | null;
  processInstanceKey: Key;
  processDefinitionKey: Key;
  processDefinitionId: string;
  processDefinitionVersion: number;
  elementInstanceKey: Key;
  creationDate: string;
  completionDate: string | null;
  dueDate: string | null;
  followUpDate: string | null;
  priority: number;
  tenantId: string;
}

export type IncidentState = 'ACTIVE' | 'RESOLVED';

export interface IncidentRecord {
  incidentKey: Key;
  errorType: string; // JOB_NO_RETRIES, UNHANDLED_ERROR_EVENT, EXTRACT_VALUE_ERROR, CALLED_ELEMENT_ERROR, ...
  errorMessage: string;
  elementId: string;
  elementInstanceKey: Key;
  jobKey: Key | null;
  processInstanceKey: Key;
  processDefinitionKey: Key;
  processDefinitionId: string;
  state: IncidentState;
  creationTime: string;
  tenantId: string;
}

export interface Broker {
  // --- deployments and resources -------------------------------------------------------
  /** Parse, validate and store all resources atomically; Problem 400 names element and reason. */
  deploy(resources: DeployResource[], tenantId?: string): Promise<DeploymentResult>;
  /** Delete a process definition (by processDefinitionKey) or a form (by formKey). */
  deleteResource(key: Key): void;
  processDefinitions(): ProcessDefinitionRecord[];
  processDefinitionXml(key: Key): string; // Problem 404
  forms(): FormRecord[];

  // --- decisions (DMN) ---------------------------------------------------------------------
  decisionDefinitions(): DecisionDefinitionRecord[];
  decisionRequirements(): DecisionRequirementsRecord[];
  decisionRequirementsXml(decisionRequirementsKey: Key): string; // Problem 404
  /** Every evaluated decision (standalone and of business rule tasks), oldest first. */
  decisionInstances(filter?: { processInstanceKey?: Key }): DecisionInstanceRecord[];
  /** POST /v2/decision-definitions/evaluation: by id (latest version) or key; 404 unknown; a failure is in the result. */
  evaluateDecision(req: { decisionDefinitionId?: string; decisionDefinitionKey?: Key; variables?: Variables }): EvaluateDecisionResult;

  // --- process instances ----------------------------------------------------------------
  createProcessInstance(req: {
    processDefinitionId?: string;
    processDefinitionKey?: Key;
    processDefinitionVersion?: number; // -1 or absent = latest
    variables?: Variables;
    startInstructions?: Array<{ elementId: string }>;
  }): ProcessInstanceRecord;
  /** Resolves with the root scope's variables when the instance completes; rejects with Problem on cancel or timeout. */
  awaitCompletion(processInstanceKey: Key, timeoutMs: number, fetchVariables?: string[]): Promise<Variables>;
  cancelProcessInstance(key: Key): void; // 404 unknown, 409 not active
  processInstances(filter?: { processInstanceKey?: Key; state?: InstanceState }): ProcessInstanceRecord[];
  elementInstances(filter?: { processInstanceKey?: Key; elementInstanceKey?: Key }): ElementInstanceRecord[];
  variables(filter?: { processInstanceKey?: Key; scopeKey?: Key; variableKey?: Key }): VariableRecord[];
  /** PUT /element-instances/{key}/variables: set on that scope (local) or propagate (Zeebe rules). */
  setVariables(elementInstanceKey: Key, variables: Variables, local: boolean): void;

  // --- jobs --------------------------------------------------------------------------------
  activateJobs(req: { type: string; worker: string; timeout: number; maxJobsToActivate: number; fetchVariable?: string[]; tenantIds?: string[] }): ActivatedJob[];
  /** Called whenever a job of `type` may have become activatable (long polling). Returns unsubscribe. */
  onJobsAvailable(type: string, listener: () => void): () => void;
  /** 404 unknown / not activated; a task listener job's `result` denies or corrects its user task operation. */
  completeJob(jobKey: Key, variables?: Variables, result?: JobResult): void;
  failJob(jobKey: Key, req: { retries?: number; errorMessage?: string; retryBackOff?: number; variables?: Variables }): void;
  throwJobError(jobKey: Key, req: { errorCode: string; errorMessage?: string; variables?: Variables }): void;
  updateJob(jobKey: Key, changeset: { retries?: number; timeout?: number }): void;
  /** Every job that exists now (POST /v2/jobs/search); completed jobs are not kept. */
  jobs(): JobRecord[];
  /** Open message subscriptions of process instances (POST /v2/message-subscriptions/search). */
  messageSubscriptions(): MessageSubscriptionRecord[];

  // --- messages and signals -----------------------------------------------------------
  publishMessage(req: { name: string; correlationKey?: string; timeToLive?: number; messageId?: string; variables?: Variables }): { messageKey: Key };
  /** Correlate to a waiting subscription or message start now; Problem 404 when nothing matches. */
  correlateMessage(req: { name: string; correlationKey?: string; variables?: Variables }): { messageKey: Key; processInstanceKey: Key };
  /** POST /v2/signals/broadcast: every open subscription of the signal name at once. */
  broadcastSignal(req: { signalName: string; variables?: Variables }): { signalKey: Key };

  // --- user tasks ------------------------------------------------------------------------
  userTasks(filter?: { userTaskKey?: Key; processInstanceKey?: Key; state?: UserTaskState }): UserTaskRecord[];
  /**
   * The user task operations resolve once the operation is done: at once without task listeners, else when the
   * last listener of its event completed its job; a listener's denial rejects with 409 INVALID_STATE (the task
   * stays as it was). `action`: Camunda's custom action name (default assign / claim / unassign / update / complete).
   */
  assignUserTask(key: Key, assignee: string, allowOverride: boolean, action?: string): Promise<void>; // 409 when assigned and !allowOverride
  unassignUserTask(key: Key, action?: string): Promise<void>;
  updateUserTask(key: Key, changeset: { dueDate?: string | null; followUpDate?: string | null; candidateGroups?: string[]; candidateUsers?: string[]; priority?: number }, action?: string): Promise<void>;
  completeUserTask(key: Key, variables?: Variables, action?: string): Promise<void>; // 404 unknown, 409 not CREATED
  userTaskForm(key: Key): FormRecord; // 404 when the task has no linked form

  // --- incidents -------------------------------------------------------------------------
  incidents(filter?: { processInstanceKey?: Key; incidentKey?: Key }): IncidentRecord[];
  resolveIncident(key: Key): void;

  // --- clock --------------------------------------------------------------------------------
  /** Current epoch ms of the runtime's one clock. */
  now(): number;
  /** Pin the clock to an absolute time (PUT /v2/clock). Due timers fire. */
  pinClock(epochMs: number): void;
  /** Move the clock forward (POST /actuator/clock/add). Due timers fire before this returns. */
  addClockOffset(ms: number): void;
  /** Back to system time (POST /v2/clock/reset, DELETE /actuator/clock). */
  resetClock(): void;

  close(): Promise<void>;
}

export interface BrokerOptions {
  /** SQLite file, or ':memory:' for tests. */
  databasePath: string;
  /** pino logger (child per concern). */
  logger?: import('pino').Logger;
  /**
   * SQLite synchronous mode (WAL journal). NORMAL (default): every acknowledged command survives a killed
   * process (kill -9); FULL: also survives power loss / OS crash, at the cost of an fsync per command.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** How long one FEEL evaluation may run before it is stopped with an incident (default 5000 ms, Camunda's `camunda.expression.timeout`). */
  feelTimeoutMs?: number;
}
