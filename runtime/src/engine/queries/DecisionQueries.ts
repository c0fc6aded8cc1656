import { Problem } from '../../broker/Problem';
import type { DecisionDefinitionRecord, DecisionInstanceRecord, DecisionRequirementsRecord, Key } from '../../broker/types';
import type { DecisionInstanceRow } from '../../store/rows';
import { parseKey } from '../command/input';
import type { EngineParts } from '../EngineParts';
import type { EvaluatedDecision } from '../dmn/DecisionEvaluator';

/** Read side of DMN: decision definitions, decision requirements (with their XML) and decision instances. */
export class DecisionQueries {
  constructor(private readonly parts: EngineParts) {}

  decisionDefinitions(): DecisionDefinitionRecord[] {
    return this.parts.repos.decisions.listDecisions().map((d) => ({
      decisionDefinitionKey: String(d.key),
      decisionDefinitionId: d.decision_id,
      name: d.name ?? d.decision_id,
      version: d.version,
      decisionRequirementsId: d.drg_id,
      decisionRequirementsKey: String(d.drg_key),
      tenantId: d.tenant,
    }));
  }

  decisionRequirements(): DecisionRequirementsRecord[] {
    return this.parts.repos.decisions.listRequirements().map((r) => ({
      decisionRequirementsKey: String(r.key),
      decisionRequirementsId: r.drg_id,
      decisionRequirementsName: r.name ?? r.drg_id,
      version: r.version,
      resourceName: r.resource_name,
      tenantId: r.tenant,
    }));
  }

  decisionRequirementsXml(key: Key): string {
    const row = this.parts.repos.decisions.requirements(parseKey(key, 'decisionRequirementsKey'));
    if (!row || row.deleted) throw Problem.notFound(`Decision requirements with key '${key}' not found`);
    return row.xml;
  }

  decisionInstances(filter: { processInstanceKey?: Key } = {}): DecisionInstanceRecord[] {
    const { decisions } = this.parts.repos;
    const rows = filter.processInstanceKey !== undefined ? decisions.instancesOf(parseKey(filter.processInstanceKey, 'processInstanceKey')) : decisions.instances();
    const defs = new Map(decisions.listDecisions().map((d) => [d.key, d]));
    return rows.map((r) => this.record(r, defs.get(r.decision_key)));
  }

  private record(r: DecisionInstanceRow, d: ReturnType<EngineParts['repos']['decisions']['decision']>): DecisionInstanceRecord {
    const inputs = JSON.parse(r.inputs) as EvaluatedDecision['inputs'];
    const matched = JSON.parse(r.matched) as EvaluatedDecision['matchedRules'];
    const type = d ? this.parts.decisions.graph(d.drg_key).decisions.find((x) => x.id === d.decision_id)?.type : undefined;
    return {
      decisionEvaluationInstanceKey: r.id,
      decisionEvaluationKey: String(r.key),
      state: r.state,
      evaluationDate: r.evaluation_date,
      evaluationFailure: r.failure,
      processDefinitionKey: r.def === null ? null : String(r.def),
      processInstanceKey: r.pi === null ? null : String(r.pi),
      elementInstanceKey: r.ei === null ? null : String(r.ei),
      elementId: r.element_id,
      decisionDefinitionKey: String(r.decision_key),
      decisionDefinitionId: d?.decision_id ?? '',
      decisionDefinitionName: d?.name ?? d?.decision_id ?? '',
      decisionDefinitionVersion: d?.version ?? 0,
      decisionDefinitionType: type ?? 'DECISION_TABLE',
      result: r.result,
      tenantId: r.tenant,
      evaluatedInputs: inputs.map((i) => ({ inputId: i.inputId, inputName: i.inputName, inputValue: JSON.stringify(i.inputValue) })),
      matchedRules: matched.map((m) => ({
        ruleId: m.ruleId,
        ruleIndex: m.ruleIndex,
        evaluatedOutputs: m.outputs.map((o) => ({ outputId: o.outputId, outputName: o.outputName, outputValue: JSON.stringify(o.outputValue) })),
      })),
    };
  }
}
