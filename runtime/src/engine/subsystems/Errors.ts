import type { Variables } from '../../broker/types';
import type { ElementRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';
import type { ProcessDefinition } from '../model/Definitions';
import { IncidentError } from '../state/IncidentError';

type ErrorCatch =
  | { kind: 'boundary'; activity: ElementRow; boundaryId: string; proc: ProcessDefinition }
  | { kind: 'eventsub'; scope: ElementRow; eventSubId: string; proc: ProcessDefinition };

/**
 * BPMN errors (thrown by a job or an error end event). The catch search: error boundary events of the
 * element, then error event subprocesses of its flow scope, then outward scope by scope; from a child
 * process root it continues at the parent's call activity. A boundary or start event with that exact
 * code wins over a catch-all (no code). Uncaught: an UNHANDLED_ERROR_EVENT incident, never a crash.
 */
export class Errors {
  constructor(private readonly parts: EngineParts) {}

  /** Throws a BPMN error from an element; true when it was caught. */
  throwError(proc: ProcessDefinition, from: ElementRow, code: string, message: string, vars: Variables, jobKey: number | null): boolean {
    const c = this.findCatch(from, code);
    if (!c) {
      const msg = `Expected to throw an error event with the code '${code}'${message ? ` with message '${message}'` : ''}, but it was not caught. No error events are available in the scope.`;
      if (jobKey !== null) {
        this.parts.repos.jobs.markErrorThrown(jobKey, message || null);
        this.parts.incidents.raise(proc, from, 'UNHANDLED_ERROR_EVENT', msg, jobKey, { op: 'job' });
      } else {
        throw new IncidentError('UNHANDLED_ERROR_EVENT', msg);
      }
      return false;
    }
    if (jobKey !== null) this.parts.repos.jobs.delete(jobKey);
    const extra = { errorCode: code, errorMessage: message };
    if (c.kind === 'boundary') {
      const scope = this.parts.elements.scopeOf(c.activity);
      if (!this.parts.termination.element(c.activity, { op: 'activateBoundary', boundaryId: c.boundaryId, vars, extra })) return true;
      this.parts.lifecycle.activateTriggered(c.proc, c.boundaryId, scope, vars, extra);
    } else {
      this.parts.behaviours.eventSubProcess.start(c.proc, c.scope, c.eventSubId, true, vars, extra);
    }
    return true;
  }

  private findCatch(from: ElementRow, code: string): ErrorCatch | null {
    const { definitions, elements, repos } = this.parts;
    let current: ElementRow | undefined = from;
    const matches = (c: string | null | undefined) => !c || c === code;
    let first = true;
    while (current) {
      const proc = definitions.get(current.def);
      if (current.type !== 'PROCESS' && !elements.isInner(current)) {
        const el = proc.model.elements[current.element_id];
        if (el && (!first || el.kind !== 'endEvent')) {
          const candidates = el.boundaries.map((b) => proc.model.elements[b]).filter((b) => b && b.eventType === 'error');
          const exact = candidates.find((b) => b.errorCode === code) ?? candidates.find((b) => matches(b.errorCode));
          if (exact) return { kind: 'boundary', activity: current, boundaryId: exact.id, proc };
        }
      }
      first = false;
      // event subprocesses in the flow scope of the current element
      const scopeKey: number | null = current.type === 'PROCESS' ? null : (current.scope ?? null);
      if (scopeKey === null) {
        const inst = repos.instances.get(current.pi);
        current = inst?.parent_ei ? elements.find(inst.parent_ei) : undefined;
        continue;
      }
      const scope = elements.row(scopeKey);
      const subs =
        scope.type === 'PROCESS'
          ? proc.model.eventSubprocesses
          : scope.type === 'MULTI_INSTANCE_BODY'
            ? []
            : (proc.model.elements[scope.element_id]?.eventSubprocesses ?? []);
      const errorSubs = subs
        .map((id) => proc.model.elements[id])
        .map((s) => ({ s, start: s?.startEvent ? proc.model.elements[s.startEvent] : undefined }))
        .filter((x) => x.start && x.start.eventType === 'error');
      const hit = errorSubs.find((x) => x.start?.errorCode === code) ?? errorSubs.find((x) => matches(x.start?.errorCode));
      if (hit) return { kind: 'eventsub', scope, eventSubId: hit.s.id, proc };
      current = scope;
    }
    return null;
  }
}
