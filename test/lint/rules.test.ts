/**
 * The project's own bpmnlint rules (lint/rules), each run by bpmnlint's RuleTester on its fixture pair in
 * lint/fixtures/<rule>/: the valid fixture gives no report, the invalid one exactly the reports below (element,
 * message, order) and nothing else.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { verify, type InvalidReport } from 'bpmnlint/lib/testers/rule-tester';
import type { z } from 'zod';
import { JOB_CONTRACTS } from '../../contract';
import { parseBpmn } from '../../lint/moddle';
import { LOCAL_RULES } from '../../lint/plugin';

const FIXTURES = path.join(__dirname, '../../lint/fixtures');

async function parseFixture(rule: string, fixture: 'valid' | 'invalid') {
  return parseBpmn(readFileSync(path.join(FIXTURES, rule, `${fixture}.bpmn`), 'utf8'));
}

/** The moddle root RuleTester lints (read with the zeebe extension, as the models are). */
function moddleOf(rule: string, fixture: 'valid' | 'invalid'): Promise<{ root: unknown }> {
  const loaded = parseFixture(rule, fixture).then(({ rootElement }) => ({ root: rootElement }));
  loaded.catch(() => undefined); // a broken fixture fails its test case, not the whole run
  return loaded;
}

/** zod's word on a header value (the rule quotes it; the lists it names come from the contract). */
function zodSays(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value);
  if (result.success) throw new Error(`expected zod to refuse ${JSON.stringify(value)}`);
  return result.error.issues[0].message;
}

const notifyRole = JOB_CONTRACTS['notify-role'].headers;

