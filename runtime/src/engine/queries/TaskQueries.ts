import { Problem } from '../../broker/Problem';
import type { FormRecord, IncidentRecord, Key, UserTaskRecord, UserTaskState } from '../../broker/types';
import type { IncidentRow, UserTaskRow } from '../../store/rows';
import { rowsForKey } from '../command/input';
import type { EngineParts } from '../EngineParts';
import { formRecord } from './DefinitionQueries';

/** Read side of user tasks (and their forms) and incidents. */
export class TaskQueries {
  constructor(private readonly parts: EngineParts) {}

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
