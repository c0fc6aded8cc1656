import { is } from 'bpmnlint-utils';
import { CANDIDATE_GROUPS, FORMS } from '../../contract';
import type { RuleFactory } from '../types';
import { extension } from '../util';

const FORM_IDS: string[] = Object.values(FORMS);

/**
 * Every user task is a Camunda user task (`zeebe:userTask`) with a linked Camunda Form
 * (`zeebe:formDefinition formId` of a form in the contract) and candidate groups that are roles of the routine.
 */
const rule: RuleFactory = () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) return;
    if (!extension(node, 'zeebe:UserTask')) reporter.report(node.id, 'User task must be a Camunda user task (<zeebe:userTask />)');
    const form = extension(node, 'zeebe:FormDefinition');
    const formId = form?.get('formId') as string | undefined;
    if (!formId) reporter.report(node.id, 'User task must link a Camunda Form with <zeebe:formDefinition formId="..."/>');
    else if (!FORM_IDS.includes(formId)) reporter.report(node.id, `Form id <${formId}> is not in the contract (contract/forms.ts)`);
    const assignment = extension(node, 'zeebe:AssignmentDefinition');
    const groups = String(assignment?.get('candidateGroups') ?? '')
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean);
    if (groups.length === 0) reporter.report(node.id, 'User task must have candidate groups (<zeebe:assignmentDefinition candidateGroups="..."/>)');
    for (const g of groups) {
      if (!CANDIDATE_GROUPS.includes(g as (typeof CANDIDATE_GROUPS)[number])) {
        reporter.report(node.id, `Candidate group <${g}> is not a role of the routine (contract/roles.ts)`);
      }
    }
  },
});
export default rule;
