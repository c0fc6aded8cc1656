import type { Logger } from 'pino';
import { Problem } from '../broker/Problem';
import type {
  ActivatedJob,
  Broker,
  DecisionDefinitionRecord,
  DecisionInstanceRecord,
  DecisionRequirementsRecord,
  EvaluateDecisionResult,
  DeployResource,
  DeploymentResult,
  ElementInstanceRecord,
  FormRecord,
  JobResult,
  IncidentRecord,
  InstanceState,
  JobRecord,
  MessageSubscriptionRecord,
  Key,
  ProcessDefinitionRecord,
  ProcessInstanceRecord,
  UserTaskRecord,
  UserTaskState,
  VariableRecord,
  Variables,
} from '../broker/types';
import { checkVariables, parseKey } from './command/input';
import { createEngineParts, type EngineParts } from './EngineParts';
import type { MessageRequest } from './subsystems/Messages';
import type { UserTaskChangeset } from './subsystems/UserTasks';

const DEFAULT_TENANT = '<default>';

/**
 * The Broker facade of the engine (a token interpreter of Zeebe semantics over SQLite; see
 * runtime/ENGINE.md for the file map). Each method checks its input, runs one command — one SQLite
 * transaction, in `this.run` — in the subsystem that owns it, or reads records from `queries/`.
 * Long-polling workers and completion waiters are told after the commit.
 */
export class Engine implements Broker {
  private readonly parts: EngineParts;

  constructor(databasePath: string, log?: Logger, synchronous: 'NORMAL' | 'FULL' = 'NORMAL', feelTimeoutMs?: number) {
    this.parts = createEngineParts(databasePath, log, synchronous, feelTimeoutMs);
    // recovery: timers that fell due while the runtime was down fire now
    this.run(() => undefined);
  }

  private run<T>(command: () => T): T {
    return this.parts.commands.run(command);
  }

  // --- deployments and resources ----------------------------------------------------------

  async deploy(resources: DeployResource[], tenantId?: string): Promise<DeploymentResult> {
    const tenant = tenantId || DEFAULT_TENANT;
    const prepared = await this.parts.deployment.prepare(resources);
    return this.run(() => this.parts.deployment.store(prepared, tenant));
  }

  deleteResource(key: Key): void {
    const k = parseKey(key, 'resource key');
    this.run(() => this.parts.deployment.deleteResource(k, key));
  }

  processDefinitions(): ProcessDefinitionRecord[] {
    return this.parts.definitionQueries.processDefinitions();
  }

  processDefinitionXml(key: Key): string {
    return this.parts.definitionQueries.processDefinitionXml(key);
  }

  forms(): FormRecord[] {
    return this.parts.definitionQueries.forms();
  }

  // --- decisions (DMN) ----------------------------------------------------------------------------

  decisionDefinitions(): DecisionDefinitionRecord[] {
    return this.parts.decisionQueries.decisionDefinitions();
  }

  decisionRequirements(): DecisionRequirementsRecord[] {
    return this.parts.decisionQueries.decisionRequirements();
  }

  decisionRequirementsXml(key: Key): string {
    return this.parts.decisionQueries.decisionRequirementsXml(key);
  }

  decisionInstances(filter: { processInstanceKey?: Key } = {}): DecisionInstanceRecord[] {
    return this.parts.decisionQueries.decisionInstances(filter);
  }

  evaluateDecision(req: { decisionDefinitionId?: string; decisionDefinitionKey?: Key; variables?: Variables }): EvaluateDecisionResult {
    const variables = checkVariables(req.variables);
    return this.run(() => this.parts.decisions.evaluate({ ...req, variables }));
  }

  // --- process instances -------------------------------------------------------------------

  createProcessInstance(req: {
    processDefinitionId?: string;
    processDefinitionKey?: Key;
    processDefinitionVersion?: number;
    variables?: Variables;
    startInstructions?: Array<{ elementId: string }>;
  }): ProcessInstanceRecord {
    const vars = checkVariables(req.variables);
    const { proc, startElements } = this.parts.instances.resolve(req);
    const pi = this.run(() => this.parts.instances.create(proc, vars, startElements));
    return this.parts.instanceQueries.instanceRecord(pi);
  }

