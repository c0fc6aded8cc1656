/**
 * moddle elements (bpmn-moddle with zeebe-bpmn-moddle) are dynamically typed; the compiler
 * (ProcessCompilation, scopeRules, ModelCompiler) is the only place the engine reads them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MEl = any;

/** The zeebe extension element of a type (`zeebe:TaskDefinition`, ...) of a moddle element. */
export function ext(el: MEl, type: string): MEl | undefined {
  const values: MEl[] = el?.extensionElements?.values ?? [];
  return values.find((v) => v.$type === type);
}
