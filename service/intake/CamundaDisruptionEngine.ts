import type { EngineGateway } from '../../lib/camunda/EngineGateway';
import { EngineError } from '../../lib/camunda/EngineError';
import { PROCESSES } from '../../contract';
import type { ActiveDisruption, DisruptionEngine, DisruptionState } from './DisruptionEngine';
import { IntakeError } from './IntakeError';

type Gateway = Pick<EngineGateway, 'processInstances' | 'variableValues' | 'startProcessInstance' | 'publishMessage'>;

/**
 * {@link DisruptionEngine} over the one engine gateway (lib/camunda): works against Camunda 8 and the local runtime
 * alike. The engine's failures reach the intake as `IntakeError` with the engine's HTTP status.
 */
export class CamundaDisruptionEngine implements DisruptionEngine {
  constructor(
    private readonly engine: Gateway,
    private readonly options: { messageTtlMs: number; processId?: string },
  ) {}

  private get processId(): string {
    return this.options.processId ?? PROCESSES.disruption;
  }

  private async instanceState(processInstanceKey: string): Promise<'ACTIVE' | 'COMPLETED' | 'TERMINATED' | undefined> {
    const items = await this.call('search process instance', () => this.engine.processInstances({ processInstanceKey }, 1));
    const item = items.find((i) => String(i.processInstanceKey) === processInstanceKey);
    return item ? (String(item.state) as 'ACTIVE' | 'COMPLETED' | 'TERMINATED') : undefined;
  }

  async disruptionState(processInstanceKey: string): Promise<DisruptionState> {
    const state = await this.instanceState(processInstanceKey);
    if (state !== 'ACTIVE') return { state, restored: false };
    const vars = await this.call('read disruption state', () => this.engine.variableValues({ processInstanceKey, scopeKey: processInstanceKey }, 200));
    const { restoredAt, scope } = vars;
    return {
      state,
      restored: restoredAt !== undefined && restoredAt !== null,
      ...(scope === 'full-it-outage' || scope === 'sesam-down' || scope === 'desk-only' ? { scope } : {}),
    };
  }

  async activeDisruptions(): Promise<ActiveDisruption[]> {
    const items = await this.call('search active disruptions', () => this.engine.processInstances({ processDefinitionId: this.processId, state: 'ACTIVE' }, 50));
    const found: ActiveDisruption[] = [];
    for (const item of items) {
      if (item.processDefinitionId !== this.processId || String(item.state) !== 'ACTIVE' || item.parentProcessInstanceKey) continue;
      const key = String(item.processInstanceKey);
      const vars = await this.call('read disruption variables', () => this.engine.variableValues({ processInstanceKey: key, scopeKey: key }, 100));
      const { disruptionId, reportedAt, drill, restoredAt } = vars;
      if (typeof disruptionId !== 'string' || disruptionId.length === 0) continue;
      found.push({
        disruptionId,
        processInstanceKey: key,
        drill: drill === true,
        restored: restoredAt !== undefined && restoredAt !== null,
        ...(typeof reportedAt === 'string' ? { reportedAt } : {}),
      });
    }
    return found;
  }

  startDisruption(variables: Record<string, unknown>): Promise<string> {
    return this.call('create process instance', () => this.engine.startProcessInstance(this.processId, variables));
  }

  /** A duplicate `messageId` counts as published (the gateway's rule). */
  publishMessage(message: { name: string; correlationKey: string; variables: Record<string, unknown>; messageId?: string }): Promise<void> {
    return this.call('publish message', () => this.engine.publishMessage({ ...message, timeToLive: this.options.messageTtlMs }), {
      what: `publish message ${message.name}`,
      disruptionId: message.correlationKey,
    });
  }

  /** The engine's failure as the intake's error: what was tried, the engine's HTTP status, the disruption. */
  private async call<T>(operation: string, fn: () => Promise<T>, about: { what?: string; disruptionId?: string } = {}): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const status = err instanceof EngineError && err.status ? err.status : undefined;
      throw new IntakeError(`Engine refused or did not answer: ${about.what ?? operation}`, { operation, status, ...(about.disruptionId ? { disruptionId: about.disruptionId } : {}) }, { cause: err });
    }
  }
}
