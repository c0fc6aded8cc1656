import { Problem } from '../../broker/Problem';
import type { EvaluateDecisionResult, Variables } from '../../broker/types';
import { Feel } from '../../feel/Feel';
import type { DecisionRow, ElementRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';
import { DecisionEvaluationError } from '../dmn/DecisionEvaluationError';
import { DecisionEvaluator, type EvaluatedDecision } from '../dmn/DecisionEvaluator';
import type { DecisionRequirementsModel } from '../dmn/DecisionModel';
import { Definitions, type ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import { IncidentError } from '../state/IncidentError';

/** Where an evaluation happens: a business rule task's element instance, or none (the evaluation endpoint). */
interface EvaluationSite {
  proc: ProcessDefinition;
  row: ElementRow;
}

interface Outcome {
  decision: DecisionRow;
  evaluationKey: number;
  output: unknown;
  evaluated: EvaluatedDecision[];
  failure?: DecisionEvaluationError;
  /** The decisionEvaluationInstanceKey of each evaluated decision (then of the failed one). */
  instanceKeys: string[];
}

/**
 * DMN decisions (Camunda 8.8): evaluated for a business rule task with `zeebe:calledDecision` (`evaluateForTask`: the
 * decision bound as `bindingType` says, its result in the task's `resultVariable`; not found: CALLED_DECISION_ERROR,
 * failed: DECISION_EVALUATION_ERROR incident) or by `POST /v2/decision-definitions/evaluation` (`evaluate`). Every
 * evaluated decision is kept as a decision instance with its inputs and matched rules.
 */
export class Decisions {
  private readonly evaluator: DecisionEvaluator;
  private readonly graphs = new Map<number, DecisionRequirementsModel>();

  constructor(private readonly parts: EngineParts) {
    this.evaluator = new DecisionEvaluator(parts.feel);
  }

  /** A business rule task with a called decision: evaluates it and sets the result variable (completion variables). */
  evaluateForTask(proc: ProcessDefinition, row: ElementRow, el: ElementDef): void {
    const called = el.calledDecision;
    if (!called) return;
    const vars = this.parts.variables.visible(row.key);
    const decisionId = this.parts.feel.valueOf(called.decisionId, vars);
    if (typeof decisionId !== 'string' || !decisionId) {
      throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected result of the expression '${Feel.body(called.decisionId)}' to be 'STRING', but was '${decisionId === null ? 'NULL' : typeof decisionId}'.`);
    }
    const [restriction, arg] = Definitions.restriction(called.binding, proc);
    const decision = this.parts.repos.decisions.latest(decisionId, restriction, arg);
    if (!decision) {
      const how = restriction === 'deployment' ? ` in the same deployment as the process` : restriction === 'versionTag' ? ` with version tag '${arg}'` : '';
      throw new IncidentError('CALLED_DECISION_ERROR', `Expected to evaluate decision '${decisionId}', but no decision found for id '${decisionId}'${how}`);
    }
    const outcome = this.run(decision, vars, { proc, row });
    if (outcome.failure) throw new IncidentError('DECISION_EVALUATION_ERROR', outcome.failure.message);
    this.parts.variables.setCompletionVariables(row, el, { [called.resultVariable]: outcome.output }, proc.tenant);
  }

  /** POST /v2/decision-definitions/evaluation. */
  evaluate(req: { decisionDefinitionId?: string; decisionDefinitionKey?: string; variables: Variables }): EvaluateDecisionResult {
    const { decisions } = this.parts.repos;
    let decision: DecisionRow | undefined;
    if (req.decisionDefinitionKey !== undefined && req.decisionDefinitionKey !== null && req.decisionDefinitionKey !== '') {
      decision = /^\d+$/.test(String(req.decisionDefinitionKey)) ? decisions.decision(Number(req.decisionDefinitionKey)) : undefined;
      if (!decision) throw Problem.notFound(`Expected to evaluate decision with key '${req.decisionDefinitionKey}', but no such decision was found`);
    } else if (req.decisionDefinitionId) {
      decision = decisions.latest(req.decisionDefinitionId);
      if (!decision) throw Problem.notFound(`Expected to evaluate decision '${req.decisionDefinitionId}', but no decision found for id '${req.decisionDefinitionId}'`);
    } else {
      throw Problem.badRequest('Expected either a decisionDefinitionId or a decisionDefinitionKey, but none given');
    }
    const o = this.run(decision, req.variables, undefined);
    const byId = new Map(decisions.decisionsOf(decision.drg_key).map((d) => [d.decision_id, d]));
    return {
      decisionDefinitionId: decision.decision_id,
      decisionDefinitionKey: String(decision.key),
      decisionDefinitionName: decision.name ?? decision.decision_id,
      decisionDefinitionVersion: decision.version,
      decisionRequirementsId: decision.drg_id,
      decisionRequirementsKey: String(decision.drg_key),
      decisionEvaluationKey: String(o.evaluationKey),
      decisionInstanceKey: String(o.evaluationKey),
      output: o.failure ? '' : JSON.stringify(o.output),
      failedDecisionDefinitionId: o.failure?.failedDecisionId ?? '',
      failureMessage: o.failure?.message ?? '',
      tenantId: decision.tenant,
      evaluatedDecisions: o.evaluated.map((e, i) => {
        const d = byId.get(e.decisionId) ?? decision;
        return {
          decisionDefinitionId: d.decision_id,
          decisionDefinitionKey: String(d.key),
          decisionDefinitionName: d.name ?? d.decision_id,
          decisionDefinitionVersion: d.version,
          decisionDefinitionType: e.type,
          decisionEvaluationInstanceKey: o.instanceKeys[i],
          output: JSON.stringify(e.output),
          tenantId: d.tenant,
          evaluatedInputs: e.inputs.map((x) => ({ inputId: x.inputId, inputName: x.inputName, inputValue: JSON.stringify(x.inputValue) })),
          matchedRules: e.matchedRules.map((r) => ({
            ruleId: r.ruleId,
            ruleIndex: r.ruleIndex,
            evaluatedOutputs: r.outputs.map((x) => ({ outputId: x.outputId, outputName: x.outputName, outputValue: JSON.stringify(x.outputValue) })),
          })),
        };
      }),
    };
  }

  /** The compiled graph of a decision requirements key (cached; versions never change). */
  graph(drgKey: number): DecisionRequirementsModel {
    let g = this.graphs.get(drgKey);
    if (!g) {
      const row = this.parts.repos.decisions.requirements(drgKey);
      if (!row) throw new Error(`decision requirements ${drgKey} missing`);
      g = JSON.parse(row.model) as DecisionRequirementsModel;
      this.graphs.set(drgKey, g);
    }
    return g;
  }

  /** Evaluates and records every evaluated decision (and the failed one) as decision instances. */
  private run(decision: DecisionRow, vars: Variables, site: EvaluationSite | undefined): Outcome {
    const { repos, keys, clock } = this.parts;
    const evaluationKey = keys.next();
    let outcome: Outcome;
    try {
      const r = this.evaluator.evaluate(this.graph(decision.drg_key), decision.decision_id, vars);
      outcome = { decision, evaluationKey, output: r.output, evaluated: r.decisions, instanceKeys: [] };
    } catch (err) {
      if (!(err instanceof DecisionEvaluationError)) throw err;
      outcome = { decision, evaluationKey, output: null, evaluated: err.evaluated, failure: err, instanceKeys: [] };
    }
    const byId = new Map(repos.decisions.decisionsOf(decision.drg_key).map((d) => [d.decision_id, d]));
    const rows = [...outcome.evaluated.map((e) => ({ e, failure: null as string | null }))];
    if (outcome.failure) {
      const f = outcome.failure;
      const def = this.graph(decision.drg_key).decisions.find((d) => d.id === f.failedDecisionId);
      rows.push({ e: { decisionId: f.failedDecisionId, decisionName: def?.name ?? null, type: def?.type ?? 'DECISION_TABLE', output: null, inputs: [], matchedRules: [] }, failure: f.message });
    }
    for (const { e, failure } of rows) {
      const id = String(keys.next());
      outcome.instanceKeys.push(id);
      repos.decisions.insertInstance({
        id,
        key: evaluationKey,
        decision_key: (byId.get(e.decisionId) ?? decision).key,
        state: failure ? 'FAILED' : 'EVALUATED',
        evaluation_date: clock.iso(),
        failure,
        result: JSON.stringify(e.output),
        inputs: JSON.stringify(e.inputs),
        matched: JSON.stringify(e.matchedRules),
        pi: site ? site.row.pi : null,
        ei: site ? site.row.key : null,
        element_id: site ? site.row.element_id : null,
        def: site ? site.proc.key : null,
        root_decision_key: decision.key,
        tenant: decision.tenant,
      });
    }
    return outcome;
  }
}