/** For each local rule: the reports of its invalid fixture, in order. */
const REPORTS: Record<string, InvalidReport[]> = {
  'user-task-form-and-group': [
    { id: 'UserTask_NoForm', message: 'User task must link a Camunda Form with <zeebe:formDefinition formId="..."/>' },
    { id: 'UserTask_UnknownForm', message: 'Form id <no-such-form> is not in the contract (contract/forms.ts)' },
    { id: 'UserTask_NoGroups', message: 'User task must have candidate groups (<zeebe:assignmentDefinition candidateGroups="..."/>)' },
    { id: 'UserTask_UnknownGroup', message: 'Candidate group <janitors> is not a role of the routine (contract/roles.ts)' },
    { id: 'UserTask_JobWorkerTask', message: 'User task must be a Camunda user task (<zeebe:userTask />)' },
  ],
  'known-job-type': [
    { id: 'ServiceTask_UnknownType', message: 'Job type <send-fax> is not defined in the contract (contract/jobTypes.ts)' },
    { id: 'ServiceTask_NoType', message: 'Service task must have a job type (<zeebe:taskDefinition type="..."/>)' },
    { id: 'ServiceTask_UnknownTemplate', message: `Header template of job type <notify-role>: ${zodSays(notifyRole.shape.template, 'hello-world')}` },
    { id: 'ServiceTask_MissingRole', message: `Header role of job type <notify-role>: ${zodSays(notifyRole.shape.role, undefined)}` },
    { id: 'ServiceTask_ExtraHeader', message: `Header (headers) of job type <contact-vendor>: ${zodSays(JOB_CONTRACTS['contact-vendor'].headers.strict(), { vendor: 'visma' })}` },
    { id: 'ServiceTask_ListenerType', message: "Job type <verify-notice-approver> is a task listener of the contract, not a service task's job type" },
    { id: 'UserTask_UnknownListener', message: 'Task listener job type <audit-completion> is not a task listener of the contract (contract/jobTypes.ts, TASK_LISTENER_JOB_TYPES)' },
    { id: 'UserTask_ApproveNotice', message: 'Task listener <verify-notice-approver> belongs on UserTask_ApproveNotice at eventType="completing" (is UserTask_ApproveNotice, eventType="assigning")' },
  ],
  'valid-timer': [
    { id: 'Timer_Words', message: 'Timer timeDuration <4 hours> is not an ISO 8601 duration (e.g. PT4H)' },
    { id: 'Timer_BrokenFeel', message: 'Timer timeDate FEEL <=date and time(reportedAt) +>: error: Incomplete <ArithmeticExpression>' },
    { id: 'Timer_BadCycle', message: 'Timer timeCycle <every hour> is not an ISO 8601 repeating interval (e.g. R/PT1H)' },
    { id: 'Timer_NoOffset', message: 'Timer timeDate <2026-12-24T08:00:00> is not an ISO 8601 date-time with offset (e.g. 2026-12-24T08:00:00+01:00)' },
    { id: 'Timer_Empty', message: 'Timer timeDuration is empty' },
  ],
  'message-correlated-on-disruption': [
    { id: 'Message_Unknown', message: 'Message name <sesam-exploded> is not in the contract (contract/messages.ts)' },
    { id: 'Message_NoKey', message: 'Message <system-restored> must be correlated on the disruption: correlationKey="=disruptionId" (is missing)' },
    { id: 'Message_WrongKey', message: 'Message <prognosis-received> must be correlated on the disruption: correlationKey="=disruptionId" (is <=reportId>)' },
  ],
  'documentation-names-rules': [
    { id: 'Task_Undocumented', message: 'Documentation must name the rule ids it implements (e.g. "R17: ...")' },
    { id: 'Task_UnknownRule', message: 'Documentation names <R23>, which is not a rule of the routine (R1–R22, P1–P12, T1–T6)' },
    { id: 'Task_UnknownRule', message: 'Documentation must name the rule ids it implements (e.g. "R17: ...")' },
    { id: 'Gateway_Question', message: 'Documentation must name the rule ids it implements (e.g. "R17: ...")' },
  ],
  'known-called-process': [
    { id: 'CallActivity_Unknown', message: 'Called process <some-other-process> is not a process of the routine (contract/processes.ts)' },
    { id: 'CallActivity_Missing', message: 'Call activity must name the called process (<zeebe:calledElement processId="..."/>)' },
  ],
  'known-error-code': [
    { id: 'Error_Unknown', message: 'Error code <SOMETHING_ELSE> is not in the contract (contract/errors.ts)' },
    { id: 'Error_NoCode', message: 'Error must have an error code' },
  ],
  'element-id-convention': [
    { id: 'StartEvent_1', message: 'Id of bpmn:StartEvent must look like StartEvent_PascalCaseName' },
    { id: 'Activity_0x1abc', message: 'Id of bpmn:UserTask must look like UserTask_PascalCaseName' },
    { id: 'gateway_lower', message: 'Id of bpmn:Gateway must look like Gateway_PascalCaseName' },
    { id: 'SequenceFlow_1', message: 'Id of bpmn:SequenceFlow must look like Flow_PascalCaseName' },
  ],
};

describe('local bpmnlint rules (lint/rules) – each fails on its invalid fixture', () => {
  it('every local rule has a fixture pair and expected reports', () => {
    // given the local plugin
    // when listing its rules
    const rules = Object.keys(LOCAL_RULES).sort();
    // then each has reports here (and fixtures, read below)
    expect(Object.keys(REPORTS).sort()).toEqual(rules);
  });

  it.each(Object.keys(LOCAL_RULES).flatMap((rule) => [[rule, 'valid'] as const, [rule, 'invalid'] as const]))('%s: the %s fixture is BPMN with zeebe extensions and nothing unknown', async (rule, fixture) => {
    // given the fixture
    // when parsed as the models are
    const { warnings } = await parseFixture(rule, fixture);
    // then moddle knows every element and attribute
    expect(warnings).toEqual([]);
  });
});

// bpmnlint's RuleTester: describe `rules/<name>`, one case for lint/fixtures/<name>/valid.bpmn (no report) and one for
// invalid.bpmn (exactly REPORTS). A case's name must contain no `/`: the tester also resolves the rule by it.
for (const [name, rule] of Object.entries(LOCAL_RULES)) {
  verify(name, rule, {
    valid: [{ name: 'valid.bpmn', moddleElement: moddleOf(name, 'valid') }],
    invalid: [{ name: 'invalid.bpmn', moddleElement: moddleOf(name, 'invalid'), report: REPORTS[name] ?? [] }],
  });
}
