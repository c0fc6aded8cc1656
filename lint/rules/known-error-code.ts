import { is } from 'bpmnlint-utils';
import { ERROR_CODES } from '../../contract';
import type { RuleFactory } from '../types';

const CODES: string[] = Object.values(ERROR_CODES);

/** Every BPMN error has an error code that a worker can throw (contract/errors.ts). */
const rule: RuleFactory = () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:Error')) return;
    const code = node.get('errorCode') as string | undefined;
    if (!code) reporter.report(node.id, 'Error must have an error code');
    else if (!CODES.includes(code)) reporter.report(node.id, `Error code <${code}> is not in the contract (contract/errors.ts)`);
  },
});
export default rule;
