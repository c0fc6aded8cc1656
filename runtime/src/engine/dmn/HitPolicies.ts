import type { DecisionTableDef } from './DecisionModel';

/** A rule that matched: its index in the table (0-based) and its output values, one per output. */
export interface MatchedRule {
  index: number;
  outputs: unknown[];
}

/** What a hit policy refuses (`DecisionEvaluator` names the decision): DMN-Scala's reasons. */
export class HitPolicyViolation extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'HitPolicyViolation';
  }
}

/**
 * The decision table's result from its matched rules (in rule order), as Camunda's DMN engine (DMN-Scala) builds it:
 * one output → its value, several → a context by output name. Single-hit policies (UNIQUE, FIRST, ANY, PRIORITY) give
 * one result or null; RULE ORDER, OUTPUT ORDER and COLLECT a list (empty when nothing matched); COLLECT with an
 * aggregation (one output only) the SUM, MIN, MAX or COUNT of the non-null values (null for SUM / MIN / MAX of none).
 * Also returns the rules that make up the result (Camunda's matchedRules).
 */
export function applyHitPolicy(table: DecisionTableDef, matched: MatchedRule[], priorityOf: (outputIndex: number, value: unknown) => number): { result: unknown; rules: MatchedRule[] } {
  const value = (rule: MatchedRule): unknown =>
    table.outputs.length === 1 ? rule.outputs[0] : Object.fromEntries(table.outputs.map((o, i) => [o.name, rule.outputs[i]]));
  const byPriority = () =>
    [...matched].sort((a, b) => {
      for (let i = 0; i < table.outputs.length; i++) {
        const d = priorityOf(i, a.outputs[i]) - priorityOf(i, b.outputs[i]);
        if (d !== 0) return d;
      }
      return a.index - b.index;
    });
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (matched.length > 1) throw new HitPolicyViolation(`multiple values aren't allowed for UNIQUE hit policy. found: '${JSON.stringify(matched.map(value))}'`);
      return { result: matched.length === 1 ? value(matched[0]) : null, rules: matched };
    case 'FIRST':
      return { result: matched.length > 0 ? value(matched[0]) : null, rules: matched.slice(0, 1) };
    case 'ANY': {
      const distinct = new Set(matched.map((r) => JSON.stringify(value(r))));
      if (distinct.size > 1) throw new HitPolicyViolation(`different values aren't allowed for ANY hit policy. found: '${JSON.stringify(matched.map(value))}'`);
      return { result: matched.length > 0 ? value(matched[0]) : null, rules: matched.slice(0, 1) };
    }
    case 'PRIORITY': {
      const first = byPriority()[0];
      return { result: first ? value(first) : null, rules: first ? [first] : [] };
    }
    case 'RULE ORDER':
      return { result: matched.map(value), rules: matched };
    case 'OUTPUT ORDER': {
      const sorted = byPriority();
      return { result: sorted.map(value), rules: sorted };
    }
    case 'COLLECT':
      if (!table.aggregation) return { result: matched.map(value), rules: matched };
      return { result: aggregate(table.aggregation, matched.map((r) => r.outputs[0])), rules: matched };
  }
}

function aggregate(aggregation: NonNullable<DecisionTableDef['aggregation']>, all: unknown[]): unknown {
  const values = all.filter((v) => v !== null && v !== undefined);
  if (aggregation === 'COUNT') return values.length;
  if (values.length === 0) return null;
  if (values.some((v) => typeof v !== 'number')) {
    if (aggregation === 'SUM') throw new HitPolicyViolation(`failed to aggregate values '${JSON.stringify(values)}' with SUM: expected numbers`);
    const sorted = [...values].map(String).sort();
    return aggregation === 'MIN' ? sorted[0] : sorted[sorted.length - 1];
  }
  const numbers = values as number[];
  if (aggregation === 'SUM') return numbers.reduce((a, b) => a + b, 0);
  return aggregation === 'MIN' ? Math.min(...numbers) : Math.max(...numbers);
}
