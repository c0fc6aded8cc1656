import { Problem } from '../../broker/Problem';
import type { ActivatedJob, JobKind, JobListenerEventType, JobResult, Key, UserTaskProperties, Variables } from '../../broker/types';
import { Feel } from '../../feel/Feel';
import type { ElementRow, JobRow } from '../../store/rows';
import { parseKey, pickVariables } from '../command/input';
import type { EngineParts } from '../EngineParts';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef, ExecutionListenerDef, TaskListenerDef } from '../model/ProcessModel';
import { IncidentError } from '../state/IncidentError';

/**
 * Jobs: created by `ServiceTaskBehaviour` (type and retries may be FEEL), activated by workers
 * (deadline = now + timeout; past it, activatable again), completed (row deleted, element completes),
 * failed (retries left: activatable after `retryBackOff` on the runtime clock; none: FAILED +
 * JOB_NO_RETRIES incident) or completed with a BPMN error (`Errors`). Long-polling listeners per type
 * are told after the commit whenever a job of their type may have become activatable.
 */
export class Jobs {
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(private readonly parts: EngineParts) {}

  create(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    if (el.job) this.insert(proc, row, el.id, el.job, el.job.headers, 'BPMN_ELEMENT');
  }

  /**
   * The job of a task listener (`subsystems/TaskListeners.ts`; `headers`: the task as Camunda gives it) or an execution
   * listener (`subsystems/ExecutionListeners.ts`) on the element instance `row`.
   */
  createListenerJob(proc: ProcessDefinition, row: ElementRow, listener: TaskListenerDef | ExecutionListenerDef, kind: 'TASK_LISTENER' | 'EXECUTION_LISTENER', event: string, headers: Record<string, string>): void {
    this.insert(proc, row, row.element_id, listener, headers, kind, event);
  }

