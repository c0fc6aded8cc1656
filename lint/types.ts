import type { ModdleElement } from './moddle';

/** bpmnlint's reporter as a rule sees it. */
export interface Reporter {
  report(id: string | undefined, message: string, path?: (string | number)[]): void;
}

/** A bpmnlint rule: `check` is called for every element of the model. */
export interface RuleDefinition {
  check(node: ModdleElement, reporter: Reporter): void;
  meta?: { documentation?: { url?: string } };
}

export type RuleFactory = (config?: unknown) => RuleDefinition;
