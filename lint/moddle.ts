import { BpmnModdle } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';

/** A moddle element as bpmnlint and bpmn-moddle see it. */
export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  $attrs?: Record<string, string>;
  id?: string;
  name?: string;
  get(name: string): unknown;
  [key: string]: unknown;
}

/** The moddle the models are read with: BPMN 2.0 plus Camunda 8's zeebe extensions. */
export function createModdle(): BpmnModdle {
  return new BpmnModdle({ zeebe });
}

export interface ParsedBpmn {
  rootElement: ModdleElement;
  warnings: { message: string }[];
}

/** Parse BPMN XML; unknown elements/attributes come back as warnings. */
export async function parseBpmn(xml: string): Promise<ParsedBpmn> {
  const { rootElement, warnings } = await createModdle().fromXML(xml);
  return { rootElement: rootElement as unknown as ModdleElement, warnings: warnings as { message: string }[] };
}
