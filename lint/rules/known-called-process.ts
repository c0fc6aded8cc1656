import { is } from 'bpmnlint-utils';
import { PROCESSES } from '../../contract';
import type { RuleFactory } from '../types';
import { extension } from '../util';

const IDS: string[] = Object.values(PROCESSES);

/** Every call activity calls a process of the routine (contract/processes.ts = files in bpmn/). */
const rule: RuleFactory = () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:CallActivity')) return;
    const processId = extension(node, 'zeebe:CalledElement')?.get('processId') as string | undefined;
    if (!processId) reporter.report(node.id, 'Call activity must name the called process (<zeebe:calledElement processId="..."/>)');
    else if (!IDS.includes(processId)) reporter.report(node.id, `Called process <${processId}> is not a process of the routine (contract/processes.ts)`);
  },
});
export default rule;
