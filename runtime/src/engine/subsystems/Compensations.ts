import type { ElementRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';

/**
 * Compensation (Camunda 8.8). A compensation intermediate throw or end event compensates the completed activities of
 * its flow scope that have a compensation boundary event — only `activityRef` when it names one — and those inside the
 * scope's completed subprocesses, latest completed first, each once: their compensation handlers (the boundary
 * event's associated `isForCompensation` activity) are activated in the thrower's scope, and the thrower waits until
 * every handler has completed (`data.compensationPending`), then completes. Nothing to compensate: it completes at once.
 */
export class Compensations {
  constructor(private readonly parts: EngineParts) {}

  /** Starts the handlers; true when there are none (the thrower completes now). */
  throwCompensation(proc: ProcessDefinition, thrower: ElementRow, el: ElementDef): boolean {
    const { elements, lifecycle, incidents } = this.parts;
    const scope = elements.scopeOf(thrower);
    const targets = this.compensable(proc, scope.key, el.compensation?.activityRef);
    if (targets.length === 0) return true;
    const data = elements.data(elements.row(thrower.key));
    data.compensationPending = targets.length;
    elements.setData(thrower.key, data);
    for (const { row, def } of targets) {
      const done = elements.data(row);
      done.compensated = true;
      elements.setData(row.key, done);
      const handler = this.parts.definitions.element(proc, def.compensationHandler ?? '');
      const handlerRow = elements.insert(proc, handler, scope, handler.type, { compensationOf: thrower.key });
      incidents.guard(proc, handlerRow, { op: 'enter' }, () => lifecycle.enter(proc, handlerRow, handler));
    }
    return false;
  }

  /** A compensation handler completed: the thrower completes once all of its handlers have. */
  handlerCompleted(handler: ElementRow): void {
    const { elements } = this.parts;
    const throwerKey = elements.data(handler).compensationOf;
    const thrower = throwerKey === undefined ? undefined : elements.find(throwerKey);
    if (!thrower || thrower.state !== 'ACTIVE') return;
    const data = elements.data(thrower);
    data.compensationPending = (data.compensationPending ?? 1) - 1;
    elements.setData(thrower.key, data);
    if (data.compensationPending > 0) return;
    const proc = this.parts.definitions.get(thrower.def);
    const el = this.parts.definitions.element(proc, thrower.element_id);
    this.parts.incidents.guard(proc, thrower, { op: 'complete' }, () => this.parts.lifecycle.complete(proc, thrower, el));
  }

  /** Completed, not yet compensated activities with a handler in a scope and its completed subprocesses, latest first. */
  private compensable(proc: ProcessDefinition, scopeKey: number, activityRef: string | undefined): Array<{ row: ElementRow; def: ElementDef }> {
    const out: Array<{ row: ElementRow; def: ElementDef }> = [];
    for (const row of this.parts.repos.elements.completedChildren(scopeKey)) {
      const def = proc.model.elements[row.element_id];
      if (!def) continue;
      if (def.compensationHandler && !this.parts.elements.data(row).compensated && (!activityRef || activityRef === def.id)) out.push({ row, def });
      if (!activityRef && row.type === 'SUB_PROCESS') out.push(...this.compensable(proc, row.key, undefined));
    }
    return out;
  }
}
