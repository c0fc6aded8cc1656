/**
 * DMN through @camunda8/sdk (issue #14): a `.dmn` deployed with /v2/deployments, every hit policy and aggregation
 * evaluated by POST /v2/decision-definitions/evaluation with outputs worked out by hand, and business rule tasks
 * (`zeebe:calledDecision`) whose result lands in their result variable, with Camunda's incidents when the decision is
 * missing or fails.
 *
 * The tables of api-hit-policies.dmn (input `amount`):
 *   fee_*            r1 `< 100` → 5, r2 `>= 50` → 10, r3 `[20..200]` → 7, r4 `> 300` → 1
 *   level_*          r1 `> 100` → "medium", r2 `> 400` → "high", r3 `-` → "low" (output values "high","medium","low")
 *   size_unique      `< 50` → "small", `[50..100]` → "medium", `> 100` → "large"
 *   size_unique_overlap `< 100` → "a", `> 50` → "b"
 *   answer_any       `> 10` → "yes", `> 20` → "yes", `> 300` → "no"
 *   route (FIRST)    `> 100` → team "ops", priority 1; `-` → team "desk", priority 3
 *   fee_total        literal `fee_sum * 2`, requires fee_sum
 * Matching rules by amount: 60 → fee r1 r2 r3 (5, 10, 7); 10 → r1 (5); 500 → r2 r4 (10, 1); null → none.
 */
import { readFileSync } from 'node:fs';
import { fixture, raw, runtimeWithFixtures } from './support/localRuntime';

