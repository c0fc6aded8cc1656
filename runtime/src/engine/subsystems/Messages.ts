import { Problem } from '../../broker/Problem';
import type { Variables } from '../../broker/types';
import { Feel } from '../../feel/Feel';
import type { ElementRow, SubscriptionRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';
import type { WaitKind } from '../lifecycle/Waits';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { IncidentError } from '../state/IncidentError';

const DEFAULT_TENANT = '<default>';

/** The mark of a process (BPMN process id) that a buffered message has reached (`message_correlations.target`). */
const processTarget = (processId: string) => `process:${processId}`;

export interface MessageRequest {
  name: string;
  /** '' when the message has none. */
  correlationKey: string;
  variables: Variables;
}

/**
 * Messages: subscriptions (opened by catches, boundaries, event subprocesses and message start
 * events), publication and correlation, and the buffer. A message reaches each BPMN process id at most
 * once (see `correlate`): the oldest waiting subscription of a process, else a message start event (at
 * most one active instance per correlation key). It then stays buffered for its time-to-live: a
 * subscription opened later takes the oldest buffered message that has not reached its process yet.
 */
export class Messages {
  constructor(private readonly parts: EngineParts) {}

  /** The one place a message subscription is opened (owner null: a message start event of a definition). */
  openSubscription(kind: WaitKind, owner: ElementRow | null, elementId: string, proc: ProcessDefinition, name: string, correlationKey: string, interrupting: boolean): void {
    const key = this.parts.keys.next();
    this.parts.repos.subscriptions.insert({
      key,
      kind,
      pi: owner?.pi ?? null,
      ei: owner?.key ?? null,
      element_id: elementId,
      def: proc.key,
      message_name: name,
      correlation_key: correlationKey,
      interrupting: interrupting ? 1 : 0,
      tenant: proc.tenant,
    });
    if (owner) this.parts.commands.defer(() => this.correlateBuffered(key));
  }

  /** The correlation key of a catch, evaluated (FEEL) when its subscription opens: a string or a number. */
  correlationKey(target: ElementDef, vars: Record<string, unknown>): string {
    const expr = target.message?.correlationKey ?? '';
    const v = Feel.isExpression(expr) ? this.parts.feel.evaluate(expr, vars) : expr;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    throw new IncidentError(
      'EXTRACT_VALUE_ERROR',
      `Failed to extract the correlation key for '${expr}': The value must be either a string or a number, but was ${v === null ? 'NULL' : typeof v}. Element '${target.id}'.`,
    );
  }

  publish(msg: MessageRequest, timeToLive: number, messageId: string | undefined): { messageKey: string } {
    const { repos } = this.parts;
    const now = this.parts.clock.now();
    repos.messages.expire(now);
    if (messageId && repos.messages.hasMessageId(msg.name, msg.correlationKey, messageId)) {
      throw Problem.alreadyExists(`Expected to publish a new message with id '${messageId}', but a message with that id was already published`);
    }
    const messageKey = this.parts.keys.next();
    const targets = this.correlate(msg);
    if (timeToLive > 0) {
      repos.messages.insert({
        key: messageKey,
        name: msg.name,
        correlation_key: msg.correlationKey,
        message_id: messageId ?? null,
        variables: JSON.stringify(msg.variables),
        expires: now + timeToLive,
        tenant: DEFAULT_TENANT,
      });
      for (const t of targets.correlations) repos.messages.recordCorrelation(messageKey, t);
    }
    return { messageKey: String(messageKey) };
  }

  /** Correlates now or answers 404 (nothing is buffered). */
  correlateNow(msg: MessageRequest): { messageKey: string; processInstanceKey: string } {
    const messageKey = this.parts.keys.next();
    const r = this.correlate(msg);
    if (r.instances.length === 0) {
      throw Problem.notFound(`Expected to find subscription for message with name '${msg.name}' and correlation key '${msg.correlationKey}', but none was found.`);
    }
    // as Camunda answers: a started instance before an instance that was waiting
    return { messageKey: String(messageKey), processInstanceKey: String(r.started[0] ?? r.instances[0]) };
  }

  /**
   * Zeebe's message cardinality: a message is correlated at most once per BPMN process id. First to
   * waiting subscriptions — the oldest of each process (whatever its version or instance) — then to the
   * message start events of the processes it has not reached (at most one active instance per
   * correlation key). `correlations` marks each reached process (`process:<id>`) for the buffer.
   */
  private correlate(msg: MessageRequest): { instances: number[]; started: number[]; correlations: string[] } {
    const { repos, definitions } = this.parts;
    const { name, correlationKey: ck, variables: vars } = msg;
    const instances: number[] = [];
    const started: number[] = [];
    const reached = new Set<string>();
    for (const s of repos.subscriptions.waitingFor(name, ck)) {
      if (s.pi === null) continue;
      const processId = definitions.get(s.def).processId;
      if (reached.has(processId)) continue;
      if (!repos.subscriptions.exists(s.key)) continue; // closed by an earlier trigger
      reached.add(processId);
      this.trigger(s, vars);
      instances.push(s.pi);
    }
    for (const s of repos.subscriptions.startsFor(name)) {
      const proc = definitions.get(s.def);
      if (reached.has(proc.processId)) continue;
      if (ck && repos.instances.hasActiveWithStartKey(proc.processId, ck)) continue;
      reached.add(proc.processId);
      const pi = this.parts.instanceLifecycle.start(proc, {}, { messageStart: s.element_id, startCorrelationKey: ck || undefined, startVars: vars });
      started.push(pi);
      instances.push(pi);
    }
    return { instances, started, correlations: [...reached].map(processTarget) };
  }

  /** A freshly opened subscription takes the oldest buffered message that has not reached its process yet. */
  private correlateBuffered(subscriptionKey: number) {
    const { repos } = this.parts;
    const s = repos.subscriptions.get(subscriptionKey);
    if (!s || s.pi === null) return;
    const target = processTarget(this.parts.definitions.get(s.def).processId);
    const m = repos.messages.oldestFor(s.message_name, s.correlation_key, this.parts.clock.now(), target);
    if (!m) return;
    repos.messages.recordCorrelation(m.key, target);
    this.trigger(s, JSON.parse(m.variables));
  }

  /** After an instance started by a message completed: the next buffered message for that key may start one. */
  startFromBufferedMessage(processId: string, ck: string): void {
    const { repos } = this.parts;
    if (repos.instances.hasActiveWithStartKey(processId, ck)) return;
    const s = repos.subscriptions.firstStartOf(processId);
    if (!s) return;
    const target = processTarget(processId);
    const m = repos.messages.oldestFor(s.message_name, ck, this.parts.clock.now(), target);
    if (!m) return;
    repos.messages.recordCorrelation(m.key, target);
    this.parts.instanceLifecycle.start(this.parts.definitions.get(s.def), {}, { messageStart: s.element_id, startCorrelationKey: ck, startVars: JSON.parse(m.variables) });
  }

  /** A message arrived for a subscription: it closes (unless non-interrupting boundary / event subprocess) and its wait is triggered. */
  private trigger(s: SubscriptionRow, vars: Variables) {
    const keepOpen = (s.kind === 'boundary' || s.kind === 'eventsub') && s.interrupting === 0;
    if (!keepOpen) this.parts.repos.subscriptions.delete(s.key);
    if (s.ei === null) return;
    this.parts.waits.trigger(s.kind, s.ei, s.element_id, s.interrupting === 1, vars);
  }
}
