import { Feel } from '../../feel/Feel';
import { ext, type MEl } from './moddle';
import type { ElementDef, TimerDef } from './ProcessModel';
import { TimerSpec } from './TimerSpec';

/**
 * The event definition of an event (message, timer, error, signal, escalation, compensation, link, terminate) into its
 * ElementDef: `eventType` and what the kind needs; more than one, or another kind, fails the element.
 */
export function compileEventDefinition(el: MEl, def: ElementDef, fail: (reason: string) => void): void {
  const eds: MEl[] = el.eventDefinitions ?? [];
  if (eds.length === 0) return;
  if (eds.length > 1) {
    fail('multiple event definitions are not supported');
    return;
  }
  const ed = eds[0];
  switch (ed.$type) {
    case 'bpmn:MessageEventDefinition': {
      def.eventType = 'message';
      const msg = ed.messageRef;
      if (!msg || !msg.name) {
        if (!ext(el, 'zeebe:TaskDefinition')) fail('the message event definition must reference a bpmn:message with a name');
        return;
      }
      const sub = ext(msg, 'zeebe:Subscription');
      def.message = { name: msg.name, correlationKey: sub?.correlationKey };
      return;
    }
    case 'bpmn:TimerEventDefinition': {
      def.eventType = 'timer';
      const timer: TimerDef | undefined = ed.timeDuration
        ? { kind: 'duration', expression: (ed.timeDuration.body ?? '').trim() }
        : ed.timeDate
          ? { kind: 'date', expression: (ed.timeDate.body ?? '').trim() }
          : ed.timeCycle
            ? { kind: 'cycle', expression: (ed.timeCycle.body ?? '').trim() }
            : undefined;
      if (!timer || !timer.expression) {
        fail('the timer event definition needs a timeDuration, timeDate or timeCycle value');
        return;
      }
      if (!Feel.isExpression(timer.expression)) {
        const problem = TimerSpec.validateStatic(timer);
        if (problem) fail(problem);
      }
      def.timer = timer;
      return;
    }
    case 'bpmn:ErrorEventDefinition': {
      def.eventType = 'error';
      def.errorCode = ed.errorRef?.errorCode ?? null;
      return;
    }
    case 'bpmn:TerminateEventDefinition':
      def.eventType = 'terminate';
      return;
    case 'bpmn:SignalEventDefinition': {
      def.eventType = 'signal';
      const name = ed.signalRef?.name;
      if (!name) fail('the signal event definition must reference a bpmn:signal with a name');
      def.signal = { name: name ?? '' };
      return;
    }
    case 'bpmn:EscalationEventDefinition':
      def.eventType = 'escalation';
      def.escalationCode = ed.escalationRef?.escalationCode ?? null;
      return;
    case 'bpmn:CompensateEventDefinition':
      def.eventType = 'compensation';
      def.compensation = ed.activityRef?.id ? { activityRef: ed.activityRef.id } : {};
      return;
    case 'bpmn:LinkEventDefinition':
      def.eventType = 'link';
      def.link = ed.name ?? '';
      if (!ed.name) fail('a link event definition needs a name');
      return;
    default:
      fail(`${ed.$type} is not supported by the local runtime (supported: message, timer, error, signal, escalation, link, terminate)`);
      def.eventType = 'none';
  }
}
