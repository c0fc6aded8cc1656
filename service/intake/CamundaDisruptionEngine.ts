import type { CamundaRestClient } from '@camunda8/sdk';
import { PROCESSES } from '../../contract';
import type { ActiveDisruption, DisruptionEngine, DisruptionState } from './DisruptionEngine';
import { IntakeError } from './IntakeError';

function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: number; status?: number; response?: { statusCode?: number } };
  return e?.response?.statusCode ?? e?.statusCode ?? e?.status;
}

function parseValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** {@link DisruptionEngine} over the SDK's `CamundaRestClient` (REST API v2): works against Camunda 8 and the local runtime alike. */
export class CamundaDisruptionEngine implements DisruptionEngine {
  constructor(
    private readonly client: Pick<CamundaRestClient, 'searchProcessInstances' | 'searchVariables' | 'createProcessInstance' | 'publishMessage'>,
    private readonly options: { messageTtlMs: number; processId?: string },
  ) {}

  private get processId(): string {
    return this.options.processId ?? PROCESSES.disruption;
  }

  async instanceState(processInstanceKey: string): Promise<'ACTIVE' | 'COMPLETED' | 'TERMINATED' | undefined> {
    const result = await this.call('search process instance', () =>
      this.client.searchProcessInstances({ filter: { processInstanceKey }, page: { from: 0, limit: 1 } }),
    );
    const item = result.items.find((i) => String(i.processInstanceKey) === processInstanceKey);
    return item ? (String(item.state) as 'ACTIVE' | 'COMPLETED' | 'TERMINATED') : undefined;
  }

  async disruptionState(processInstanceKey: string): Promise<DisruptionState> {
    const state = await this.instanceState(processInstanceKey);
    if (state !== 'ACTIVE') return { state, restored: false };
    const vars = await this.call('read disruption state', () =>
      this.client.searchVariables({ filter: { processInstanceKey, scopeKey: processInstanceKey }, page: { from: 0, limit: 200 } }),
    );
    const byName = new Map(vars.items.map((v) => [v.name, parseValue(v.value)]));
    const restoredAt = byName.get('restoredAt');
    const scope = byName.get('scope');
    return {
      state,
      restored: restoredAt !== undefined && restoredAt !== null,
      ...(scope === 'full-it-outage' || scope === 'sesam-down' || scope === 'desk-only' ? { scope } : {}),
    };
  }

  async isRestored(processInstanceKey: string): Promise<boolean> {
    const vars = await this.call('read restoredAt', () =>
      this.client.searchVariables({ filter: { processInstanceKey, scopeKey: processInstanceKey, name: 'restoredAt' }, page: { from: 0, limit: 1 } }),
    );
    return vars.items.some((v) => v.name === 'restoredAt' && parseValue(v.value) !== null);
  }

  async activeDisruptions(): Promise<ActiveDisruption[]> {
    const result = await this.call('search active disruptions', () =>
      this.client.searchProcessInstances({
        filter: { processDefinitionId: this.processId, state: 'ACTIVE' },
        sort: [{ field: 'startDate', order: 'DESC' }],
        page: { from: 0, limit: 50 },
      }),
    );
    const found: ActiveDisruption[] = [];
    for (const item of result.items) {
      if (item.processDefinitionId !== this.processId || String(item.state) !== 'ACTIVE' || item.parentProcessInstanceKey) continue;
      const key = String(item.processInstanceKey);
      const vars = await this.call('read disruption variables', () =>
        this.client.searchVariables({ filter: { processInstanceKey: key, scopeKey: key }, page: { from: 0, limit: 100 } }),
      );
      const byName = new Map(vars.items.map((v) => [v.name, parseValue(v.value)]));
      const disruptionId = byName.get('disruptionId');
      if (typeof disruptionId !== 'string' || disruptionId.length === 0) continue;
      const reportedAt = byName.get('reportedAt');
      found.push({
        disruptionId,
        processInstanceKey: key,
        drill: byName.get('drill') === true,
        restored: byName.get('restoredAt') !== undefined && byName.get('restoredAt') !== null,
        ...(typeof reportedAt === 'string' ? { reportedAt } : {}),
      });
    }
    return found;
  }

  async startDisruption(variables: Record<string, unknown>): Promise<string> {
    const created = await this.call('create process instance', () =>
      this.client.createProcessInstance({ processDefinitionId: this.processId, variables }),
    );
    return String(created.processInstanceKey);
  }

  async publishMessage(message: { name: string; correlationKey: string; variables: Record<string, unknown>; messageId?: string }): Promise<void> {
    try {
      await this.client.publishMessage({
        ...message,
        variables: message.variables as Parameters<CamundaRestClient['publishMessage']>[0]['variables'],
        timeToLive: this.options.messageTtlMs,
      });
    } catch (err) {
      // Zeebe refuses a second message with the same id while the first is buffered: it was published already.
      if (statusOf(err) === 409) return;
      throw new IntakeError(`Engine refused or did not answer: publish message ${message.name}`, { operation: 'publish message', status: statusOf(err), disruptionId: message.correlationKey }, { cause: err });
    }
  }

  private async call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw new IntakeError(`Engine refused or did not answer: ${operation}`, { operation, status: statusOf(err) }, { cause: err });
    }
  }
}
