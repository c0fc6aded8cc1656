import { Problem } from '../../broker/Problem';
import type { FormRecord, IncidentRecord, JobKind, JobListenerEventType, JobRecord, Key, MessageSubscriptionRecord, UserTaskRecord, UserTaskState } from '../../broker/types';
import type { IncidentRow, UserTaskRow } from '../../store/rows';
import { rowsForKey } from '../command/input';
import type { EngineParts } from '../EngineParts';
import { formRecord } from './DefinitionQueries';

/** Read side of user tasks (and their forms), incidents, jobs and message subscriptions. */
export class TaskQueries {
  constructor(private readonly parts: EngineParts) {}

  jobs(): JobRecord[] {
    return this.parts.repos.jobs.listAll().map((j) => {
      const proc = this.parts.definitions.get(j.def);
      const failedBefore = j.state !== 'FAILED' && j.error_message !== null;
      return {
        jobKey: String(j.key),
        type: j.type,
        worker: j.worker ?? '',
        state: j.state === 'FAILED' ? 'FAILED' : j.state === 'ERROR_THROWN' ? 'ERROR_THROWN' : 'CREATED',
        kind: j.kind as JobKind,
        listenerEventType: j.listener as JobListenerEventType,
        retries: j.retries,
        hasFailedWithRetriesLeft: failedBefore && j.retries > 0,
        deadline: j.state === 'ACTIVATED' && j.deadline !== null ? new Date(j.deadline).toISOString() : null,
        errorMessage: j.error_message,
        customHeaders: JSON.parse(j.headers) as Record<string, string>,
        elementId: j.element_id,
        elementInstanceKey: String(j.ei),
        processDefinitionId: proc.processId,
        processDefinitionKey: String(j.def),
        processInstanceKey: String(j.pi),
        tenantId: j.tenant,
      };
    });
  }

  messageSubscriptions(): MessageSubscriptionRecord[] {
    return this.parts.repos.subscriptions.listWaiting().map((s) => {
      const proc = this.parts.definitions.get(s.def);
      return {
        messageSubscriptionKey: String(s.key),
        processDefinitionId: proc.processId,
        processDefinitionKey: String(s.def),
        processInstanceKey: String(s.pi),
        // the catching element: the catch event, boundary event, gateway target or event subprocess start
        elementId: s.kind === 'eventsub' ? (proc.model.elements[s.element_id]?.startEvent ?? s.element_id) : s.element_id,
        // the instance that waits: the catch event, the gateway, the activity of a boundary event, the scope of an event subprocess
        elementInstanceKey: String(s.ei),
        messageSubscriptionState: 'CREATED',
        messageName: s.message_name,
        correlationKey: s.correlation_key,
        tenantId: s.tenant,
      };
    });
  }

  userTasks(filter: { userTaskKey?: Key; processInstanceKey?: Key; state?: UserTaskState } = {}): UserTaskRecord[] {
    const repo = this.parts.repos.userTasks;
    let rows: UserTaskRow[];
    if (filter.userTaskKey !== undefined) rows = rowsForKey(filter.userTaskKey, (k) => repo.find(k));
    else if (filter.processInstanceKey !== undefined) rows = rowsForKey(filter.processInstanceKey, (k) => repo.listOfInstance(k));
    else rows = repo.listAll();
    return rows
      .filter((r) => (!filter.state || r.state === filter.state) && (filter.processInstanceKey === undefined || String(r.pi) === String(filter.processInstanceKey)))
      .map((r) => {
        const proc = this.parts.definitions.get(r.def);
        return {
          userTaskKey: String(r.key),
          name: r.name,
          elementId: r.element_id,
          state: r.state as UserTaskState,
          assignee: r.assignee,
          candidateGroups: JSON.parse(r.candidate_groups),
          candidateUsers: JSON.parse(r.candidate_users),
          formKey: r.form_key === null ? null : String(r.form_key),
          processInstanceKey: String(r.pi),
          processDefinitionKey: String(r.def),
          processDefinitionId: proc.processId,
          processDefinitionVersion: proc.version,
          elementInstanceKey: String(r.ei),
          creationDate: r.creation,
          completionDate: r.completion,
          dueDate: r.due,
          followUpDate: r.follow_up,
          priority: r.priority,
          tenantId: r.tenant,
        };
      });
  }

  userTaskForm(key: Key): FormRecord {
    const t = this.parts.userTasks.find(key);
    if (t.form_key === null) throw Problem.notFound(`User task with key '${key}' has no linked form`);
    const f = this.parts.repos.forms.get(t.form_key);
    if (!f) throw Problem.notFound(`The form of user task '${key}' was deleted`);
    return formRecord(f);
  }

  incidents(filter: { processInstanceKey?: Key; incidentKey?: Key } = {}): IncidentRecord[] {
    const repo = this.parts.repos.incidents;
    let rows: IncidentRow[];
    if (filter.incidentKey !== undefined) rows = rowsForKey(filter.incidentKey, (k) => repo.find(k));
    else if (filter.processInstanceKey !== undefined) rows = rowsForKey(filter.processInstanceKey, (k) => repo.listOfInstance(k));
    else rows = repo.listAll();
    return rows
      .filter((r) => filter.processInstanceKey === undefined || String(r.pi) === String(filter.processInstanceKey))
      .map((r) => ({
        incidentKey: String(r.key),
        errorType: r.error_type,
        errorMessage: r.error_message,
        elementId: r.element_id,
        elementInstanceKey: String(r.ei),
        jobKey: r.job === null ? null : String(r.job),
        processInstanceKey: String(r.pi),
        processDefinitionKey: String(r.def),
        processDefinitionId: this.parts.definitions.get(r.def).processId,
        state: r.state as 'ACTIVE' | 'RESOLVED',
        creationTime: r.creation,
        tenantId: r.tenant,
      }));
  }
}
