import type { ElementInstanceRecord, InstanceState, Key, ProcessInstanceRecord, VariableRecord } from '../../broker/types';
import type { ElementRow, InstanceRow, VariableRow } from '../../store/rows';
import { rowsForKey } from '../command/input';
import type { EngineParts } from '../EngineParts';

/** Read side of process instances, element instances and variables (records in REST API v2 shape). */
export class InstanceQueries {
  constructor(private readonly parts: EngineParts) {}

  processInstances(filter: { processInstanceKey?: Key; state?: InstanceState } = {}): ProcessInstanceRecord[] {
    const repo = this.parts.repos.instances;
    const rows = filter.processInstanceKey !== undefined ? rowsForKey(filter.processInstanceKey, (k) => repo.findWithIncident(k)) : repo.listWithIncident(filter.state);
    return rows.filter((r) => !filter.state || r.state === filter.state).map(toInstanceRecord);
  }

  instanceRecord(pi: number): ProcessInstanceRecord {
    const r = this.processInstances({ processInstanceKey: String(pi) })[0];
    if (!r) throw new Error(`instance ${pi} missing`);
    return r;
  }

  elementInstances(filter: { processInstanceKey?: Key; elementInstanceKey?: Key } = {}): ElementInstanceRecord[] {
    const repo = this.parts.repos.elements;
    let rows: ElementRow[];
    if (filter.elementInstanceKey !== undefined) rows = rowsForKey(filter.elementInstanceKey, (k) => repo.findRecord(k));
    else if (filter.processInstanceKey !== undefined) rows = rowsForKey(filter.processInstanceKey, (k) => repo.listRecords(k));
    else rows = repo.listRecords();
    if (filter.processInstanceKey !== undefined) rows = rows.filter((r) => String(r.pi) === String(filter.processInstanceKey));
    return rows.map((r) => {
      const proc = this.parts.definitions.get(r.def);
      return {
        elementInstanceKey: String(r.key),
        flowScopeKey: r.scope === null ? null : String(r.scope),
        elementId: r.element_id,
        elementName: r.name,
        type: r.type,
        // an element waiting for canceling task listeners is still active for Camunda's records
        state: (r.state === 'TERMINATING' ? 'ACTIVE' : r.state) as InstanceState,
        processInstanceKey: String(r.pi),
        processDefinitionKey: String(r.def),
        processDefinitionId: proc.processId,
        startDate: r.start,
        endDate: r.end,
        hasIncident: r.incident !== null,
        incidentKey: r.incident === null ? null : String(r.incident),
        tenantId: proc.tenant,
      };
    });
  }

  variables(filter: { processInstanceKey?: Key; scopeKey?: Key; variableKey?: Key } = {}): VariableRecord[] {
    const repo = this.parts.repos.variables;
    let rows: VariableRow[];
    if (filter.variableKey !== undefined) rows = rowsForKey(filter.variableKey, (k) => repo.find(k));
    else if (filter.scopeKey !== undefined) rows = rowsForKey(filter.scopeKey, (k) => repo.listOfScope(k));
    else if (filter.processInstanceKey !== undefined) rows = rowsForKey(filter.processInstanceKey, (k) => repo.listOfInstance(k));
    else rows = repo.listAll();
    return rows
      .filter((r) => (filter.processInstanceKey === undefined || String(r.pi) === String(filter.processInstanceKey)) && (filter.scopeKey === undefined || String(r.scope) === String(filter.scopeKey)))
      .map((r) => ({ variableKey: String(r.key), name: r.name, value: r.value, scopeKey: String(r.scope), processInstanceKey: String(r.pi), tenantId: r.tenant, isTruncated: false }));
  }
}

function toInstanceRecord(r: InstanceRow): ProcessInstanceRecord {
  return {
    processInstanceKey: String(r.key),
    processDefinitionKey: String(r.def),
    processDefinitionId: r.process_id,
    processDefinitionName: r.name,
    processDefinitionVersion: r.version,
    state: r.state as InstanceState,
    hasIncident: r.has_incident === 1,
    startDate: r.start,
    endDate: r.end,
    parentProcessInstanceKey: r.parent_pi === null ? null : String(r.parent_pi),
    parentElementInstanceKey: r.parent_ei === null ? null : String(r.parent_ei),
    tenantId: r.tenant,
  };
}