  awaitCompletion(processInstanceKey: Key, timeoutMs: number, fetchVariables?: string[]): Promise<Variables> {
    return this.parts.instances.awaitCompletion(processInstanceKey, timeoutMs, fetchVariables);
  }

  cancelProcessInstance(key: Key): void {
    const pi = parseKey(key, 'processInstanceKey');
    this.run(() => this.parts.instances.cancel(key, pi));
  }

  processInstances(filter: { processInstanceKey?: Key; state?: InstanceState } = {}): ProcessInstanceRecord[] {
    return this.parts.instanceQueries.processInstances(filter);
  }

  elementInstances(filter: { processInstanceKey?: Key; elementInstanceKey?: Key } = {}): ElementInstanceRecord[] {
    return this.parts.instanceQueries.elementInstances(filter);
  }

  variables(filter: { processInstanceKey?: Key; scopeKey?: Key; variableKey?: Key } = {}): VariableRecord[] {
    return this.parts.instanceQueries.variables(filter);
  }

  setVariables(elementInstanceKey: Key, variables: Variables, local: boolean): void {
    const k = parseKey(elementInstanceKey, 'elementInstanceKey');
    const vars = checkVariables(variables);
    this.run(() => this.parts.instances.setVariables(elementInstanceKey, k, vars, local));
  }

  // --- jobs -------------------------------------------------------------------------------------

  activateJobs(req: { type: string; worker: string; timeout: number; maxJobsToActivate: number; fetchVariable?: string[]; tenantIds?: string[] }): ActivatedJob[] {
    if (typeof req.type !== 'string' || !req.type) throw Problem.badRequest('Expected a job type, but none given');
    return this.run(() => this.parts.jobs.activate(req));
  }

  onJobsAvailable(type: string, listener: () => void): () => void {
    return this.parts.jobs.onAvailable(type, listener);
  }

  completeJob(jobKey: Key, variables?: Variables, result?: JobResult): void {
    const vars = checkVariables(variables);
    this.run(() => this.parts.jobs.complete(jobKey, vars, result));
  }

  failJob(jobKey: Key, req: { retries?: number; errorMessage?: string; retryBackOff?: number; variables?: Variables }): void {
    const vars = checkVariables(req.variables);
    this.run(() => this.parts.jobs.fail(jobKey, req, vars));
  }

  throwJobError(jobKey: Key, req: { errorCode: string; errorMessage?: string; variables?: Variables }): void {
    const vars = checkVariables(req.variables);
    if (typeof req.errorCode !== 'string' || !req.errorCode) throw Problem.badRequest('Expected an errorCode, but none given');
    this.run(() => this.parts.jobs.throwError(jobKey, req, vars));
  }

  updateJob(jobKey: Key, changeset: { retries?: number; timeout?: number }): void {
    this.run(() => this.parts.jobs.update(jobKey, changeset));
  }

  jobs(): JobRecord[] {
    return this.parts.taskQueries.jobs();
  }

  messageSubscriptions(): MessageSubscriptionRecord[] {
    return this.parts.taskQueries.messageSubscriptions();
  }

  // --- messages ---------------------------------------------------------------------------------

  publishMessage(req: { name: string; correlationKey?: string; timeToLive?: number; messageId?: string; variables?: Variables }): { messageKey: Key } {
    const msg = messageRequest(req);
    const ttl = typeof req.timeToLive === 'number' && req.timeToLive > 0 ? req.timeToLive : 0;
    return this.run(() => this.parts.messages.publish(msg, ttl, req.messageId));
  }

  correlateMessage(req: { name: string; correlationKey?: string; variables?: Variables }): { messageKey: Key; processInstanceKey: Key } {
    const msg = messageRequest(req);
    return this.run(() => this.parts.messages.correlateNow(msg));
  }

