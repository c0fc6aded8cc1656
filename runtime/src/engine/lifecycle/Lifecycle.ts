import type { Variables } from '../../broker/types';
import type { ElementRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';

/**
 * The token flow every element shares: activate (row ACTIVE, input mappings, then the element's
 * behaviour from the table), complete (outgoing flows chosen by the behaviour, output mappings, waits
 * closed, flows taken), take a flow (a behaviour may hold the token, e.g. a parallel join), and
 * complete a scope when nothing in it is active any more.
 */
export class Lifecycle {
  constructor(private readonly parts: EngineParts) {}

  /** A token reaches an element (after any parallel join). */
  activate(proc: ProcessDefinition, elementId: string, scope: ElementRow): void {
    const { elements, incidents } = this.parts;
    const el = this.parts.definitions.element(proc, elementId);
    if (!elements.isActive(scope.key)) return;
    if (el.loop) {
      const body = elements.insert(proc, el, scope, 'MULTI_INSTANCE_BODY');
      incidents.guard(proc, body, { op: 'enter' }, () => this.enter(proc, body, el));
      return;
    }
    const row = elements.insert(proc, el, scope);
    incidents.guard(proc, row, { op: 'enter' }, () => this.enter(proc, row, el));
  }

  /** Input mappings (a multi-instance body has none: its inner instances map), start execution listeners, then the element's behaviour. */
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    const { variables } = this.parts;
    if (row.type !== 'MULTI_INSTANCE_BODY' && el.inputs.length > 0) {
      const values = variables.applyMappings(el.inputs, variables.visible(row.key));
      variables.setLocal(row.key, row.pi, values, proc.tenant);
    }
    if (row.type !== 'MULTI_INSTANCE_BODY' && this.parts.executionListeners.begin(proc, row, el, 'start', 'enter')) return;
    this.enterBehaviour(proc, row, el);
  }

  /** What the element itself does once it is entered (after its start listeners). */
  enterBehaviour(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    this.parts.behaviours.forInstance(row, el).enter(proc, row, el);
  }

  /** Activates an event that was triggered (boundary, gateway target, event subprocess start) and completes it. */
  activateTriggered(proc: ProcessDefinition, elementId: string, scope: ElementRow, vars: Variables, extraContext: Record<string, unknown>): void {
    const el = this.parts.definitions.element(proc, elementId);
    const row = this.parts.elements.insert(proc, el, scope);
    this.parts.incidents.guard(proc, row, { op: 'complete' }, () => {
      if (Object.keys(vars).length > 0) this.parts.variables.setCompletionVariables(row, el, vars, proc.tenant);
      this.complete(proc, row, el, extraContext);
    });
  }

  /** Completes an element: the behaviour's flow decision, output mappings, end execution listeners, then `leave`. */
  complete(proc: ProcessDefinition, row: ElementRow, el: ElementDef, extraContext: Record<string, unknown> = {}): void {
    const { variables, behaviours } = this.parts;
    const behaviour = behaviours.forInstance(row, el);
    const flows = behaviour.outgoing ? behaviour.outgoing(proc, row, el) : el.outgoing;
    if (el.outputs.length > 0 && row.type !== 'MULTI_INSTANCE_BODY') {
      const values = variables.applyMappings(el.outputs, { ...variables.visible(row.key), ...extraContext });
      variables.propagate(row.scope ?? row.pi, row.pi, values, proc.tenant);
    }
    if (row.type !== 'MULTI_INSTANCE_BODY' && this.parts.executionListeners.begin(proc, row, el, 'end', 'complete')) return;
    this.leave(proc, row, el, flows);
  }

  /** Leaves a completed element: its waits close, the outgoing flows are taken (`flows`: the behaviour's decision, default all). */
  leave(proc: ProcessDefinition, row: ElementRow, el: ElementDef, flowsIn?: string[]): void {
    const { elements, behaviours } = this.parts;
    const behaviour = behaviours.forInstance(row, el);
    const flows = flowsIn ?? (behaviour.outgoing ? behaviour.outgoing(proc, row, el) : el.outgoing);
    this.parts.waits.close(row.key);
    elements.markCompleted(row.key);
    row.state = 'COMPLETED';
    if (row.type === 'MULTI_INSTANCE_BODY') {
      behaviours.multiInstance.bodyCompleted(proc, row, el);
    } else if (elements.isInner(row)) {
      behaviours.multiInstance.innerCompleted(proc, row, el);
      return;
    }
    if (row.type === 'PROCESS') return;
    if (row.data && elements.data(row).compensationOf !== undefined) this.parts.compensations.handlerCompleted(row);
    const scope = elements.scopeOf(row);
    const jumps = behaviour.continueAt ? behaviour.continueAt(proc, row, el) : [];
    for (const fid of flows) this.takeFlow(proc, fid, scope);
    for (const id of jumps) this.activate(proc, id, scope);
    if (flows.length === 0 && jumps.length === 0) this.maybeCompleteScope(proc, scope);
  }

  /** A token moves over a sequence flow; the target's behaviour may hold it (parallel join). */
  takeFlow(proc: ProcessDefinition, flowId: string, scope: ElementRow): void {
    const flow = proc.model.flows[flowId];
    const target = this.parts.definitions.element(proc, flow.target);
    const behaviour = this.parts.behaviours.forElement(target);
    if (behaviour.arrive) behaviour.arrive(proc, flowId, scope, target);
    else this.activate(proc, target.id, scope);
  }

  /** Completes a scope (subprocess or process instance) once nothing in it is active and no join waits. */
  maybeCompleteScope(proc: ProcessDefinition, scopeIn: ElementRow): void {
    const { elements } = this.parts;
    const scope = elements.row(scopeIn.key);
    if (scope.state !== 'ACTIVE') return;
    if (scope.type === 'MULTI_INSTANCE_BODY') return;
    let joins = scope.data ? elements.data(scope).joins : undefined;
    if (joins) {
      // an inclusive join that no other token can reach any more goes on now
      this.parts.behaviours.inclusiveGateway.settle(proc, scope);
      const after = elements.row(scope.key);
      if (after.state !== 'ACTIVE') return;
      joins = elements.data(after).joins;
    }
    if (this.parts.repos.elements.countActiveChildren(scope.key) > 0) return;
    if (joins && Object.keys(joins).length > 0) return;
    if (scope.type === 'PROCESS') {
      if (this.parts.executionListeners.begin(proc, scope, null, 'end', 'completeProcess')) return;
      this.parts.instanceLifecycle.complete(scope);
      return;
    }
    const el = this.parts.definitions.element(proc, scope.element_id);
    this.parts.incidents.guard(proc, scope, { op: 'complete' }, () => this.complete(proc, scope, el));
  }
}
