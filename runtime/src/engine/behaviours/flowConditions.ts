import type { Feel, FeelContext } from '../../feel/Feel';
import type { ElementDef, FlowDef } from '../model/ProcessModel';
import { IncidentError } from '../state/IncidentError';

/** A sequence flow's condition as Zeebe evaluates it at a gateway: true or false; anything else is a CONDITION_ERROR. */
export function conditionHolds(feel: Pick<Feel, 'evaluateRaw'>, el: ElementDef, flowId: string, condition: string, vars: FeelContext): boolean {
  const v = feel.evaluateRaw(condition, vars);
  if (typeof v !== 'boolean') {
    throw new IncidentError(
      'CONDITION_ERROR',
      `Expected result of the expression '${condition}' to be 'BOOLEAN', but was '${v === null || v === undefined ? 'NULL' : typeof v}'. Element '${el.id}', sequence flow '${flowId}'.`,
    );
  }
  return v;
}

/** No condition of the gateway was true and it has no default flow: Zeebe's CONDITION_ERROR incident. */
export function noConditionTrue(el: ElementDef, flows: Record<string, FlowDef>): IncidentError {
  return new IncidentError(
    'CONDITION_ERROR',
    `Expected at least one condition to evaluate to true, or to have a default flow. Element '${el.id}', conditions: ${el.outgoing
      .map((f) => flows[f].condition)
      .filter(Boolean)
      .join(', ')}`,
  );
}
