import { is } from 'bpmnlint-utils';
import type { RuleFactory } from '../types';
import { documentationOf, ruleIdsIn, RULE_IDS } from '../util';

/**
 * Every named flow element (task, event, gateway, subprocess) and every process says in its
 * `<bpmn:documentation>` which rules of the routine (R1–R22, P1–P12) it implements, and names
 * only rule ids that exist. Unnamed merge gateways are exempt.
 */
const rule: RuleFactory = () => ({
  check(node, reporter) {
    const isProcess = is(node, 'bpmn:Process');
    if (!isProcess && !is(node, 'bpmn:FlowNode')) return;
    if (!isProcess && !node.name && is(node, 'bpmn:Gateway')) return;
    const ids = ruleIdsIn(documentationOf(node));
    const unknown = ids.filter((id) => !RULE_IDS.includes(id));
    for (const id of unknown) reporter.report(node.id, `Documentation names <${id}>, which is not a rule of the routine (R1–R22, P1–P12, T1–T6)`);
    if (ids.length === unknown.length) {
      if (!node.name && is(node, 'bpmn:FlowNode')) return; // unnamed helper elements (e.g. inner start) need no rule
      reporter.report(node.id, 'Documentation must name the rule ids it implements (e.g. "R17: ...")');
    }
  },
});
export default rule;
