/**
 * The compiled, JSON-serialisable form of a DMN decision requirements graph (one `.dmn` resource): its decisions with
 * their decision tables or literal expressions, extracted with dmn-moddle once at deployment and stored beside the
 * XML, as `model/ProcessModel.ts` is for BPMN.
 */
export type HitPolicy = 'UNIQUE' | 'FIRST' | 'ANY' | 'PRIORITY' | 'RULE ORDER' | 'OUTPUT ORDER' | 'COLLECT';
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DecisionInputDef {
  id: string;
  /** The label, else the input expression (Camunda's `inputName`). */
  name: string;
  expression: string;
}

export interface DecisionOutputDef {
  id: string;
  /** The output's name (the key of its value in a result context); Camunda's `outputName`. */
  name: string;
  /** The output values (priority and output order): FEEL values, highest priority first. */
  outputValues?: string[];
}

export interface DecisionRuleDef {
  id: string;
  /** FEEL unary tests, one per input (`-` or empty: any). */
  inputEntries: string[];
  /** FEEL expressions, one per output (empty: null). */
  outputEntries: string[];
}

export interface DecisionTableDef {
  hitPolicy: HitPolicy;
  aggregation?: Aggregation;
  inputs: DecisionInputDef[];
  outputs: DecisionOutputDef[];
  rules: DecisionRuleDef[];
}

export interface DecisionDef {
  id: string;
  name: string | null;
  /** Camunda's decisionDefinitionType. */
  type: 'DECISION_TABLE' | 'LITERAL_EXPRESSION';
  /** The name under which other decisions see its result: the literal expression's variable, else the decision id. */
  resultName: string;
  /** Ids of the decisions it requires (evaluated first). */
  requires: string[];
  table?: DecisionTableDef;
  literal?: { expression: string };
}

export interface DecisionRequirementsModel {
  id: string;
  name: string | null;
  namespace: string;
  decisions: DecisionDef[];
}
