import type { EvaluatedDecision } from './DecisionEvaluator';

/**
 * A decision could not be evaluated (a rule the hit policy does not allow, an expression that failed): Camunda's
 * `failureMessage`, the decision that failed and what was evaluated before it.
 */
export class DecisionEvaluationError extends Error {
  constructor(
    readonly rootDecisionId: string,
    readonly failedDecisionId: string,
    readonly reason: string,
    readonly evaluated: EvaluatedDecision[],
  ) {
    super(`Expected to evaluate decision '${rootDecisionId}', but ${reason}`);
    this.name = 'DecisionEvaluationError';
  }
}
