import { is } from 'bpmnlint-utils';
import { MESSAGES } from '../../contract';
import type { RuleFactory } from '../types';
import { extension } from '../util';

const NAMES: string[] = Object.values(MESSAGES);

/**
 * Every message is one the contract defines and is correlated on the disruption
 * (`<zeebe:subscription correlationKey="=disruptionId"/>`), so a message reaches exactly its disruption.
 */
const rule: RuleFactory = () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:Message')) return;
    const name = node.name;
    if (!name) reporter.report(node.id, 'Message must have a name');
    else if (!NAMES.includes(name)) reporter.report(node.id, `Message name <${name}> is not in the contract (contract/messages.ts)`);
    const key = extension(node, 'zeebe:Subscription')?.get('correlationKey');
    if (key !== '=disruptionId') {
      reporter.report(node.id, `Message <${name ?? node.id}> must be correlated on the disruption: correlationKey="=disruptionId" (is ${key === undefined ? 'missing' : `<${String(key)}>`})`);
    }
  },
});
export default rule;
