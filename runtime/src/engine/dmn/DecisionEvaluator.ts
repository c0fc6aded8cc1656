import type { Feel, FeelContext } from '../../feel/Feel';
import { FeelError } from '../../feel/FeelError';
import { DecisionEvaluationError } from './DecisionEvaluationError';
import type { DecisionDef, DecisionRequirementsModel, DecisionTableDef } from './DecisionModel';
import { applyHitPolicy, HitPolicyViolation, type MatchedRule } from './HitPolicies';

/** One evaluated decision as Camunda reports it (values as JSON texts are made by the callers). */
export interface EvaluatedDecision {
  decisionId: string;
  decisionName: string | null;
  type: DecisionDef['type'];
  output: unknown;
  inputs: Array<{ inputId: string; inputName: string; inputValue: unknown }>;
  matchedRules: Array<{ ruleId: string; ruleIndex: number; outputs: Array<{ outputId: string; outputName: string; outputValue: unknown }> }>;
}

export interface DecisionEvaluation {
  output: unknown;
  /** Required decisions first, the called decision last. */
  decisions: EvaluatedDecision[];
}

/**
 * Evaluates a decision of a decision requirements graph with FEEL (`@bpmn-io/feelin`): its required decisions first
 * (their results visible to it under their result names), then its decision table — input expressions, input
 * entries as unary tests against them, the output entries of the matched rules, the hit policy (`HitPolicies.ts`) —
 * or its literal expression. A failure is a `DecisionEvaluationError` naming the decision that failed.
 */
export class DecisionEvaluator {
  constructor(private readonly feel: Feel) {}

  evaluate(drg: DecisionRequirementsModel, decisionId: string, variables: FeelContext): DecisionEvaluation {
    const evaluated: EvaluatedDecision[] = [];
    const results = new Map<string, unknown>();
    const visit = (id: string, path: string[]): unknown => {
      if (results.has(id)) return results.get(id);
      const decision = drg.decisions.find((d) => d.id === id);
      if (!decision) throw new DecisionEvaluationError(decisionId, id, `no decision found for id '${id}'`, evaluated);
      if (path.includes(id)) throw new DecisionEvaluationError(decisionId, id, `the decision requirements of '${id}' form a cycle`, evaluated);
      const context: FeelContext = { ...variables };
      for (const required of decision.requires) {
        const value = visit(required, [...path, id]);
        const def = drg.decisions.find((d) => d.id === required);
        context[def?.resultName ?? required] = value;
      }
      let result: EvaluatedDecision;
      try {
        result = decision.table ? this.table(decision, decision.table, context) : this.literal(decision, context);
      } catch (err) {
        if (err instanceof DecisionEvaluationError) throw err;
        const reason = err instanceof HitPolicyViolation || err instanceof FeelError ? err.message : String(err);
        throw new DecisionEvaluationError(decisionId, id, reason, evaluated);
      }
      evaluated.push(result);
      results.set(id, result.output);
      return result.output;
    };
    const output = visit(decisionId, []);
    return { output, decisions: evaluated };
  }

  private literal(decision: DecisionDef, context: FeelContext): EvaluatedDecision {
    const output = this.feel.evaluate(decision.literal?.expression ?? 'null', context);
    return { decisionId: decision.id, decisionName: decision.name, type: decision.type, output, inputs: [], matchedRules: [] };
  }

  private table(decision: DecisionDef, table: DecisionTableDef, context: FeelContext): EvaluatedDecision {
    const inputs = table.inputs.map((input) => ({ inputId: input.id, inputName: input.name, inputValue: input.expression.trim() ? this.feel.evaluate(input.expression, context) : null }));
    const matched: MatchedRule[] = [];
    table.rules.forEach((rule, index) => {
      const matches = inputs.every((input, i) => this.feel.unaryTest(rule.inputEntries[i] ?? '', input.inputValue, context));
      if (!matches) return;
      const outputs = table.outputs.map((_, i) => {
        const entry = (rule.outputEntries[i] ?? '').trim();
        return entry ? this.feel.evaluate(entry, context) : null;
      });
      matched.push({ index, outputs });
    });
    const priorityOf = (outputIndex: number, value: unknown): number => {
      const values = table.outputs[outputIndex]?.outputValues ?? [];
      const position = values.findIndex((v) => JSON.stringify(this.feel.evaluate(v, {})) === JSON.stringify(value));
      return position < 0 ? values.length : position;
    };
    const { result, rules } = applyHitPolicy(table, matched, priorityOf);
    return {
      decisionId: decision.id,
      decisionName: decision.name,
      type: decision.type,
      output: result,
      inputs,
      matchedRules: rules.map((r) => ({
        ruleId: table.rules[r.index].id,
        ruleIndex: r.index + 1,
        outputs: table.outputs.map((o, i) => ({ outputId: o.id, outputName: o.name, outputValue: r.outputs[i] })),
      })),
    };
  }
}
