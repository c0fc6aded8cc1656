import { DmnModdle } from 'dmn-moddle';
import { Feel } from '../../feel/Feel';
import { ModelValidationError } from '../model/ModelValidationError';
import type { MEl } from '../model/moddle';
import type { Aggregation, DecisionDef, DecisionRequirementsModel, DecisionTableDef, HitPolicy } from './DecisionModel';

const HIT_POLICIES: HitPolicy[] = ['UNIQUE', 'FIRST', 'ANY', 'PRIORITY', 'RULE ORDER', 'OUTPUT ORDER', 'COLLECT'];
const AGGREGATIONS: Aggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];

/**
 * Parses a `.dmn` resource with dmn-moddle and compiles its decision requirements graph: decision tables (hit
 * policies and aggregations as Camunda 8.8's DMN engine supports them) and literal expressions. Every FEEL
 * expression and unary test is parsed here, as Camunda does at deployment; a finding refuses the resource.
 */
export class DmnCompiler {
  private readonly moddle = DmnModdle();

  async compile(resourceName: string, xml: string): Promise<DecisionRequirementsModel> {
    let definitions: MEl;
    try {
      definitions = (await this.moddle.fromXML(xml, 'dmn:Definitions')).rootElement;
    } catch (err) {
      throw new ModelValidationError(resourceName, [`not a valid DMN 1.3 XML document: ${err instanceof Error ? err.message : String(err)}`]);
    }
    const findings: string[] = [];
    const fail = (el: MEl, reason: string) => findings.push(`Element '${el?.id ?? '?'}' (${el?.$type ?? 'dmn:DMNElement'}): ${reason}`);
    if (!definitions?.id) findings.push('the DMN definitions have no id (the decision requirements id)');
    const decisions: DecisionDef[] = [];
    for (const el of (definitions?.drgElement ?? []) as MEl[]) {
      if (el.$type !== 'dmn:Decision') continue;
      const d = this.decision(el, fail);
      if (d) decisions.push(d);
    }
    if (decisions.length === 0) findings.push('the DMN resource contains no decision');
    const ids = new Set(decisions.map((d) => d.id));
    for (const d of decisions) for (const r of d.requires) if (!ids.has(r)) findings.push(`Element '${d.id}' (dmn:Decision): the required decision '${r}' is not in the resource`);
    if (findings.length > 0) throw new ModelValidationError(resourceName, findings);
    return { id: definitions.id, name: definitions.name ?? null, namespace: definitions.namespace ?? '', decisions };
  }

  private decision(el: MEl, fail: (el: MEl, reason: string) => void): DecisionDef | undefined {
    if (!el.id) {
      fail(el, 'a decision has no id');
      return undefined;
    }
    const requires = ((el.informationRequirement ?? []) as MEl[])
      .map((r) => String(r.requiredDecision?.href ?? ''))
      .filter((href) => href.startsWith('#'))
      .map((href) => href.slice(1));
    const logic = el.decisionLogic;
    const base = { id: el.id as string, name: (el.name as string | undefined) ?? null, requires };
    if (logic?.$type === 'dmn:DecisionTable') {
      const table = this.table(logic, fail);
      return table ? { ...base, type: 'DECISION_TABLE', resultName: el.id, table } : undefined;
    }
    if (logic?.$type === 'dmn:LiteralExpression') {
      const expression = String(logic.text ?? '').trim();
      const problem = expression ? Feel.syntaxError(expression) : 'the literal expression is empty';
      if (problem) fail(el, `failed to parse expression '${expression}': ${problem}`);
      return { ...base, type: 'LITERAL_EXPRESSION', resultName: el.variable?.name || el.id, literal: { expression } };
    }
    fail(el, `a decision needs a decision table or a literal expression${logic?.$type ? ` (found ${logic.$type})` : ''}`);
    return undefined;
  }

  private table(t: MEl, fail: (el: MEl, reason: string) => void): DecisionTableDef | undefined {
    const hitPolicy = String(t.hitPolicy ?? 'UNIQUE') as HitPolicy;
    if (!HIT_POLICIES.includes(hitPolicy)) {
      fail(t, `hit policy '${hitPolicy}' is not supported (${HIT_POLICIES.join(', ')})`);
      return undefined;
    }
    const aggregation = t.aggregation ? (String(t.aggregation) as Aggregation) : undefined;
    if (aggregation && (!AGGREGATIONS.includes(aggregation) || hitPolicy !== 'COLLECT')) fail(t, `aggregation '${aggregation}' needs the hit policy COLLECT and is one of ${AGGREGATIONS.join(', ')}`);
    const outputsIn: MEl[] = t.output ?? [];
    if (aggregation && outputsIn.length > 1) fail(t, 'a decision table with an aggregation has exactly one output');
    if (outputsIn.length === 0) fail(t, 'a decision table needs at least one output');
    const inputs = ((t.input ?? []) as MEl[]).map((i, n) => {
      const expression = String(i.inputExpression?.text ?? '').trim();
      const problem = expression ? Feel.syntaxError(expression) : undefined;
      if (problem) fail(i, `failed to parse expression '${expression}' (input ${n + 1}): ${problem}`);
      return { id: i.id ?? `input_${n + 1}`, name: i.label || expression, expression };
    });
    const outputs = outputsIn.map((o, n) => {
      if (outputsIn.length > 1 && !o.name) fail(o, 'an output of a decision table with several outputs needs a name');
      const values = String(o.outputValues?.text ?? '').trim();
      return { id: o.id ?? `output_${n + 1}`, name: o.name || o.label || o.id, ...(values ? { outputValues: splitValues(values) } : {}) };
    });
    const rules = ((t.rule ?? []) as MEl[]).map((r, n) => {
      const inputEntries = ((r.inputEntry ?? []) as MEl[]).map((e) => String(e.text ?? ''));
      const outputEntries = ((r.outputEntry ?? []) as MEl[]).map((e) => String(e.text ?? ''));
      if (inputEntries.length !== inputs.length || outputEntries.length !== outputs.length) fail(r, `rule ${n + 1} needs one input entry per input and one output entry per output`);
      inputEntries.forEach((entry, i) => {
        const problem = Feel.unaryTestsSyntaxError(entry);
        if (problem) fail(r, `failed to parse unary tests '${entry.trim()}' (rule ${n + 1}, input ${i + 1}): ${problem}`);
      });
      outputEntries.forEach((entry, i) => {
        const problem = entry.trim() ? Feel.syntaxError(entry) : undefined;
        if (problem) fail(r, `failed to parse expression '${entry.trim()}' (rule ${n + 1}, output ${i + 1}): ${problem}`);
      });
      return { id: r.id ?? `rule_${n + 1}`, inputEntries, outputEntries };
    });
    return { hitPolicy, ...(aggregation ? { aggregation } : {}), inputs, outputs, rules };
  }
}

/** The output values of an output (`"high","medium","low"`): FEEL values split at top-level commas. */
function splitValues(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      out.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
