import { is, isAny } from 'bpmnlint-utils';
import { JOB_CONTRACTS, TASK_LISTENER_JOB_TYPES, type JobType } from '../../contract';
import type { RuleFactory } from '../types';
import { extension, extensions } from '../util';

/**
 * Every service task has a job type from the contract and the headers that job type's contract
 * requires (e.g. `role` and `template` for notify-role), with values the contract allows. Every task listener
 * (`zeebe:taskListener`) has a job type the contract declares as a task listener, on the user task and at the
 * event it is declared for; a task listener's job type is never a service task's.
 */
const rule: RuleFactory = () => ({
  check(node, reporter) {
    if (is(node, 'bpmn:UserTask')) {
      for (const listener of extensions(node, 'zeebe:TaskListeners').flatMap((l) => (l.get('listeners') as Array<{ get(k: string): unknown }>) ?? [])) {
        const type = listener.get('type') as string | undefined;
        const eventType = listener.get('eventType') as string | undefined;
        const declared = type ? TASK_LISTENER_JOB_TYPES[type as JobType] : undefined;
        if (!type) reporter.report(node.id, 'Task listener must have a job type (<zeebe:taskListener type="..."/>)');
        else if (!declared) reporter.report(node.id, `Task listener job type <${type}> is not a task listener of the contract (contract/jobTypes.ts, TASK_LISTENER_JOB_TYPES)`);
        else if (declared.eventType !== eventType || declared.elementId !== node.id) {
          reporter.report(node.id, `Task listener <${type}> belongs on ${declared.elementId} at eventType="${declared.eventType}" (is ${node.id}, eventType="${eventType ?? ''}")`);
        }
      }
      return;
    }
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
    if (TASK_LISTENER_JOB_TYPES[type as JobType]) {
      reporter.report(node.id, `Job type <${type}> is a task listener of the contract, not a service task's job type`);
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
