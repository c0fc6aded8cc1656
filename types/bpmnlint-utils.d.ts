// bpmnlint-utils 1.1.1 ships no types: its two functions, as bpmnlint rules call them.
declare module 'bpmnlint-utils' {
  /** `is(element, 'bpmn:UserTask')`: a type check including supertypes (`$instanceOf`); a type without prefix means `bpmn:`. */
  export function is(node: { $type: string }, type: string): boolean;
  /** `is` for any of the types. */
  export function isAny(node: { $type: string }, types: string[]): boolean;
}
