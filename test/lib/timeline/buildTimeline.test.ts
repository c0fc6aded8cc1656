/** P7: the timeline of a disruption. */
import { buildTimeline } from '../../../lib/timeline/buildTimeline';
import type { InstanceDetail } from '../../../lib/timeline/DisruptionLoader';

function detail(key: string, start: string, end: string | null, elements: Array<[string, string, string, string | null]>): InstanceDetail {
  return {
    instance: { processInstanceKey: key, processDefinitionKey: '1', processDefinitionId: 'p', processDefinitionVersion: 3, state: end ? 'COMPLETED' : 'ACTIVE', startDate: start, endDate: end },
    definition: { processDefinitionKey: '1', processDefinitionId: 'p', name: 'Rutin', version: 3 },
    elements: new Map(),
    elementInstances: elements.map(([k, id, s, e]) => ({ elementInstanceKey: k, elementId: id, elementName: id, type: 'SERVICE_TASK', state: e ? 'COMPLETED' : 'ACTIVE', processInstanceKey: key, processDefinitionKey: '1', startDate: s, endDate: e })),
    incidents: [],
    userTasks: [],
    variables: {},
    decisions: new Map(),
  };
}

test('P7: the timeline is in time order, same instant in key order, an instance’s end after all of its steps', () => {
  // given a root instance and a called instance whose steps share instants
  const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 8, 0, s)).toISOString();
  const root = detail('100', t(0), null, [['101', 'B', t(5), t(6)], ['99999', 'late', t(9), null], ['102', 'A', t(1), t(2)]]);
  const child = detail('200', t(3), t(4), [['201', 'C1', t(3), t(4)], ['1000', 'C2', t(4), t(4)]]);

  // when the timeline is built
  const entries = buildTimeline({ root, children: [child] });

  // then it reads start, A, child start, C1, C2, child end, B, late
  expect(entries.map((e) => e.title)).toEqual(['Rutinen startade (Rutin v3)', 'A', 'Delprocess startade: Rutin v3', 'C1', 'C2', 'Delprocessen Rutin v3 avslutades', 'B', 'late']);
  expect(entries.filter((e) => e.inChild).length).toBe(4);
});

test('issue #14: a DMN decision shows its result and matched rules; signals and escalations are named as such', () => {
  // given an instance with a business rule task's decision, a signal catch and an escalation throw
  const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 8, 0, s)).toISOString();
  const d = detail('100', t(0), t(9), []);
  d.elements = new Map([
    ['Catch_Fix', { id: 'Catch_Fix', name: 'Fix deployed', bpmnType: 'bpmn:IntermediateCatchEvent', eventKinds: ['signal'], messageName: null, jobType: null, formId: null, headers: {}, documentation: null }],
    ['Throw_Major', { id: 'Throw_Major', name: 'Escalate', bpmnType: 'bpmn:IntermediateThrowEvent', eventKinds: ['escalation'], messageName: null, jobType: null, formId: null, headers: {}, documentation: null }],
  ]);
  d.elementInstances = [
    { elementInstanceKey: '101', elementId: 'Catch_Fix', elementName: 'Fix deployed', type: 'INTERMEDIATE_CATCH_EVENT', state: 'COMPLETED', processInstanceKey: '100', processDefinitionKey: '1', startDate: t(1), endDate: t(2) },
    { elementInstanceKey: '103', elementId: 'Throw_Major', elementName: 'Escalate', type: 'INTERMEDIATE_THROW_EVENT', state: 'COMPLETED', processInstanceKey: '100', processDefinitionKey: '1', startDate: t(4), endDate: t(4) },
  ];
  d.decisionInstances = [
    {
      decisionEvaluationInstanceKey: '102',
      decisionDefinitionId: 'route',
      decisionDefinitionName: 'Route',
      state: 'EVALUATED',
      evaluationDate: t(3),
      result: '{"team":"ops"}',
      elementInstanceKey: '102',
      matchedRules: [{ ruleId: 'route_r1', ruleIndex: 1, evaluatedOutputs: [{ outputName: 'team', outputValue: '"ops"' }] }],
    },
  ];

  // when the timeline is built
  const entries = buildTimeline({ root: d, children: [] }).filter((e) => e.kind !== 'instance');

  // then
  expect(entries.map((e) => [e.kind, e.title, e.detail])).toEqual([
    ['signal', 'Signal mottagen: Fix deployed', 'Mellanhändelse'],
    ['rule', 'Regelbeslut: Route → {"team":"ops"}', 'Matchade regler: Regel 1 (route_r1): team = "ops"'],
    ['escalation', 'Eskalering: Escalate', 'Mellanhändelse'],
  ]);
});
