import { is } from 'bpmnlint-utils';
import type { ModdleElement } from './moddle';

/** Extension elements of a given type (`zeebe:TaskDefinition`, ...). */
export function extensions(node: ModdleElement, type: string): ModdleElement[] {
  const ext = node.get('extensionElements') as { values?: ModdleElement[] } | undefined;
  return (ext?.values ?? []).filter((v) => is(v, type));
}

export function extension(node: ModdleElement, type: string): ModdleElement | undefined {
  return extensions(node, type)[0];
}

/** The text of `<bpmn:documentation>` elements, joined. */
export function documentationOf(node: ModdleElement): string {
  const docs = (node.get('documentation') as { text?: string }[] | undefined) ?? [];
  return docs.map((d) => d.text ?? '').join('\n');
}

/** Rule ids of the routine: R1–R22 and P1–P12. */
export const RULE_IDS: string[] = [
  ...Array.from({ length: 22 }, (_, i) => `R${i + 1}`),
  ...Array.from({ length: 12 }, (_, i) => `P${i + 1}`),
  // the binding readings of the routine on real outage timelines (routine.md, T1–T6)
  ...Array.from({ length: 6 }, (_, i) => `T${i + 1}`),
];

/** Every rule id a text names, with ranges ("R19–R21", "R13-R17") expanded; ISO repetitions ("R3/PT1H") are not rule ids. */
export function ruleIdsIn(text: string): string[] {
  const found = new Set<string>();
  // not ISO 8601 repetitions such as "R3/PT1H"
  const re = /\b([RPT])(\d{1,2})(?:\s*[–-]\s*([RPT])?(\d{1,2}))?\b(?!\/)/g;
  for (const m of text.matchAll(re)) {
    const [, kind, from, kind2, to] = m;
    if (to && (!kind2 || kind2 === kind)) {
      for (let i = Number(from); i <= Number(to); i++) found.add(`${kind}${i}`);
    } else {
      found.add(`${kind}${from}`);
    }
  }
  return [...found];
}
