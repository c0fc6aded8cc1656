import type { Variables } from '../../broker/types';
import { Feel } from '../../feel/Feel';
import type { ElementRow } from '../../store/rows';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { IncidentError } from '../state/IncidentError';
import { Behaviour } from './ElementBehaviour';

/**
 * Call activity: starts a child instance of the bound version of `processId` (literal or FEEL; binding
 * latest, deployment or versionTag) with every visible variable (`propagateAllParentVariables`) or only
 * its input mappings, and completes when the child completes, taking the child's root variables
 * (`propagateAllChildVariables`) through its output mappings. CALLED_ELEMENT_ERROR when nothing is bound.
 */
export class CallActivityBehaviour extends Behaviour {
  enter(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    this.attachBoundaries(proc, row, el);
    this.callProcess(proc, row, el);
  }

  private callProcess(proc: ProcessDefinition, row: ElementRow, el: ElementDef) {
    const ce = el.calledElement;
    if (!ce) return;
    const { variables, definitions } = this.parts;
    const vars = variables.visible(row.key);
    const pid = Feel.isExpression(ce.processId) ? this.parts.feel.evaluate(ce.processId, vars) : ce.processId;
    if (typeof pid !== 'string' || !pid) throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected the called element expression '${ce.processId}' to be a string. Element '${el.id}'.`);
    const binding = ce.binding ?? { type: 'latest' };
    const d = definitions.boundProcess(pid, binding, proc);
    if (!d) {
      const how = binding.type === 'deployment' ? ' in the same deployment' : binding.type === 'versionTag' ? ` with version tag '${binding.versionTag}'` : '';
      throw new IncidentError('CALLED_ELEMENT_ERROR', `Expected process with BPMN process id '${pid}'${how} to be deployed, but not found.`);
    }
    const child = definitions.get(d.key);
    if (!child.model.noneStart) throw new IncidentError('CALLED_ELEMENT_ERROR', `Expected process with BPMN process id '${pid}' to have a none start event, but not found.`);
    const childVars = ce.propagateAllParentVariables ? vars : variables.local(row.key);
    this.parts.instanceLifecycle.start(child, childVars, { parent: row });
  }

  /** The child instance started by call activity instance `callActivityKey` completed with root variables `vars`. */
  childCompleted(callActivityKey: number, vars: Variables): void {
    const ca = this.parts.elements.find(callActivityKey);
    if (!ca || ca.state !== 'ACTIVE') return;
    const { variables } = this.parts;
    const parent = this.parts.definitions.get(ca.def);
    const el = this.parts.definitions.element(parent, ca.element_id);
    this.parts.incidents.guard(parent, ca, { op: 'complete' }, () => {
      if (el.calledElement?.propagateAllChildVariables !== false) variables.setCompletionVariables(ca, el, vars, parent.tenant);
      else if (el.outputs.length > 0) variables.setLocal(ca.key, ca.pi, vars, parent.tenant);
      this.parts.lifecycle.complete(parent, ca, el);
    });
  }
}
