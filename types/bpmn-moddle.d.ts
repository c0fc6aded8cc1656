// bpmn-moddle 10 ships types under 'bpmn-moddle/types' only; expose them for the root import.
declare module 'bpmn-moddle' {
  export { BpmnModdle } from 'bpmn-moddle/types';
}