  broadcastSignal(req: { signalName: string; variables?: Variables }): { signalKey: Key } {
    const variables = checkVariables(req.variables);
    if (typeof req.signalName !== 'string' || !req.signalName) throw Problem.badRequest('Expected a signal name, but none given');
    return { signalKey: String(this.run(() => this.parts.signals.broadcast(req.signalName, variables))) };
  }

  // --- user tasks -------------------------------------------------------------------------------

  userTasks(filter: { userTaskKey?: Key; processInstanceKey?: Key; state?: UserTaskState } = {}): UserTaskRecord[] {
    return this.parts.taskQueries.userTasks(filter);
  }

  // A user task operation is done at once, or when its task listeners have run (the request waits for them); a
  // refusal of the command itself (unknown task, wrong state) is thrown at once.

  assignUserTask(key: Key, assignee: string, allowOverride: boolean, action?: string): Promise<void> {
    if (typeof assignee !== 'string' || !assignee) throw Problem.badRequest('Expected an assignee, but none given');
    return this.userTaskOperation(key, () => this.parts.userTasks.assign(key, assignee, allowOverride, action));
  }

  unassignUserTask(key: Key, action?: string): Promise<void> {
    return this.userTaskOperation(key, () => this.parts.userTasks.unassign(key, action));
  }

  updateUserTask(key: Key, changeset: UserTaskChangeset, action?: string): Promise<void> {
    return this.userTaskOperation(key, () => this.parts.userTasks.update(key, changeset, action));
  }

  completeUserTask(key: Key, variables?: Variables, action?: string): Promise<void> {
    const vars = checkVariables(variables);
    return this.userTaskOperation(key, () => this.parts.userTasks.complete(key, vars, action));
  }

  private userTaskOperation(key: Key, operation: () => 'done' | 'pending'): Promise<void> {
    return this.run(operation) === 'done' ? Promise.resolve() : this.parts.userTasks.await(key);
  }

  userTaskForm(key: Key): FormRecord {
    return this.parts.taskQueries.userTaskForm(key);
  }

  // --- incidents --------------------------------------------------------------------------------

  incidents(filter: { processInstanceKey?: Key; incidentKey?: Key } = {}): IncidentRecord[] {
    return this.parts.taskQueries.incidents(filter);
  }

  resolveIncident(key: Key): void {
    const k = parseKey(key, 'incidentKey');
    this.run(() => this.parts.incidentResolution.resolve(key, k));
  }

  // --- clock: moving it fires due timers inside the command, then wakes long-polling workers --------

  now(): number {
    return this.parts.clock.now();
  }

  pinClock(epochMs: number): void {
    if (!Number.isFinite(epochMs)) throw Problem.badRequest(`Expected a timestamp in epoch milliseconds, but got '${epochMs}'`);
    this.run(() => this.parts.timers.pinClock(epochMs));
    this.parts.jobs.notifyAvailableTypes();
  }

  addClockOffset(ms: number): void {
    if (!Number.isFinite(ms)) throw Problem.badRequest(`Expected an offset in milliseconds, but got '${ms}'`);
    this.run(() => this.parts.timers.addClockOffset(ms));
    this.parts.jobs.notifyAvailableTypes();
  }

  resetClock(): void {
    this.run(() => this.parts.timers.resetClock());
    this.parts.jobs.notifyAvailableTypes();
  }

  async close(): Promise<void> {
    this.parts.timers.close();
    this.parts.instances.close();
    this.parts.userTasks.close();
    this.parts.jobs.close();
    this.parts.repos.close();
  }
}

/** A message command's name (required), correlation key ('' when none) and variables. */
function messageRequest(req: { name: string; correlationKey?: string; variables?: Variables }): MessageRequest {
  const variables = checkVariables(req.variables);
  if (typeof req.name !== 'string' || !req.name) throw Problem.badRequest('Expected a message name, but none given');
  const correlationKey = req.correlationKey === undefined || req.correlationKey === null ? '' : String(req.correlationKey);
  return { name: req.name, correlationKey, variables };
}
