import type { Logger } from 'pino';
import { Clock } from '../clock/Clock';
import { Feel } from '../feel/Feel';
import { Repositories } from '../store/Repositories';
import { BehaviourTable } from './behaviours/BehaviourTable';
import { CommandRunner } from './command/CommandRunner';
import { KeyGenerator } from './command/KeyGenerator';
import { InstanceLifecycle } from './lifecycle/InstanceLifecycle';
import { Lifecycle } from './lifecycle/Lifecycle';
import { Termination } from './lifecycle/Termination';
import { Waits } from './lifecycle/Waits';
import { Definitions } from './model/Definitions';
import { DecisionQueries } from './queries/DecisionQueries';
import { DefinitionQueries } from './queries/DefinitionQueries';
import { InstanceQueries } from './queries/InstanceQueries';
import { TaskQueries } from './queries/TaskQueries';
import { ElementInstances } from './state/ElementInstances';
import { Incidents } from './state/Incidents';
import { VariableScopes } from './state/VariableScopes';
import { Compensations } from './subsystems/Compensations';
import { Decisions } from './subsystems/Decisions';
import { Deployment } from './subsystems/Deployment';
import { Errors } from './subsystems/Errors';
import { Escalations } from './subsystems/Escalations';
import { ExecutionListeners } from './subsystems/ExecutionListeners';
import { IncidentResolution } from './subsystems/IncidentResolution';
import { Jobs } from './subsystems/Jobs';
import { Messages } from './subsystems/Messages';
import { ProcessInstances } from './subsystems/ProcessInstances';
import { TaskListeners } from './subsystems/TaskListeners';
import { Signals } from './subsystems/Signals';
import { Timers } from './subsystems/Timers';
import { UserTasks } from './subsystems/UserTasks';

/**
 * Every part of the engine, built once per runtime by `createEngineParts`. Each part gets this object
 * and reaches the others through it when called (behaviours and subsystems call each other both
 * ways, as the BPMN semantics do: a completed job completes its element, whose scope may complete,
 * whose call activity continues, ...). Only `Engine` (the Broker facade) is seen from outside.
 */
export interface EngineParts {
  // infrastructure
  repos: Repositories;
  clock: Clock;
  feel: Feel;
  log?: Logger;
  keys: KeyGenerator;
  commands: CommandRunner;
  // model and state
  definitions: Definitions;
  elements: ElementInstances;
  variables: VariableScopes;
  incidents: Incidents;
  // lifecycle and behaviours
  lifecycle: Lifecycle;
  instanceLifecycle: InstanceLifecycle;
  termination: Termination;
  waits: Waits;
  behaviours: BehaviourTable;
  // subsystems (commands)
  deployment: Deployment;
  decisions: Decisions;
  instances: ProcessInstances;
  jobs: Jobs;
  messages: Messages;
  timers: Timers;
  errors: Errors;
  escalations: Escalations;
  compensations: Compensations;
  signals: Signals;
  userTasks: UserTasks;
  taskListeners: TaskListeners;
  executionListeners: ExecutionListeners;
  incidentResolution: IncidentResolution;
  // read side
  definitionQueries: DefinitionQueries;
  decisionQueries: DecisionQueries;
  instanceQueries: InstanceQueries;
  taskQueries: TaskQueries;
}

export function createEngineParts(databasePath: string, log: Logger | undefined, synchronous: 'NORMAL' | 'FULL', feelTimeoutMs?: number): EngineParts {
  const repos = new Repositories(databasePath, synchronous);
  const clockState = repos.meta.get('clock');
  const clock = new Clock(clockState ? JSON.parse(clockState) : undefined);
  const keys = new KeyGenerator(repos.meta);
  const parts = { repos, clock, feel: new Feel(() => clock.now(), feelTimeoutMs), log, keys } as EngineParts;
  parts.commands = new CommandRunner(repos, keys, { runDueWork: () => parts.timers.fireOneDue(), afterCommand: () => parts.timers.scheduleWake() }, log);
  parts.definitions = new Definitions(repos.definitions, repos.forms);
  parts.elements = new ElementInstances(parts);
  parts.variables = new VariableScopes(parts);
  parts.incidents = new Incidents(parts);
  parts.lifecycle = new Lifecycle(parts);
  parts.instanceLifecycle = new InstanceLifecycle(parts);
  parts.termination = new Termination(parts);
  parts.waits = new Waits(parts);
  parts.behaviours = new BehaviourTable(parts);
  parts.deployment = new Deployment(parts);
  parts.decisions = new Decisions(parts);
  parts.instances = new ProcessInstances(parts);
  parts.jobs = new Jobs(parts);
  parts.messages = new Messages(parts);
  parts.timers = new Timers(parts);
  parts.errors = new Errors(parts);
  parts.escalations = new Escalations(parts);
  parts.compensations = new Compensations(parts);
  parts.signals = new Signals(parts);
  parts.userTasks = new UserTasks(parts);
  parts.taskListeners = new TaskListeners(parts);
  parts.executionListeners = new ExecutionListeners(parts);
  parts.incidentResolution = new IncidentResolution(parts);
  parts.definitionQueries = new DefinitionQueries(parts);
  parts.decisionQueries = new DecisionQueries(parts);
  parts.instanceQueries = new InstanceQueries(parts);
  parts.taskQueries = new TaskQueries(parts);
  return parts;
}
