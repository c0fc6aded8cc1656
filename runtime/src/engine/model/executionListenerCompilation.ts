import { ext, type MEl } from './moddle';
import type { ElementDef, ExecutionListenerDef } from './ProcessModel';

const GATEWAYS = ['bpmn:ExclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:InclusiveGateway', 'bpmn:EventBasedGateway'];

/**
 * `zeebe:executionListeners` of an element or process as Camunda 8.8 validates them: event type `start` or `end`, a
 * job type, each (event type, type) pair once; no `start` listeners on start and boundary events, no `end` listeners
 * on gateways, error end events and escalation intermediate throw events, none at all on compensation boundary events.
 * Returns undefined when there are none.
 */
export function compileExecutionListeners(el: MEl, def: Pick<ElementDef, 'eventType'> | null, fail: (reason: string) => void): ExecutionListenerDef[] | undefined {
  const listeners: MEl[] = ext(el, 'zeebe:ExecutionListeners')?.listeners ?? [];
  if (listeners.length === 0) return undefined;
  const out: ExecutionListenerDef[] = [];
  for (const l of listeners) {
    const eventType = String(l.eventType ?? 'start');
    if (eventType !== 'start' && eventType !== 'end') {
      fail(`Execution listener event type '${eventType}' is not supported. Only 'start' and 'end' are supported.`);
      continue;
    }
    if (!l.type || !String(l.type).trim()) {
      fail("Attribute 'type' must be present and not empty");
      continue;
    }
    out.push({ eventType, type: String(l.type), retries: l.retries ? String(l.retries) : '3' });
  }
  const counts = new Map<string, number>();
  for (const l of out) counts.set(`${l.eventType}|${l.type}`, (counts.get(`${l.eventType}|${l.type}`) ?? 0) + 1);
  for (const [k, n] of counts) {
    if (n < 2) continue;
    const [eventType, type] = k.split('|');
    fail(`Found '${n}' duplicates based on eventType[${eventType}] and type[${type}], these combinations should be unique.`);
  }
  const has = (t: 'start' | 'end') => out.some((l) => l.eventType === t);
  const t: string = el.$type;
  const et = def?.eventType;
  if (t === 'bpmn:StartEvent' && has('start')) fail("Execution listeners of type 'start' are not supported by start events");
  if (t === 'bpmn:BoundaryEvent' && et === 'compensation') fail("Execution listeners of type 'start' and 'end' are not supported by [compensation] boundary events");
  else if (t === 'bpmn:BoundaryEvent' && has('start')) fail("Execution listeners of type 'start' are not supported by boundary events");
  if (GATEWAYS.includes(t) && has('end')) fail("Execution listeners of type 'end' are not supported by gateway element");
  if (t === 'bpmn:EndEvent' && et === 'error' && has('end')) fail("Execution listeners of type 'end' are not supported by [error] end events");
  if (t === 'bpmn:IntermediateThrowEvent' && et === 'escalation' && has('end')) fail("Execution listeners of type 'end' are not supported by [escalation] intermediate throw events");
  return out;
}