describe('DMN decisions and business rule tasks through the SDK', () => {
  const rt = runtimeWithFixtures(['api-hit-policies.dmn', 'api-business-rule.bpmn']);

  const evaluate = (decisionDefinitionId: string, amount: number | null) => rt.client.evaluateDecision({ decisionDefinitionId, variables: { amount } } as never);

  const cases: Array<[string, number | null, unknown]> = [
    // FIRST: the first matching rule in rule order
    ['fee_first', 60, 5],
    ['fee_first', 500, 10],
    ['fee_first', null, null],
    // RULE ORDER and COLLECT: every match, in rule order; none → []
    ['fee_rule_order', 60, [5, 10, 7]],
    ['fee_rule_order', 500, [10, 1]],
    ['fee_rule_order', null, []],
    ['fee_collect', 60, [5, 10, 7]],
    ['fee_collect', 10, [5]],
    // COLLECT SUM / MIN / MAX / COUNT: 5+10+7 = 22, 10+1 = 11; none: null, COUNT 0
    ['fee_sum', 60, 22],
    ['fee_sum', 500, 11],
    ['fee_sum', null, null],
    ['fee_min', 60, 5],
    ['fee_min', 500, 1],
    ['fee_max', 60, 10],
    ['fee_max', 10, 5],
    ['fee_count', 60, 3],
    ['fee_count', 500, 2],
    ['fee_count', null, 0],
    // PRIORITY: the match whose output comes first in "high","medium","low"; OUTPUT ORDER: all of them in that order
    ['level_priority', 500, 'high'],
    ['level_priority', 250, 'medium'],
    ['level_priority', 60, 'low'],
    ['level_output_order', 500, ['high', 'medium', 'low']],
    ['level_output_order', 250, ['medium', 'low']],
    // UNIQUE: exactly one match (or none)
    ['size_unique', 10, 'small'],
    ['size_unique', 60, 'medium'],
    ['size_unique', 500, 'large'],
    ['size_unique_overlap', 10, 'a'],
    // ANY: matches agree
    ['answer_any', 60, 'yes'],
    ['answer_any', 5, null],
    // two outputs: a context
    ['route', 500, { team: 'ops', priority: 1 }],
    ['route', 60, { team: 'desk', priority: 3 }],
    // a literal expression over a required decision: (10 + 1) * 2
    ['fee_total', 500, 22],
  ];

  test.each(cases)('%s with amount %p evaluates to %j', async (decisionId, amount, expected) => {
    // given the deployed decisions / when
    const result = await evaluate(decisionId, amount);
    // then
    expect(result.failureMessage).toBe('');
    expect(JSON.parse(result.output)).toEqual(expected);
    expect(result.decisionDefinitionId).toBe(decisionId);
  });

  test('the evaluation reports the evaluated inputs and the matched rules of each decision, required decisions first', async () => {
    // given / when
    const result = await evaluate('fee_total', 60);
    // then
    expect(result.evaluatedDecisions.map((d) => [d.decisionDefinitionId, d.decisionDefinitionType, d.output])).toEqual([
      ['fee_sum', 'DECISION_TABLE', '22'],
      ['fee_total', 'LITERAL_EXPRESSION', '44'],
    ]);
    const sum = result.evaluatedDecisions[0];
    expect(sum.evaluatedInputs).toEqual([{ inputId: 'fee_sum_amount', inputName: 'Amount', inputValue: '60' }]);
    expect(sum.matchedRules.map((r) => [r.ruleId, r.ruleIndex, r.evaluatedOutputs.map((o) => o.outputValue)])).toEqual([
      ['fee_sum_r1', 1, ['5']],
      ['fee_sum_r2', 2, ['10']],
      ['fee_sum_r3', 3, ['7']],
    ]);
  });

  test('UNIQUE with two matches and ANY with different outputs fail as Camunda reports it: failure message and failed decision, no output', async () => {
    // given / when
    const unique = await evaluate('size_unique_overlap', 60);
    const any = await evaluate('answer_any', 500);
    // then
    expect(unique.failedDecisionDefinitionId).toBe('size_unique_overlap');
    expect(unique.failureMessage).toMatch(/^Expected to evaluate decision 'size_unique_overlap', but multiple values aren't allowed for UNIQUE hit policy/);
    expect(any.failedDecisionDefinitionId).toBe('answer_any');
    expect(any.failureMessage).toMatch(/different values aren't allowed for ANY hit policy/);
  });

  test('an unknown decision is a 404 with Camunda\'s message; the deployment answered decision definitions and requirements', async () => {
    // given
    const deployment = await rt.client.deployResources([{ name: 'api-hit-policies.dmn', content: readFileSync(fixture('api-hit-policies.dmn'), 'utf8') }]);
    // when
    const missing = await raw(rt.runtime, 'POST', '/v2/decision-definitions/evaluation', JSON.stringify({ decisionDefinitionId: 'nope', variables: {} }));
    // then
    expect(missing.status).toBe(404);
    expect((missing.body as { detail: string }).detail).toBe("Expected to evaluate decision 'nope', but no decision found for id 'nope'");
    expect(deployment.decisions.map((d) => d.decisionDefinitionId)).toContain('fee_first');
    expect(deployment.decisionRequirements).toEqual([expect.objectContaining({ decisionRequirementsId: 'api_hit_policies', version: 1, resourceName: 'api-hit-policies.dmn' })]);
  });

  test('business rule tasks: the result in the result variable (FEEL decision id, output mapping), decision instances of the process instance with their matched rules', async () => {
    // given / when
    const pi = await rt.client.createProcessInstance({ processDefinitionId: 'api-business-rule', variables: { amount: 500, feeDecision: 'fee_sum' }, awaitCompletion: true } as never);
    // then
    const vars = (pi as unknown as { variables: Record<string, unknown> }).variables;
    expect(vars).toMatchObject({ routing: { team: 'ops', priority: 1 }, feeFromOutput: 11 });
    expect(vars).not.toHaveProperty('fee'); // with output mappings the result variable is local to the task, as in Camunda
    const found = await raw(rt.runtime, 'POST', '/v2/decision-instances/search', JSON.stringify({ filter: { processInstanceKey: pi.processInstanceKey } }));
    const items = (found.body as { items: Array<Record<string, unknown>> }).items;
    expect(items.map((i) => [i.decisionDefinitionId, i.state, i.result])).toEqual([
      ['route', 'EVALUATED', '{"team":"ops","priority":1}'],
      ['fee_sum', 'EVALUATED', '11'],
    ]);
    const one = await raw(rt.runtime, 'GET', `/v2/decision-instances/${String(items[0].decisionEvaluationInstanceKey)}`);
    expect(one.body).toMatchObject({ decisionDefinitionId: 'route', matchedRules: [{ ruleId: 'route_r1', ruleIndex: 1 }] });
  });

  test('a decision that is not deployed is a CALLED_DECISION_ERROR incident; a failing one a DECISION_EVALUATION_ERROR; resolved after the fix, the task evaluates again', async () => {
    // given
    const missing = await rt.client.createProcessInstance({ processDefinitionId: 'api-business-rule', variables: { amount: 500, feeDecision: 'not_deployed' } });
    const failing = await rt.client.createProcessInstance({ processDefinitionId: 'api-business-rule', variables: { amount: 60, feeDecision: 'size_unique_overlap' } });
    // when
    const incidentOf = async (processInstanceKey: string) => (await rt.client.searchIncidents({ filter: { processInstanceKey } } as never)).items[0];
    const notFound = await incidentOf(missing.processInstanceKey);
    const failed = await incidentOf(failing.processInstanceKey);
    // then
    expect(notFound).toMatchObject({ errorType: 'CALLED_DECISION_ERROR', elementId: 'BusinessRuleTask_Fee', errorMessage: "Expected to evaluate decision 'not_deployed', but no decision found for id 'not_deployed'" });
    expect(failed).toMatchObject({ errorType: 'DECISION_EVALUATION_ERROR', elementId: 'BusinessRuleTask_Fee' });
    expect(failed.errorMessage).toMatch(/^Expected to evaluate decision 'size_unique_overlap', but multiple values aren't allowed for UNIQUE hit policy/);
    // and when the variable is fixed and the incident resolved
    await rt.client.updateElementInstanceVariables({ elementInstanceKey: missing.processInstanceKey, variables: { feeDecision: 'fee_max' } } as never);
    await rt.client.resolveIncident(notFound.incidentKey);
    const after = await rt.client.searchProcessInstances({ filter: { processInstanceKey: missing.processInstanceKey } } as never);
    expect(after.items[0].state).toBe('COMPLETED');
  });
});
