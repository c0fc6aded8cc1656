import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Linter, type LintReport } from 'bpmnlint';
import { ProjectResolver } from '../../lint/linter';
import { parseBpmn } from '../../lint/moddle';
import { LOCAL_RULES } from '../../lint/plugin';

const FIXTURES = path.join(__dirname, '../../lint/fixtures');

async function lintWith(rule: string, fixture: 'valid' | 'invalid'): Promise<LintReport[]> {
  const xml = readFileSync(path.join(FIXTURES, rule, `${fixture}.bpmn`), 'utf8');
  const { rootElement, warnings } = await parseBpmn(xml);
  expect(warnings).toEqual([]);
  const linter = new Linter({ resolver: new ProjectResolver() });
  const results = await linter.lint(rootElement, { rules: { [`local/${rule}`]: 'error' } });
  return results[`local/${rule}`] ?? [];
}

/** For each local rule: the elements of its invalid fixture that must be reported, and a word of each message. */
const EXPECTED: Record<string, [string, RegExp][]> = {
  'user-task-form-and-group': [
    ['UserTask_NoForm', /must link a Camunda Form/],
    ['UserTask_UnknownForm', /<no-such-form> is not in the contract/],
    ['UserTask_NoGroups', /must have candidate groups/],
    ['UserTask_UnknownGroup', /<janitors> is not a role/],
    ['UserTask_JobWorkerTask', /must be a Camunda user task/],
  ],
  'known-job-type': [
    ['ServiceTask_UnknownType', /<send-fax> is not defined in the contract/],
    ['ServiceTask_NoType', /must have a job type/],
    ['ServiceTask_UnknownTemplate', /Header template of job type <notify-role>/],
    ['ServiceTask_MissingRole', /Header role of job type <notify-role>/],
    ['ServiceTask_ExtraHeader', /job type <contact-vendor>/],
    ['ServiceTask_ListenerType', /<verify-notice-approver> is a task listener of the contract/],
    ['UserTask_UnknownListener', /<audit-completion> is not a task listener of the contract/],
    ['UserTask_ApproveNotice', /belongs on UserTask_ApproveNotice at eventType="completing"/],
  ],
  'valid-timer': [
    ['Timer_Words', /not an ISO 8601 duration/],
    ['Timer_BrokenFeel', /FEEL/],
    ['Timer_BadCycle', /not an ISO 8601 repeating interval/],
    ['Timer_NoOffset', /not an ISO 8601 date-time with offset/],
    ['Timer_Empty', /exactly one of timeDate, timeDuration, timeCycle|is empty/],
  ],
  'message-correlated-on-disruption': [
    ['Message_Unknown', /<sesam-exploded> is not in the contract/],
    ['Message_NoKey', /correlationKey="=disruptionId" \(is missing\)/],
    ['Message_WrongKey', /\(is <=reportId>\)/],
  ],
  'documentation-names-rules': [
    ['Task_Undocumented', /must name the rule ids/],
    ['Task_UnknownRule', /<R23>, which is not a rule/],
    ['Gateway_Question', /must name the rule ids/],
  ],
  'known-called-process': [
    ['CallActivity_Unknown', /<some-other-process> is not a process of the routine/],
    ['CallActivity_Missing', /must name the called process/],
  ],
  'known-error-code': [
    ['Error_Unknown', /<SOMETHING_ELSE> is not in the contract/],
    ['Error_NoCode', /must have an error code/],
  ],
  'element-id-convention': [
    ['StartEvent_1', /StartEvent_PascalCaseName/],
    ['Activity_0x1abc', /UserTask_PascalCaseName/],
    ['gateway_lower', /Gateway_PascalCaseName/],
    ['SequenceFlow_1', /Flow_PascalCaseName/],
  ],
};

describe('local bpmnlint rules (lint/rules) – each fails on its invalid fixture', () => {
  it('every local rule has a fixture pair and an expectation', () => {
    // given the local plugin
    // when listing its rules
    const rules = Object.keys(LOCAL_RULES).sort();
    // then each has an entry here (and fixtures, read below)
    expect(Object.keys(EXPECTED).sort()).toEqual(rules);
  });

  describe.each(Object.keys(EXPECTED))('local/%s', (rule) => {
    it('passes its valid fixture', async () => {
      // given the valid fixture
      // when linted with only this rule
      const reports = await lintWith(rule, 'valid');
      // then nothing is reported
      expect(reports).toEqual([]);
    });

    it('fails its invalid fixture on exactly the broken elements', async () => {
      // given the invalid fixture
      // when linted with only this rule
      const reports = await lintWith(rule, 'invalid');
      // then every broken element is reported with the right message, and nothing else
      for (const [id, message] of EXPECTED[rule]) {
        expect(reports.filter((r) => r.id === id).map((r) => r.message)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
      }
      expect([...new Set(reports.map((r) => r.id))].sort()).toEqual(EXPECTED[rule].map(([id]) => id).sort());
    });
  });
});