  /** One job row: type and retries evaluated (FEEL) in the element's scope – Camunda's EXTRACT_VALUE_ERROR when not usable. */
  private insert(proc: ProcessDefinition, row: ElementRow, elementId: string, spec: { type: string; retries: string }, headers: Record<string, string>, kind: JobKind, listener?: string): void {
    const { feel } = this.parts;
    const vars = Feel.isExpression(spec.type) || Feel.isExpression(spec.retries) ? this.parts.variables.visible(row.key) : {};
    const type = feel.valueOf(spec.type, vars);
    if (typeof type !== 'string' || !type) throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected result of the expression '${spec.type}' to be 'STRING', but was '${type === null ? 'NULL' : typeof type}'.`);
    const retriesV = feel.valueOf(spec.retries, vars);
    const retries = Number(retriesV);
    if (!Number.isInteger(retries)) throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected retries '${spec.retries}' to be a number, but was '${String(retriesV)}'.`);
    this.parts.repos.jobs.insert({
      key: this.parts.keys.next(),
      type,
      pi: row.pi,
      ei: row.key,
      def: proc.key,
      element_id: elementId,
      retries,
      headers: JSON.stringify(headers),
      tenant: proc.tenant,
      ...(kind !== 'BPMN_ELEMENT' ? { kind, listener } : {}),
    });
    this.parts.commands.afterCommit(() => this.notify(type));
  }

  activate(req: { type: string; worker: string; timeout: number; maxJobsToActivate: number; fetchVariable?: string[] }): ActivatedJob[] {
    const max = Number.isInteger(req.maxJobsToActivate) && req.maxJobsToActivate > 0 ? req.maxJobsToActivate : 32;
    const timeout = Number.isFinite(req.timeout) && req.timeout > 0 ? req.timeout : 300000;
    const now = this.parts.clock.now();
    const { repos } = this.parts;
    const out: ActivatedJob[] = [];
    for (const j of repos.jobs.activatable(req.type, now, max)) {
      const deadline = now + timeout;
      repos.jobs.markActivated(j.key, deadline, req.worker ?? '');
      const proc = this.parts.definitions.get(j.def);
      const headers = JSON.parse(j.headers) as Record<string, string>;
      const userTask = j.kind === 'TASK_LISTENER' ? userTaskProperties(headers) : undefined;
      out.push({
        jobKey: String(j.key),
        type: j.type,
        processInstanceKey: String(j.pi),
        processDefinitionId: proc.processId,
        processDefinitionVersion: proc.version,
        processDefinitionKey: String(j.def),
        elementId: j.element_id,
        elementInstanceKey: String(j.ei),
        customHeaders: headers,
        worker: req.worker ?? '',
        retries: j.retries,
        deadline,
        variables: pickVariables(this.parts.variables.visible(j.ei), req.fetchVariable),
        tenantId: j.tenant,
        kind: j.kind as JobKind,
        listenerEventType: j.listener as JobListenerEventType,
        ...(userTask ? { userTask } : {}),
      });
    }
    return out;
  }

  complete(jobKey: Key, vars: Variables, result?: JobResult): void {
    const j = this.find(jobKey);
    if (j.state === 'FAILED' || j.state === 'ERROR_THROWN') throw Problem.conflict(`Expected to complete job with key '${jobKey}', but it is in state '${j.state}' (it has an incident)`);
    if (j.kind === 'TASK_LISTENER') {
      this.parts.taskListeners.checkCompletion(j, vars, result);
      this.parts.repos.jobs.delete(j.key);
      this.parts.taskListeners.jobCompleted(j, result ?? {});
      return;
    }
    if (j.kind === 'EXECUTION_LISTENER') {
      this.parts.repos.jobs.delete(j.key);
      this.parts.executionListeners.jobCompleted(j, vars);
      return;
    }
    this.parts.repos.jobs.delete(j.key);
    const row = this.parts.elements.row(j.ei);
    if (row.state !== 'ACTIVE') return;
    const proc = this.parts.definitions.get(j.def);
    const el = this.parts.definitions.element(proc, row.element_id);
    this.parts.incidents.guard(proc, row, { op: 'complete' }, () => {
      this.parts.variables.setCompletionVariables(row, el, vars, proc.tenant);
      this.parts.lifecycle.complete(proc, row, el);
    });
  }

  fail(jobKey: Key, req: { retries?: number; errorMessage?: string; retryBackOff?: number }, vars: Variables): void {
    const j = this.find(jobKey);
    if (j.state !== 'ACTIVATED' && j.state !== 'ACTIVATABLE') throw Problem.conflict(`Expected to fail job with key '${jobKey}', but it is in state '${j.state}'`);
    const retries = typeof req.retries === 'number' && Number.isFinite(req.retries) ? Math.trunc(req.retries) : j.retries - 1;
    const proc = this.parts.definitions.get(j.def);
    const row = this.parts.elements.row(j.ei);
    if (Object.keys(vars).length > 0) this.parts.variables.setLocal(row.key, row.pi, vars, proc.tenant);
    const backoff = typeof req.retryBackOff === 'number' && req.retryBackOff > 0 ? req.retryBackOff : 0;
    if (retries > 0) {
      this.parts.repos.jobs.markRetrying(j.key, retries, backoff > 0 ? this.parts.clock.now() + backoff : null, req.errorMessage ?? null);
      if (backoff === 0) this.parts.commands.afterCommit(() => this.notify(j.type));
    } else {
      this.parts.repos.jobs.markFailed(j.key, req.errorMessage ?? null);
      const errorType = j.kind === 'TASK_LISTENER' ? 'TASK_LISTENER_NO_RETRIES' : j.kind === 'EXECUTION_LISTENER' ? 'EXECUTION_LISTENER_NO_RETRIES' : 'JOB_NO_RETRIES';
      this.parts.incidents.raise(proc, row, errorType, req.errorMessage || 'No more retries left.', j.key, { op: 'job' });
    }
  }

  throwError(jobKey: Key, req: { errorCode: string; errorMessage?: string }, vars: Variables): void {
    const j = this.find(jobKey);
    if (j.state !== 'ACTIVATED' && j.state !== 'ACTIVATABLE') throw Problem.conflict(`Expected to throw an error for job with key '${jobKey}', but it is in state '${j.state}'`);
    const proc = this.parts.definitions.get(j.def);
    const row = this.parts.elements.row(j.ei);
    this.parts.errors.throwError(proc, row, req.errorCode, req.errorMessage ?? '', vars, j.key);
  }

  update(jobKey: Key, changeset: { retries?: number; timeout?: number }): void {
    const j = this.find(jobKey);
    if (changeset.retries !== undefined && changeset.retries !== null) {
      if (!Number.isInteger(changeset.retries) || changeset.retries < 1) throw Problem.badRequest(`Expected retries to be a positive integer, but was '${changeset.retries}'`);
      this.parts.repos.jobs.setRetries(j.key, changeset.retries);
    }
    if (changeset.timeout !== undefined && changeset.timeout !== null) {
      if (!Number.isFinite(changeset.timeout) || changeset.timeout < 0) throw Problem.badRequest(`Expected timeout to be a positive number, but was '${changeset.timeout}'`);
      if (j.state !== 'ACTIVATED') throw Problem.conflict(`Expected to update the timeout of job '${jobKey}', but it is not activated`);
      this.parts.repos.jobs.setDeadline(j.key, this.parts.clock.now() + changeset.timeout);
    }
  }

  /** An incident on the job was resolved: activatable again if it has retries, else the incident comes back. */
  retryAfterIncident(proc: ProcessDefinition, row: ElementRow, jobKey: number, errorType: string, errorMessage: string): void {
    const j = this.parts.repos.jobs.get(jobKey);
    if (!j) return;
    if (j.retries > 0) {
      this.parts.repos.jobs.markActivatable(j.key);
      const type = j.type;
      this.parts.commands.afterCommit(() => this.notify(type));
    } else {
      this.parts.incidents.raise(proc, row, errorType, errorMessage, j.key, { op: 'job' });
    }
  }

  onAvailable(type: string, listener: () => void): () => void {
    const set = this.listeners.get(type) ?? new Set();
    this.listeners.set(type, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(type);
    };
  }

  /** Tells the listeners of every type that has activatable jobs now (after the clock moved or a wake-up). */
  notifyAvailableTypes(): void {
    for (const type of this.parts.repos.jobs.activatableTypes(this.parts.clock.now())) this.notify(type);
  }

  close(): void {
    this.listeners.clear();
  }

  private notify(type: string) {
    const set = this.listeners.get(type);
    if (!set) return;
    for (const l of [...set]) {
      try {
        l();
      } catch (err) {
        this.parts.log?.error({ err }, 'job listener failed');
      }
    }
  }

  private find(jobKey: Key): JobRow {
    const k = parseKey(jobKey, 'jobKey');
    const j = this.parts.repos.jobs.get(k);
    if (!j || j.state === 'CANCELED') throw Problem.notFound(`Expected to find job with key '${jobKey}', but no such job was found`);
    return j;
  }
}

/** Camunda's `userTask` of an activated task listener job, read from its `io.camunda.zeebe:*` headers (none without an action). */
function userTaskProperties(h: Record<string, string>): UserTaskProperties | undefined {
  const action = h['io.camunda.zeebe:action'];
  if (!action) return undefined;
  const list = (v: string | undefined) => (v ? (JSON.parse(v) as string[]) : []);
  const priority = h['io.camunda.zeebe:priority'];
  const formKey = h['io.camunda.zeebe:formKey'];
  return {
    action,
    assignee: h['io.camunda.zeebe:assignee'] ?? null,
    candidateGroups: list(h['io.camunda.zeebe:candidateGroups']),
    candidateUsers: list(h['io.camunda.zeebe:candidateUsers']),
    changedAttributes: list(h['io.camunda.zeebe:changedAttributes']),
    dueDate: h['io.camunda.zeebe:dueDate'] ?? null,
    followUpDate: h['io.camunda.zeebe:followUpDate'] ?? null,
    ...(formKey ? { formKey } : {}),
    priority: priority === undefined ? null : Number(priority),
    userTaskKey: h['io.camunda.zeebe:userTaskKey'] ?? null,
  };
}
