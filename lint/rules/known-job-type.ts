import { isAny } from 'bpmnlint-utils';
import { JOB_CONTRACTS, type JobType } from '../../contract';
import type { RuleFactory } from '../types';
import { extension, extensions } from '../util';

/**
 * Every service task has a job type from the contract and the headers that job type's contract
 * requires (e.g. `role` and `template` for notify-role), with values the contract allows.
 */
const rule: RuleFactory = () => ({
  check(node, reporter) {
    if (!isAny(node, ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask', 'bpmn:ScriptTask'])) return;
    const def = extension(node, 'zeebe:TaskDefinition');
    const type = def?.get('type') as string | undefined;
    if (!type) {
      reporter.report(node.id, 'Service task must have a job type (<zeebe:taskDefinition type="..."/>)');
      return;
    }
    if (!(type in JOB_CONTRACTS)) {
      reporter.report(node.id, `Job type <${type}> is not defined in the contract (contract/jobTypes.ts)`);
      return;
    }
    const headers: Record<string, string> = {};
    for (const h of extensions(node, 'zeebe:TaskHeaders').flatMap((t) => (t.get('values') as { key: string; value: string }[]) ?? [])) {
      headers[h.key] = h.value;
    }
    const parsed = JOB_CONTRACTS[type as JobType].headers.strict().safeParse(headers);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        reporter.report(node.id, `Header ${issue.path.join('.') || '(headers)'} of job type <${type}>: ${issue.message}`);
      }
    }
  },
});
export default rule;
