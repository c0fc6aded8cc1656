// Only the REST client: the package index also loads the gRPC, Operate, Tasklist and Optimize clients (~1.5 s).
import { CamundaRestClient } from '@camunda8/sdk/dist/c8/lib/CamundaRestClient';
import { EngineError } from './EngineError';
import type { ElementInstance, Incident, Key, ProcessDefinition, ProcessInstance, UserTask, UserTaskForm, Variable } from '../timeline/records';

const PAGE = { from: 0, limit: 1000 };

interface SearchResult<T> {
  items: T[];
  page?: { totalItems?: number };
}

/**
 * Everything the local web asks of the engine, through the REST API v2 with `@camunda8/sdk`
 * (the same calls Tasklist and Operate make against Camunda 8). Errors become `EngineError`.
 */
export class EngineGateway {
  private readonly rest: CamundaRestClient;
  private readonly xmlCache = new Map<Key, Promise<string>>();
  private readonly authorization?: string;

  /**
   * @param engine the REST address of an engine (the local runtime), or a configured `CamundaRestClient` (the
   *   service's, with OAuth for the region's Camunda 8).
   * @param monitoringAddress optional monitoring base (`/actuator/clock`) to show a moved clock (local runtime).
   * @param credentials Basic credentials for an engine given by address (the local runtime's API is protected).
   */
  constructor(
    engine: string | CamundaRestClient,
    private readonly monitoringAddress?: string,
    credentials?: { username: string; password: string },
  ) {
    // The same client as `new Camunda8(config).getCamundaRestClient()`.
    const auth = credentials
      ? { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: credentials.username, CAMUNDA_BASIC_AUTH_PASSWORD: credentials.password }
      : { CAMUNDA_AUTH_STRATEGY: 'NONE' };
    if (credentials) this.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    this.rest =
      typeof engine === 'string'
        ? new CamundaRestClient({ config: { ZEEBE_REST_ADDRESS: engine.replace(/\/+$/, ''), ...auth, CAMUNDA_LOG_LEVEL: 'none' } } as never)
        : engine;
  }

  private async call<T>(operation: string, fn: () => Promise<unknown>): Promise<T> {
    try {
      return (await fn()) as T;
    } catch (err) {
      throw EngineError.from(operation, err);
    }
  }

  // --- user tasks ------------------------------------------------------------------------------

  async userTasks(filter: Record<string, unknown>): Promise<UserTask[]> {
    const r = await this.call<SearchResult<UserTask>>('searchUserTasks', () =>
      this.rest.searchUserTasks({ filter, page: PAGE, sort: [{ field: 'creationDate', order: 'ASC' }] } as never),
    );
    return r.items ?? [];
  }

  userTask(userTaskKey: Key): Promise<UserTask> {
    return this.call('getUserTask', () => this.rest.getUserTask(userTaskKey as never));
  }

  /** The variables the task sees; where a name exists in several scopes, the innermost (task-local) wins. */
  async userTaskVariables(userTaskKey: Key, taskScopeKey?: Key): Promise<Record<string, unknown>> {
    const r = await this.call<SearchResult<Variable>>('searchUserTaskVariables', () =>
      this.rest.searchUserTaskVariables({ userTaskKey, page: PAGE } as never),
    );
    const items = [...(r.items ?? [])];
    if (taskScopeKey) items.sort((a, b) => Number(a.scopeKey === taskScopeKey) - Number(b.scopeKey === taskScopeKey));
    return decodeVariables(items);
  }

  /** GET /v2/user-tasks/{key}/form (not wrapped by the SDK's client; called through its transport). */
  userTaskForm(userTaskKey: Key): Promise<UserTaskForm> {
    return this.call('getUserTaskForm', () =>
      this.rest.callApiEndpoint({ method: 'GET', urlPath: `user-tasks/${encodeURIComponent(userTaskKey)}/form` }),
    );
  }

  assignUserTask(userTaskKey: Key, assignee: string, allowOverride: boolean): Promise<void> {
    return this.call('assignUserTask', () => this.rest.assignUserTask({ userTaskKey, assignee, allowOverride } as never));
  }

  unassignUserTask(userTaskKey: Key): Promise<void> {
    return this.call('unassignUserTask', () => this.rest.unassignUserTask({ userTaskKey } as never));
  }

  completeUserTask(userTaskKey: Key, variables: Record<string, unknown>): Promise<void> {
    return this.call('completeUserTask', () => this.rest.completeUserTask({ userTaskKey, variables } as never));
  }

  // --- process instances (cockpit) ---------------------------------------------------------------

  async processInstances(filter: Record<string, unknown> = {}): Promise<ProcessInstance[]> {
    const r = await this.call<SearchResult<ProcessInstance>>('searchProcessInstances', () =>
      this.rest.searchProcessInstances({ filter, page: PAGE, sort: [{ field: 'startDate', order: 'DESC' }] } as never),
    );
    return r.items ?? [];
  }

  async processInstance(processInstanceKey: Key): Promise<ProcessInstance | undefined> {
    const items = await this.processInstances({ processInstanceKey });
    return items[0];
  }

  async elementInstances(processInstanceKey: Key): Promise<ElementInstance[]> {
    const r = await this.call<SearchResult<ElementInstance>>('searchElementInstances', () =>
      this.rest.searchElementInstances({
        filter: { processInstanceKey },
        page: PAGE,
        sort: [{ field: 'elementInstanceKey', order: 'ASC' }],
      } as never),
    );
    return r.items ?? [];
  }

  async variables(filter: Record<string, unknown>): Promise<Variable[]> {
    const r = await this.call<SearchResult<Variable>>('searchVariables', () =>
      this.rest.searchVariables({ filter, page: PAGE } as never),
    );
    return r.items ?? [];
  }

  async incidents(filter: Record<string, unknown> = {}): Promise<Incident[]> {
    const r = await this.call<SearchResult<Incident>>('searchIncidents', () =>
      this.rest.searchIncidents({ filter, page: PAGE, sort: [{ field: 'incidentKey', order: 'ASC' }] } as never),
    );
    return r.items ?? [];
  }

  /** Operate's "retry": give the job retries again, then resolve the incident. */
  async retryIncident(incident: Incident, retries: number): Promise<void> {
    if (incident.jobKey) {
      const jobKey = incident.jobKey;
      await this.call('updateJob', () => this.rest.updateJob({ jobKey, retries } as never));
    }
    await this.call('resolveIncident', () => this.rest.resolveIncident(incident.incidentKey as never));
  }

  async processDefinitions(filter: Record<string, unknown> = {}): Promise<ProcessDefinition[]> {
    const r = await this.call<SearchResult<ProcessDefinition>>('searchProcessDefinitions', () =>
      this.rest.searchProcessDefinitions({ filter, page: PAGE } as never),
    );
    return r.items ?? [];
  }

  /** A deployed definition never changes: its XML is cached (a failed fetch is not). */
  processDefinitionXml(processDefinitionKey: Key): Promise<string> {
    let xml = this.xmlCache.get(processDefinitionKey);
    if (!xml) {
      xml = this.call<string>('getProcessDefinitionXML', () => this.rest.getProcessDefinitionXML(processDefinitionKey as never));
      xml.catch(() => this.xmlCache.delete(processDefinitionKey));
      if (this.xmlCache.size > 500) this.xmlCache.clear();
      this.xmlCache.set(processDefinitionKey, xml);
    }
    return xml;
  }

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

/** `[{name, value: JSON}]` → `{name: value}`; a value that is not JSON is kept as its text. */
export function decodeVariables(items: Variable[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of items) out[v.name] = decodeValue(v.value);
  return out;
}

export function decodeValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
