/**
 * Records of the Broker interface (`types.ts`) for DMN, job search and message subscription search, in Camunda 8.8
 * REST API v2 shape: keys as strings, values as JSON texts.
 */
import type { JobKind, JobListenerEventType, Key } from './types';

/** Camunda 8.8's DecisionDefinitionResult. */
export interface DecisionDefinitionRecord {
  decisionDefinitionKey: Key;
  decisionDefinitionId: string;
  name: string;
  version: number;
  decisionRequirementsId: string;
  decisionRequirementsKey: Key;
  tenantId: string;
}

/** Camunda 8.8's DecisionRequirementsResult. */
export interface DecisionRequirementsRecord {
  decisionRequirementsKey: Key;
  decisionRequirementsId: string;
  decisionRequirementsName: string;
  version: number;
  resourceName: string;
  tenantId: string;
}

export interface EvaluatedInputRecord {
  inputId: string;
  inputName: string;
  inputValue: string;
}

export interface MatchedRuleRecord {
  ruleId: string;
  ruleIndex: number;
  evaluatedOutputs: Array<{ outputId: string; outputName: string; outputValue: string }>;
}

/** Camunda 8.8's DecisionInstanceGetQueryResult (the search leaves out evaluatedInputs and matchedRules; absent values are left out). */
export interface DecisionInstanceRecord {
  /** The evaluated decision's own key (the 8.8 schema's pattern is a key); `decisionEvaluationKey` is the evaluation's. */
  decisionEvaluationInstanceKey: string;
  decisionEvaluationKey: Key;
  state: 'EVALUATED' | 'FAILED';
  evaluationDate: string;
  evaluationFailure: string | null;
  processDefinitionKey: Key | null;
  processInstanceKey: Key | null;
  elementInstanceKey: Key | null;
  /** The BPMN element that evaluated it (the runtime's own field, for the cockpit; not in Camunda's shape). */
  elementId: string | null;
  decisionDefinitionKey: Key;
  decisionDefinitionId: string;
  decisionDefinitionName: string;
  decisionDefinitionVersion: number;
  decisionDefinitionType: 'DECISION_TABLE' | 'LITERAL_EXPRESSION';
  result: string;
  tenantId: string;
  evaluatedInputs: EvaluatedInputRecord[];
  matchedRules: MatchedRuleRecord[];
}

/** Camunda 8.8's JobSearchResult (absent values are left out by the REST layer). */
export interface JobRecord {
  jobKey: Key;
  type: string;
  worker: string;
  state: 'CREATED' | 'FAILED' | 'ERROR_THROWN' | 'RETRIES_UPDATED';
  kind: JobKind;
  listenerEventType: JobListenerEventType;
  retries: number;
  hasFailedWithRetriesLeft: boolean;
  deadline: string | null;
  errorMessage: string | null;
  customHeaders: Record<string, string>;
  elementId: string;
  elementInstanceKey: Key;
  processDefinitionId: string;
  processDefinitionKey: Key;
  processInstanceKey: Key;
  tenantId: string;
}

/** Camunda 8.8's MessageSubscriptionResult: an open message subscription of a process instance. */
export interface MessageSubscriptionRecord {
  messageSubscriptionKey: Key;
  processDefinitionId: string;
  processDefinitionKey: Key;
  processInstanceKey: Key;
  elementId: string;
  elementInstanceKey: Key;
  messageSubscriptionState: 'CREATED';
  messageName: string;
  correlationKey: string;
  tenantId: string;
}

/** Camunda 8.8's EvaluateDecisionResult. */
export interface EvaluateDecisionResult {
  decisionDefinitionId: string;
  decisionDefinitionKey: Key;
  decisionDefinitionName: string;
  decisionDefinitionVersion: number;
  decisionRequirementsId: string;
  decisionRequirementsKey: Key;
  decisionEvaluationKey: Key;
  decisionInstanceKey: Key;
  output: string;
  failedDecisionDefinitionId: string;
  failureMessage: string;
  tenantId: string;
  evaluatedDecisions: Array<{
    decisionDefinitionId: string;
    decisionDefinitionKey: Key;
    decisionDefinitionName: string;
    decisionDefinitionVersion: number;
    decisionDefinitionType: string;
    decisionEvaluationInstanceKey: Key;
    output: string;
    tenantId: string;
    evaluatedInputs: EvaluatedInputRecord[];
    matchedRules: MatchedRuleRecord[];
  }>;
}
