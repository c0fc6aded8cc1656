import type { Variables } from '../../broker/types';
import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import type { ElementData } from '../state/ElementInstances';
import { IncidentError } from '../state/IncidentError';
import { Behaviour } from './ElementBehaviour';

/**
 * Multi-instance activity: the table's entry for a MULTI_INSTANCE_BODY instance. The body opens the
 * boundary events, evaluates `inputCollection` and starts one inner instance per item (all at once,
 * or one after another when sequential) with local `inputElement` and `loopCounter`; each inner
 * instance runs the activity's own behaviour. `outputCollection` is local on the body, filled by
 * index, and propagated when the body completes; a true `completionCondition` ends it early.
 */
export class MultiInstanceBehaviour extends Behaviour {
  enter(proc: ProcessDefinition, body: ElementRow, el: ElementDef): void {
    const loop = el.loop;
    if (!loop) return;
    const { elements, variables } = this.parts;
    this.parts.behaviours.boundaryEvent.attach(proc, body, el);
    const collection = this.parts.feel.evaluate(loop.inputCollection, variables.visible(body.key));
    if (!Array.isArray(collection)) {
      throw new IncidentError(
        'EXTRACT_VALUE_ERROR',
        `Expected result of the expression '${loop.inputCollection}' to be 'ARRAY', but was '${collection === null ? 'NULL' : typeof collection}'. Element '${el.id}'.`,
      );
    }
    const data: ElementData = { mi: { items: collection, next: 0, completed: 0, total: collection.length } };
    elements.setData(body.key, data);
    body.data = JSON.stringify(data);
    if (loop.outputCollection) variables.setLocal(body.key, body.pi, { [loop.outputCollection]: collection.map(() => null) }, proc.tenant);
    if (collection.length === 0) {
      this.completeNow(proc, body, el);
      return;
    }
    const n = loop.sequential ? 1 : collection.length;
    for (let i = 0; i < n; i++) this.startInner(proc, body, el);
  }

  private startInner(proc: ProcessDefinition, bodyIn: ElementRow, el: ElementDef) {
    const { elements } = this.parts;
    const body = elements.row(bodyIn.key);
    const data = elements.data(body);
    const mi = data.mi;
    if (!mi || mi.next >= mi.total) return;
    const index = mi.next;
    mi.next += 1;
    elements.setData(body.key, data);
    const inner = elements.insert(proc, el, body, el.type, { inner: true });
    const local: Variables = { loopCounter: index + 1 };
    if (el.loop?.inputElement) local[el.loop.inputElement] = mi.items[index];
    this.parts.variables.setLocal(inner.key, inner.pi, local, proc.tenant);
    this.parts.incidents.guard(proc, inner, { op: 'enter' }, () => this.parts.lifecycle.enter(proc, inner, el));
  }

  /** An inner instance completed: collect its output, then start the next, complete the body, or wait. */
  innerCompleted(proc: ProcessDefinition, inner: ElementRow, el: ElementDef): void {
    const { elements, variables } = this.parts;
    const body = elements.scopeOf(inner);
    if (body.state !== 'ACTIVE') return;
    const loop = el.loop;
    const data = elements.data(body);
    const mi = data.mi;
    if (!loop || !mi) return;
    mi.completed += 1;
    elements.setData(body.key, data);
    const innerVars = variables.visible(inner.key);
    if (loop.outputCollection && loop.outputElement) {
      const value = this.parts.feel.evaluate(loop.outputElement, innerVars);
      const current = variables.local(body.key)[loop.outputCollection];
      const list = Array.isArray(current) ? [...current] : [];
      const idx = Number(variables.local(inner.key).loopCounter ?? mi.completed) - 1;
      list[idx] = value;
      variables.setLocal(body.key, body.pi, { [loop.outputCollection]: list }, proc.tenant);
    }
    if (loop.completionCondition) {
      const done = this.parts.feel.evaluateRaw(loop.completionCondition, variables.visible(body.key));
      if (done === true) {
        if (this.parts.termination.children(body, { op: 'completeBody' })) this.completeNow(proc, body, el);
        return;
      }
    }
    if (loop.sequential && mi.next < mi.total) {
      this.startInner(proc, body, el);
      return;
    }
    if (mi.completed >= mi.total && this.parts.repos.elements.countActiveChildren(body.key) === 0) this.completeNow(proc, body, el);
  }

  /** The body completed: its output collection goes to the enclosing scopes. */
  bodyCompleted(proc: ProcessDefinition, body: ElementRow, el: ElementDef): void {
    const oc = el.loop?.outputCollection;
    if (!oc) return;
    const local = this.parts.variables.local(body.key);
    this.parts.variables.propagate(body.scope ?? body.pi, body.pi, { [oc]: local[oc] ?? [] }, proc.tenant);
  }

  /** Before an inner instance is entered again (incident resolved): its input element from the body's items. */
  restoreInputElement(proc: ProcessDefinition, inner: ElementRow, el: ElementDef): void {
    const body = this.parts.elements.scopeOf(inner);
    const mi = this.parts.elements.data(body).mi;
    const counter = Number(this.parts.repos.variables.loopCounter(inner.key) ?? 1);
    if (el.loop?.inputElement && mi) this.parts.variables.setLocal(inner.key, inner.pi, { [el.loop.inputElement]: mi.items[counter - 1] }, proc.tenant);
  }
}
