import { lintExpression } from '@bpmn-io/feel-lint';
import { camundaBuiltins } from '@camunda/feel-builtins';
import { parseBpmn, type ModdleElement } from './moddle';
import type { Problem } from './linter';

/** A FEEL expression found in a model or form, with where it was found. */
export interface FeelExpression {
  element: string;
  property: string;
  expression: string;
}

/** Lint one FEEL expression (without its leading `=`); every message (error or warning) is a problem. */
export function lintFeel(expression: string): string[] {
  return lintExpression(expression, { builtins: camundaBuiltins }).map((m) => `${m.severity}: ${m.message}`);
}

/** Every string starting with `=` anywhere in the BPMN model: conditions, timers, mappings, correlation keys, ... */
export async function feelInBpmn(xml: string): Promise<FeelExpression[]> {
  const { rootElement } = await parseBpmn(xml);
  const found: FeelExpression[] = [];
  const seen = new Set<unknown>();
  const owner = (el: ModdleElement): string => {
    for (let e: ModdleElement | undefined = el; e; e = e.$parent) if (e.id && !e.$type.endsWith('EventDefinition')) return e.id;
    return '(definitions)';
  };
  const visit = (el: ModdleElement) => {
    if (seen.has(el)) return;
    seen.add(el);
    for (const [key, value] of Object.entries(el)) {
      if (key.startsWith('$') || key === 'di') continue;
      // references (sourceRef, attachedToRef, messageRef, ...) are visited where they are defined
      if (/Ref$|^(default|incoming|outgoing|flowNodeRef)$/.test(key)) continue;
      const values = Array.isArray(value) ? value : [value];
      for (const v of values) {
        if (typeof v === 'string' && v.trim().startsWith('=')) {
          found.push({ element: owner(el), property: `${el.$type}.${key}`, expression: v.trim().slice(1) });
        } else if (v && typeof v === 'object' && '$type' in v) {
          visit(v as ModdleElement);
        }
      }
    }
  };
  visit(rootElement);
  return found;
}

/** Every FEEL expression (`=...`) and every `{{ template }}` expression in a Camunda Form. */
export function feelInForm(form: unknown): FeelExpression[] {
  const found: FeelExpression[] = [];
  const visit = (value: unknown, element: string, property: string) => {
    if (typeof value === 'string') {
      if (value.trim().startsWith('=')) found.push({ element, property, expression: value.trim().slice(1) });
      for (const m of value.matchAll(/\{\{\s*([^#/}][^}]*?)\s*\}\}/g)) found.push({ element, property: `${property} (template)`, expression: m[1] });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, element, `${property}[${i}]`));
    } else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      const id = typeof o.id === 'string' ? o.id : element;
      for (const [k, v] of Object.entries(o)) visit(v, id, property ? `${property}.${k}` : k);
    }
  };
  visit(form, '(form)', '');
  return found;
}

export function feelProblems(file: string, expressions: FeelExpression[]): Problem[] {
  return expressions.flatMap((e) =>
    lintFeel(e.expression).map((message) => ({
      file,
      element: e.element,
      rule: 'feel-lint',
      severity: 'error' as const,
      message: `${e.property}: ${message} in <${e.expression}>`,
    })),
  );
}
