/** Records as the REST API v2 returns them (the fields the local web reads). Keys are strings. */
export type Key = string;

export interface UserTask {
  userTaskKey: Key;
  name?: string | null;
  elementId: string;
  state: string;
  assignee?: string | null;
  candidateGroups?: string[];
  candidateUsers?: string[];
  formKey?: Key | null;
  processInstanceKey: Key;
  processDefinitionKey: Key;
  processDefinitionId: string;
  processDefinitionVersion?: number;
  elementInstanceKey: Key;
  creationDate?: string | null;
  completionDate?: string | null;
  dueDate?: string | null;
  followUpDate?: string | null;
  priority?: number;
}

export interface ProcessInstance {
  processInstanceKey: Key;
  processDefinitionKey: Key;
  processDefinitionId: string;
  processDefinitionName?: string | null;
  /** A number on the wire; the SDK's DTO types it as a string. */
  processDefinitionVersion: number | string;
  processDefinitionVersionTag?: string | null;
  state: string;
  hasIncident?: boolean;
  startDate?: string | null;
  endDate?: string | null;
  parentProcessInstanceKey?: Key | null;
}

export interface ElementInstance {
  elementInstanceKey: Key;
  elementId: string;
  elementName?: string | null;
  type: string;
  state: string;
  processInstanceKey: Key;
  processDefinitionKey: Key;
  startDate?: string | null;
  endDate?: string | null;
  hasIncident?: boolean;
  incidentKey?: Key | null;
}

export interface Variable {
  variableKey?: Key;
  name: string;
  /** JSON-encoded. */
  value: string;
  scopeKey?: Key;
  processInstanceKey?: Key;
  isTruncated?: boolean;
}

export interface Incident {
  incidentKey: Key;
  errorType: string;
  errorMessage: string;
  elementId: string;
  elementInstanceKey: Key;
  jobKey?: Key | null;
  processInstanceKey: Key;
  processDefinitionKey: Key;
  state: string;
  creationTime?: string | null;
}

export interface ProcessDefinition {
  processDefinitionKey: Key;
  processDefinitionId: string;
  name?: string | null;
  version: number;
  versionTag?: string | null;
  resourceName?: string;
}

export type { UserTaskForm } from '../camunda/EngineGateway';

/** A DMN decision evaluated in an instance (Camunda 8.8's DecisionInstanceGetQueryResult: the fields the timeline reads). */
export interface DecisionInstance {
  decisionEvaluationInstanceKey: Key;
  decisionDefinitionId: string;
  decisionDefinitionName?: string;
  state: string;
  evaluationDate: string;
  evaluationFailure?: string;
  /** JSON text of the result. */
  result?: string;
  elementInstanceKey?: Key;
  matchedRules?: Array<{ ruleId?: string; ruleIndex?: number; evaluatedOutputs?: Array<{ outputName?: string; outputValue?: string }> }>;
}
