import type { CamundaRestApiTypes as Api, CamundaRestClient } from '@camunda8/sdk';
import type { DecisionInstance } from '../timeline/records';
import { EngineError } from './EngineError';
import { LOCAL_API_USER, localRestClient } from './restClient';
import { decodeVariables } from './variables';

/** Searches read up to this many items (the routine's instances, tasks and variables stay far below). */
const PAGE_LIMIT = 1000;

export type UserTaskFilter = NonNullable<Api.SearchTasksRequest['filter']>;
export type ProcessInstanceFilter = Api.SearchProcessInstanceRequest['filter'];
export type VariableFilter = Api.SearchVariablesRequest['filter'];
export type IncidentFilter = Api.SearchIncidentsRequest['filter'];
export type ProcessDefinitionFilter = Api.SearchProcessDefinitionsRequest['filter'];
export type ElementInstanceFilter = NonNullable<Parameters<CamundaRestClient['searchElementInstances']>[0]>['filter'];
/** Message variables as the SDK types them. */
type MessageVariables = NonNullable<Parameters<CamundaRestClient['publishMessage']>[0]['variables']>;

/** GET /v2/user-tasks/{key}/form: the linked Camunda Form (the SDK has no call or DTO of its own for it). */
export interface UserTaskForm {
  formKey: string;
  formId?: string;
  bpmnId?: string;
  version?: number;
  /** The form JSON (a string on the wire). */
  schema: string;
}

/** Camunda 8.8's job result of a task listener (`JobResultUserTask`): deny the user task operation, or correct the task. */
export interface UserTaskJobResult {
  denied: boolean;
  deniedReason?: string;
  corrections?: {
    assignee?: string;
    dueDate?: string;
    followUpDate?: string;
    candidateUsers?: string[];
    candidateGroups?: string[];
    priority?: number;
  };
}

/** A message to publish; `timeToLive` in ms. */
export interface EngineMessage {
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
  messageId?: string;
  timeToLive?: number;
}

/**
 * The one adapter to the engine: every call of the service, the workers' messages and the local web goes through
 * here to the SDK's `CamundaRestClient` (REST API v2: the calls Tasklist and Operate make against Camunda 8). Typed
 * on the SDK's DTOs; every failure becomes an `EngineError` (operation, HTTP status, what it concerned); variable
 * values are decoded in one place (./variables.ts).
 */
export class EngineGateway {
  private readonly client: Promise<CamundaRestClient>;
  private readonly xmlCache = new Map<string, Promise<string>>();
  private readonly authorization?: string;

  /**
   * @param engine a configured `CamundaRestClient` (the service's, from the SDK's own variables), one still being
   *   built, or the REST address of an engine (the local runtime: its client is built lazily, with `credentials`).
   * @param monitoringAddress optional monitoring base (`/actuator/clock`) to show a moved clock (local runtime).
   * @param credentials Basic credentials for an engine given by address (the local runtime's API is protected; its API
   *   user demo / demo by default), also shown to its clock.
   */
  constructor(
    engine: string | CamundaRestClient | Promise<CamundaRestClient>,
    private readonly monitoringAddress?: string,
    credentials?: { username: string; password: string },
  ) {
    const local = typeof engine === 'string' ? (credentials ?? LOCAL_API_USER) : credentials;
    if (local) this.authorization = `Basic ${Buffer.from(`${local.username}:${local.password}`).toString('base64')}`;
    this.client = typeof engine === 'string' ? localRestClient(engine, local) : Promise.resolve(engine);
    // a client that cannot be built fails the first call (as an EngineError), not the process
    this.client.catch(() => undefined);
  }

