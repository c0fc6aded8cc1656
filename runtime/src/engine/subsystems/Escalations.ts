import type { ElementRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';
import type { ProcessDefinition } from '../model/Definitions';

type EscalationCatch =
  | { kind: 'boundary'; activity: ElementRow; boundaryId: string; interrupting: boolean; proc: ProcessDefinition }
  | { kind: 'eventsub'; scope: ElementRow; eventSubId: string; interrupting: boolean; proc: ProcessDefinition };

/**
 * Escalations (Camunda 8.8), thrown by an escalation intermediate throw or end event. The catch search starts at the
 * thrower's flow scope: its escalation event subprocesses, then the boundary events of the scope's activity
 * (subprocess; from a child process root, the parent's call activity), then outward. A catch with the exact code wins
 * over a catch-all (no code). An interrupting catch terminates what it interrupts; a non-interrupting one lets the
 * thrower go on. An escalation nobody catches is no failure: the thrower goes on (Camunda's rule).
 * Returns whether the thrower goes on (false: it was terminated by an interrupting catch).
 */
export class Escalations {
  constructor(private readonly parts: EngineParts) {}

  throwEscalation(from: ElementRow, code: string): boolean {
    const c = this.findCatch(from, code);
    if (!c) {
      this.parts.log?.debug({ escalationCode: code, elementId: from.element_id }, 'escalation not caught');
      return true;
    }
    const extra = { escalationCode: code };
    if (c.kind === 'boundary') {
      const scope = this.parts.elements.scopeOf(c.activity);
      if (!c.interrupting) {
        this.parts.lifecycle.activateTriggered(c.proc, c.boundaryId, scope, {}, extra);
        return true;
      }
      if (this.parts.termination.element(c.activity, { op: 'activateBoundary', boundaryId: c.boundaryId, vars: {}, extra })) {
        this.parts.lifecycle.activateTriggered(c.proc, c.boundaryId, scope, {}, extra);
      }
      return false;
    }
    this.parts.behaviours.eventSubProcess.start(c.proc, c.scope, c.eventSubId, c.interrupting, {}, extra);
    return !c.interrupting;
  }

  private findCatch(from: ElementRow, code: string): EscalationCatch | null {
    const { definitions, elements, repos } = this.parts;
    const matches = (c: string | null | undefined) => !c || c === code;
    let current: ElementRow | undefined = from;
    while (current) {
      const proc = definitions.get(current.def);
      const scopeKey: number | null = current.type === 'PROCESS' ? null : (current.scope ?? null);
      if (scopeKey === null) {
        // from a child process root: the parent's call activity and its boundaries
        const inst = repos.instances.get(current.pi);
        const caller = inst?.parent_ei ? elements.find(inst.parent_ei) : undefined;
        if (caller) {
          const hit = this.boundaryOf(caller, code, matches);
          if (hit) return hit;
        }
        current = caller;
        continue;
      }
      const scope = elements.row(scopeKey);
      const subs = scope.type === 'PROCESS' ? proc.model.eventSubprocesses : scope.type === 'MULTI_INSTANCE_BODY' ? [] : (proc.model.elements[scope.element_id]?.eventSubprocesses ?? []);
      const candidates = subs
        .map((id) => proc.model.elements[id])
        .map((s) => ({ s, start: s?.startEvent ? proc.model.elements[s.startEvent] : undefined }))
        .filter((x) => x.start && x.start.eventType === 'escalation');
      const sub = candidates.find((x) => x.start?.escalationCode === code) ?? candidates.find((x) => matches(x.start?.escalationCode));
      if (sub) return { kind: 'eventsub', scope, eventSubId: sub.s.id, interrupting: sub.start?.interrupting !== false, proc };
      if (scope.type !== 'PROCESS') {
        const owner = scope.type === 'MULTI_INSTANCE_BODY' ? scope : elements.isInner(scope) ? elements.scopeOf(scope) : scope;
        const hit = this.boundaryOf(owner, code, matches);
        if (hit) return hit;
      }
      current = scope;
    }
    return null;
  }

  private boundaryOf(activity: ElementRow, code: string, matches: (c: string | null | undefined) => boolean): EscalationCatch | null {
    const proc = this.parts.definitions.get(activity.def);
    const el = proc.model.elements[activity.element_id];
    if (!el) return null;
    const candidates = el.boundaries.map((b) => proc.model.elements[b]).filter((b) => b && b.eventType === 'escalation');
    const hit = candidates.find((b) => b.escalationCode === code) ?? candidates.find((b) => matches(b.escalationCode));
    return hit ? { kind: 'boundary', activity, boundaryId: hit.id, interrupting: hit.interrupting !== false, proc } : null;
  }
}
