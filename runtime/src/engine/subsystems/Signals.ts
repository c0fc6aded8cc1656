import type { Variables } from '../../broker/types';
import { Feel } from '../../feel/Feel';
import type { ElementRow } from '../../store/rows';
import type { WaitKind } from '../lifecycle/Waits';
import type { EngineParts } from '../EngineParts';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { IncidentError } from '../state/IncidentError';

/**
 * Signals (Camunda 8.8): a broadcast — `POST /v2/signals/broadcast` or a signal intermediate throw / end event —
 * reaches every open subscription of its name at once: signal start events of the latest process versions start an
 * instance each, catch events, event-based gateway targets, boundary events and event subprocess starts are triggered,
 * each with the signal's variables. Nothing is buffered: a subscription opened later misses it.
 */
export class Signals {
  constructor(private readonly parts: EngineParts) {}

  /** Opens the subscription of a signal catch (name FEEL allowed, evaluated now), owned by `owner` (null: a start event). */
  open(kind: WaitKind, owner: ElementRow | null, elementId: string, target: ElementDef, proc: ProcessDefinition, vars: Variables, interrupting: boolean): void {
    const expr = target.signal?.name ?? '';
    const name = Feel.isExpression(expr) ? this.parts.feel.evaluate(expr, vars) : expr;
    if (typeof name !== 'string' || !name) {
      throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected result of the expression '${Feel.body(expr)}' to be 'STRING', but was '${name === null ? 'NULL' : typeof name}'.`);
    }
    this.parts.repos.signals.insert({
      key: this.parts.keys.next(),
      kind,
      pi: owner?.pi ?? null,
      ei: owner?.key ?? null,
      element_id: elementId,
      def: proc.key,
      signal_name: name,
      interrupting: interrupting ? 1 : 0,
      tenant: proc.tenant,
    });
  }

  /** The signal name of a throw event, evaluated in its scope. */
  nameOf(row: ElementRow, el: ElementDef): string {
    const expr = el.signal?.name ?? '';
    const name = Feel.isExpression(expr) ? this.parts.feel.evaluate(expr, this.parts.variables.visible(row.key)) : expr;
    if (typeof name !== 'string' || !name) {
      throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected result of the expression '${Feel.body(expr)}' to be 'STRING', but was '${name === null ? 'NULL' : typeof name}'.`);
    }
    return name;
  }

  /** Broadcasts a signal to every subscription open now; returns the signal key. */
  broadcast(name: string, vars: Variables): number {
    const key = this.parts.keys.next();
    const { repos, definitions } = this.parts;
    for (const s of repos.signals.of(name)) {
      if (!repos.signals.exists(s.key)) continue; // closed by an earlier trigger of this broadcast
      if (s.kind === 'start') {
        this.parts.instanceLifecycle.start(definitions.get(s.def), {}, { messageStart: s.element_id, startVars: vars });
        continue;
      }
      if (s.ei === null) continue;
      if (s.kind === 'catch' || s.kind === 'gateway') repos.signals.deleteOf(s.ei);
      this.parts.waits.trigger(s.kind, s.ei, s.element_id, s.interrupting === 1, vars);
    }
    this.parts.log?.debug({ signalName: name, signalKey: String(key) }, 'signal broadcast');
    return key;
  }
}