  private async call<T>(operation: string, element: string | undefined, fn: (rest: CamundaRestClient) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.client);
    } catch (err) {
      throw EngineError.from(operation, err, element);
    }
  }

  // --- user tasks ------------------------------------------------------------------------------

  async userTasks(filter: UserTaskFilter, limit = PAGE_LIMIT): Promise<Api.UserTask[]> {
    const r = await this.call('searchUserTasks', undefined, (rest) => rest.searchUserTasks({ filter, page: { from: 0, limit }, sort: [{ field: 'creationDate', order: 'ASC' }] }));
    return r.items ?? [];
  }

  userTask(userTaskKey: string): Promise<Api.UserTask> {
    return this.call('getUserTask', `user task ${userTaskKey}`, (rest) => rest.getUserTask(userTaskKey));
  }

  /** The variables the task sees, decoded; where a name exists in several scopes, the innermost (task-local) wins. */
  async userTaskVariables(userTaskKey: string, taskScopeKey?: string): Promise<Record<string, unknown>> {
    const r = await this.call('searchUserTaskVariables', `user task ${userTaskKey}`, (rest) => rest.searchUserTaskVariables({ userTaskKey, page: { from: 0, limit: PAGE_LIMIT } }));
    const items = [...(r.items ?? [])];
    if (taskScopeKey) items.sort((a, b) => Number(a.scopeKey === taskScopeKey) - Number(b.scopeKey === taskScopeKey));
    return decodeVariables(items);
  }

  /** GET /v2/user-tasks/{key}/form (not wrapped by the SDK's client; called through its transport). */
  userTaskForm(userTaskKey: string): Promise<UserTaskForm> {
    return this.call('getUserTaskForm', `user task ${userTaskKey}`, (rest) =>
      rest.callApiEndpoint<Record<string, never>, UserTaskForm>({ method: 'GET', urlPath: `user-tasks/${encodeURIComponent(userTaskKey)}/form` }),
    );
  }

  assignUserTask(userTaskKey: string, assignee: string, allowOverride: boolean): Promise<void> {
    return this.call('assignUserTask', `user task ${userTaskKey}`, (rest) => rest.assignUserTask({ userTaskKey, assignee, allowOverride }));
  }

  unassignUserTask(userTaskKey: string): Promise<void> {
    return this.call('unassignUserTask', `user task ${userTaskKey}`, (rest) => rest.unassignUserTask({ userTaskKey }));
  }

  completeUserTask(userTaskKey: string, variables: Record<string, unknown>): Promise<void> {
    return this.call('completeUserTask', `user task ${userTaskKey}`, (rest) => rest.completeUserTask({ userTaskKey, variables }));
  }

  // --- process instances -------------------------------------------------------------------------

  /** Newest first. */
  async processInstances(filter: ProcessInstanceFilter = {}, limit = PAGE_LIMIT): Promise<Api.ProcessInstanceDetails[]> {
    const r = await this.call('searchProcessInstances', undefined, (rest) => rest.searchProcessInstances({ filter, page: { from: 0, limit }, sort: [{ field: 'startDate', order: 'DESC' }] }));
    return r.items ?? [];
  }

  async processInstance(processInstanceKey: string): Promise<Api.ProcessInstanceDetails | undefined> {
    const items = await this.processInstances({ processInstanceKey });
    return items.find((i) => String(i.processInstanceKey) === processInstanceKey);
  }

  /** Starts the latest version of a process; returns the new instance's key. */
  async startProcessInstance(processDefinitionId: string, variables: Record<string, unknown>): Promise<string> {
    const created = await this.call('createProcessInstance', `process ${processDefinitionId}`, (rest) => rest.createProcessInstance({ processDefinitionId, variables }));
    return String(created.processInstanceKey);
  }

  async elementInstances(processInstanceKey: string): Promise<Api.ElementInstanceDetails[]> {
    const r = await this.call('searchElementInstances', `process instance ${processInstanceKey}`, (rest) =>
      rest.searchElementInstances({ filter: { processInstanceKey }, page: { from: 0, limit: PAGE_LIMIT }, sort: [{ field: 'elementInstanceKey', order: 'ASC' }] }),
    );
    return r.items ?? [];
  }

  /** Element instances across process instances (e.g. every instance of one element id), oldest first. */
  async elementInstancesWhere(filter: ElementInstanceFilter, limit = PAGE_LIMIT): Promise<Api.ElementInstanceDetails[]> {
    const r = await this.call('searchElementInstances', undefined, (rest) =>
      rest.searchElementInstances({ filter, page: { from: 0, limit }, sort: [{ field: 'elementInstanceKey', order: 'ASC' }] }),
    );
    return r.items ?? [];
  }

  /** Variables as the engine lists them (values JSON-encoded; see `variableValues`). */
  async variables(filter: VariableFilter, limit = PAGE_LIMIT): Promise<Api.VariableDetails[]> {
    const r = await this.call('searchVariables', undefined, (rest) => rest.searchVariables({ filter, page: { from: 0, limit } }));
    return r.items ?? [];
  }

  /** The variables the filter selects, by name, decoded. */
  async variableValues(filter: VariableFilter, limit = PAGE_LIMIT): Promise<Record<string, unknown>> {
    return decodeVariables(await this.variables(filter, limit));
  }

  /**
   * The DMN decisions evaluated in an instance, each with its matched rules (search, then one get per decision: the
   * search leaves the rules out). An engine without decision instances answers none.
   */
  async decisionInstances(processInstanceKey: string): Promise<DecisionInstance[]> {
    try {
      const found = await this.call('searchDecisionInstances', `process instance ${processInstanceKey}`, (rest) =>
        rest.callApiEndpoint<{ filter: object; page: object }, { items?: DecisionInstance[] }>({
          method: 'POST',
          urlPath: 'decision-instances/search',
          body: { filter: { processInstanceKey }, page: { from: 0, limit: PAGE_LIMIT } },
        }),
      );
      return await Promise.all(
        (found.items ?? []).map((d) =>
          this.call('getDecisionInstance', `decision instance ${d.decisionEvaluationInstanceKey}`, (rest) =>
            rest.callApiEndpoint<never, DecisionInstance>({ method: 'GET', urlPath: `decision-instances/${d.decisionEvaluationInstanceKey}` }),
          ),
        ),
      );
    } catch {
      return [];
    }
  }

  // --- incidents and definitions -----------------------------------------------------------------

  async incidents(filter: IncidentFilter = {}): Promise<Api.IncidentDetails[]> {
    const r = await this.call('searchIncidents', undefined, (rest) => rest.searchIncidents({ filter, page: { from: 0, limit: PAGE_LIMIT }, sort: [{ field: 'incidentKey', order: 'ASC' }] }));
    return r.items ?? [];
  }

  /** Operate's "retry": give the job retries again, then resolve the incident. */
  async retryIncident(incident: { incidentKey: string; jobKey?: string | null }, retries: number): Promise<void> {
    const { jobKey, incidentKey } = incident;
    if (jobKey) await this.call('updateJob', `job ${jobKey}`, (rest) => rest.updateJob({ jobKey, retries }));
    await this.call('resolveIncident', `incident ${incidentKey}`, (rest) => rest.resolveIncident(incidentKey));
  }

  async processDefinitions(filter: ProcessDefinitionFilter = {}): Promise<Api.ProcessDefinitionDetails[]> {
    const r = await this.call('searchProcessDefinitions', undefined, (rest) => rest.searchProcessDefinitions({ filter, page: { from: 0, limit: PAGE_LIMIT } }));
    return r.items ?? [];
  }

  /** A deployed definition never changes: its XML is cached (a failed fetch is not). */
  processDefinitionXml(processDefinitionKey: string): Promise<string> {
    let xml = this.xmlCache.get(processDefinitionKey);
    if (!xml) {
      xml = this.call('getProcessDefinitionXML', `process definition ${processDefinitionKey}`, (rest) => rest.getProcessDefinitionXML(processDefinitionKey));
      xml.catch(() => this.xmlCache.delete(processDefinitionKey));
      if (this.xmlCache.size > 500) this.xmlCache.clear();
      this.xmlCache.set(processDefinitionKey, xml);
    }
    return xml;
  }

  // --- messages ----------------------------------------------------------------------------------

  /**
   * Publish a message. Zeebe refuses a second message with the same `messageId` while the first is buffered (409):
   * it was published already, so that counts as published.
   */
  async publishMessage(message: EngineMessage): Promise<void> {
    const element = `message ${message.name} (${message.correlationKey})`;
    try {
      await this.call('publishMessage', element, (rest) => rest.publishMessage({ ...message, variables: asMessageVariables(message.variables) }));
    } catch (err) {
      if (err instanceof EngineError && err.status === 409) return;
      throw err;
    }
  }

  // --- variables and task listener results (R3) -------------------------------------------------------

  /** Set variables on an element instance's own scope, e.g. a process instance (`PUT …/variables`, `local: true`). */
  setLocalVariables(elementInstanceKey: string, variables: Record<string, unknown>): Promise<void> {
    return this.call('setVariables', `element instance ${elementInstanceKey}`, async (rest) => {
      await rest.updateElementInstanceVariables({ elementInstanceKey, variables: variables as never, local: true } as never);
    });
  }

  /**
   * Completes a task listener job with a `result` (POST /v2/jobs/{jobKey}/completion). @camunda8/sdk 8.8.13's
   * `completeJob` sends only `variables` and drops any result, so this one call goes through the same client's
   * `callApiEndpoint`: its transport, authentication (OAuth, Basic, Bearer), retries and lossless JSON – a typed REST
   * call rather than a second client (docs/workers.md says why not @camunda8/orchestration-cluster-api).
   */
  completeListenerJob(jobKey: string, result: UserTaskJobResult): Promise<void> {
    return this.call('completeJob', `job ${jobKey}`, async (rest) => {
      await rest.callApiEndpoint({ method: 'POST', urlPath: `jobs/${encodeURIComponent(jobKey)}/completion`, body: { result: { type: 'userTask', ...result } }, json: false });
    });
  }

  // --- the local runtime's clock -------------------------------------------------------------------

  /** The runtime's clock in epoch ms, when a monitoring address is known and answers; else undefined. */
  async clock(): Promise<number | undefined> {
    if (!this.monitoringAddress) return undefined;
    try {
      const headers: Record<string, string> = this.authorization ? { authorization: this.authorization } : {};
      const res = await fetch(`${this.monitoringAddress.replace(/\/+$/, '')}/actuator/clock`, { headers, signal: AbortSignal.timeout(2000) });
      if (!res.ok) return undefined;
      const body = (await res.json()) as { epochMilli?: unknown };
      return typeof body.epochMilli === 'number' ? body.epochMilli : undefined;
    } catch {
      return undefined;
    }
  }
}

/** The SDK's `JSON` type leaves out `null`, which the API takes (e.g. `restoredAt: null`): the one widening, here. */
function asMessageVariables(variables: Record<string, unknown>): MessageVariables {
  return variables as MessageVariables;
}
