/** Row shapes of the SQLite tables (see schema.ts). */
export interface DefinitionRow {
  key: number;
  process_id: string;
  version: number;
  name: string | null;
  version_tag: string | null;
  resource_name: string;
  xml: string;
  model: string;
  checksum: string;
  tenant: string;
  deployment_key: number;
  deleted: number;
}
export interface FormRow {
  key: number;
  form_id: string;
  version: number;
  resource_name: string;
  schema: string;
  checksum: string;
  tenant: string;
  deployment_key: number;
  deleted: number;
}
export interface InstanceRow {
  key: number;
  def: number;
  process_id: string;
  version: number;
  name: string | null;
  state: string;
  start: string;
  end: string | null;
  parent_pi: number | null;
  parent_ei: number | null;
  tenant: string;
  start_ck: string | null;
  has_incident?: number;
}
export interface ElementRow {
  key: number;
  pi: number;
  def: number;
  element_id: string;
  type: string;
  name: string | null;
  state: string;
  scope: number | null;
  start: string;
  end: string | null;
  incident: number | null;
  data: string | null;
}
export interface VariableRow {
  key: number;
  scope: number;
  pi: number;
  name: string;
  value: string;
  tenant: string;
}
export interface JobRow {
  key: number;
  type: string;
  state: string;
  pi: number;
  ei: number;
  def: number;
  element_id: string;
  retries: number;
  deadline: number | null;
  backoff_until: number | null;
  worker: string | null;
  headers: string;
  error_message: string | null;
  tenant: string;
  /** BPMN_ELEMENT or TASK_LISTENER. */
  kind: string;
  /** The listener event type of a listener job (CREATING, ASSIGNING, ...); UNSPECIFIED otherwise. */
  listener: string;
}
export interface UserTaskRow {
  key: number;
  pi: number;
  ei: number;
  def: number;
  element_id: string;
  name: string | null;
  state: string;
  assignee: string | null;
  candidate_groups: string;
  candidate_users: string;
  form_key: number | null;
  external_form: string | null;
  creation: string;
  completion: string | null;
  due: string | null;
  follow_up: string | null;
  priority: number;
  tenant: string;
  /** JSON of the operation in progress while task listeners run (engine/subsystems/TaskListeners.ts), else null. */
  transition: string | null;
}
export interface IncidentRow {
  key: number;
  error_type: string;
  error_message: string;
  element_id: string;
  ei: number;
  job: number | null;
  pi: number;
  def: number;
  state: string;
  creation: string;
  tenant: string;
  retry: string;
}
export interface SubscriptionRow {
  key: number;
  kind: string;
  pi: number | null;
  ei: number | null;
  element_id: string;
  def: number;
  message_name: string;
  correlation_key: string;
  interrupting: number;
  tenant: string;
}
export interface TimerRow {
  key: number;
  kind: string;
  pi: number | null;
  ei: number | null;
  element_id: string;
  def: number;
  due: number;
  repetitions: number;
  interval: string | null;
  interrupting: number;
  tenant: string;
}
export interface MessageRow {
  key: number;
  name: string;
  correlation_key: string;
  message_id: string | null;
  variables: string;
  expires: number;
  tenant: string;
}
export interface DecisionRequirementsRow {
  key: number;
  drg_id: string;
  version: number;
  name: string | null;
  resource_name: string;
  xml: string;
  model: string;
  checksum: string;
  tenant: string;
  deployment_key: number;
  deleted: number;
}
export interface DecisionRow {
  key: number;
  decision_id: string;
  version: number;
  name: string | null;
  version_tag: string | null;
  drg_key: number;
  drg_id: string;
  tenant: string;
  deployment_key: number;
  deleted: number;
}
/** One evaluated decision of an evaluation (`id`: its own key, Camunda's decisionEvaluationInstanceKey; `key`: the evaluation's). */
export interface DecisionInstanceRow {
  id: string;
  key: number;
  decision_key: number;
  state: 'EVALUATED' | 'FAILED';
  evaluation_date: string;
  failure: string | null;
  /** JSON text of the decision's output. */
  result: string;
  /** JSON: [{inputId, inputName, inputValue}] */
  inputs: string;
  /** JSON: [{ruleId, ruleIndex, outputs: [{outputId, outputName, outputValue}]}] */
  matched: string;
  pi: number | null;
  ei: number | null;
  element_id: string | null;
  def: number | null;
  root_decision_key: number;
  tenant: string;
}
/** An open signal subscription (kinds as message subscriptions: start, catch, gateway, boundary, eventsub). */
export interface SignalSubscriptionRow {
  key: number;
  kind: string;
  pi: number | null;
  ei: number | null;
  element_id: string;
  def: number;
  signal_name: string;
  interrupting: number;
  tenant: string;
}
