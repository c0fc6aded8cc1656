import { is } from 'bpmnlint-utils';
import type { RuleFactory } from '../types';

/** Id prefix per element type (most specific first), e.g. UserTask_AssessScope, Timer_BackupRoutineDue. */
const PREFIXES: [string, string[]][] = [
  ['bpmn:UserTask', ['UserTask_']],
  ['bpmn:ServiceTask', ['ServiceTask_']],
  ['bpmn:CallActivity', ['CallActivity_']],
  ['bpmn:SubProcess', ['SubProcess_']],
  ['bpmn:Gateway', ['Gateway_']],
  ['bpmn:StartEvent', ['StartEvent_']],
  ['bpmn:EndEvent', ['EndEvent_']],
  ['bpmn:Event', ['Event_', 'Timer_']],
  ['bpmn:SequenceFlow', ['Flow_']],
  ['bpmn:Message', ['Message_']],
  ['bpmn:Error', ['Error_']],
  ['bpmn:Lane', ['Lane_']],
  ['bpmn:Participant', ['Participant_']],
  ['bpmn:TextAnnotation', ['TextAnnotation_']],
];
const NAME = /^[A-Z][A-Za-z0-9]*(_[A-Z][A-Za-z0-9]*)*$/;

/** Ids follow the project convention `<Type>_<PascalCaseName>` (flows: `Flow_<From>_<To>`) so that they read well in Operate and in tests. */
const rule: RuleFactory = () => ({
  check(node, reporter) {
    const entry = PREFIXES.find(([type]) => is(node, type));
    if (!entry || !node.id) return;
    const [type, prefixes] = entry;
    const prefix = prefixes.find((p) => node.id!.startsWith(p));
    if (!prefix || !NAME.test(node.id.slice(prefix.length))) {
      reporter.report(node.id, `Id of ${type} must look like ${prefixes.map((p) => p + 'PascalCaseName').join(' or ')}`);
    }
  },
});
export default rule;
