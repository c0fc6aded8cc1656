import { Feel } from '../../feel/Feel';
import type { MEl } from './moddle';
import type { ProcessModel } from './ProcessModel';

/** incoming/outgoing from the sequence flows (moddle only fills them from child elements, which are optional). */
function linkFlows(model: ProcessModel) {
  for (const e of Object.values(model.elements)) {
    e.incoming = [];
    e.outgoing = [];
  }
  for (const f of Object.values(model.flows)) {
    model.elements[f.source]?.outgoing.push(f.id);
    model.elements[f.target]?.incoming.push(f.id);
  }
}

/** Start-event rules per scope, boundary attachment lists, gateway rules: run once per scope (process, subprocess) after its elements compiled. */
export function checkScope(model: ProcessModel, container: MEl, scopeId: string | null, fail: (el: MEl, reason: string) => void): void {
  linkFlows(model);
  const flowElements: MEl[] = container.flowElements ?? [];
  const starts = flowElements.filter((e) => e.$type === 'bpmn:StartEvent');
  const isEventSub = container.$type === 'bpmn:SubProcess' && container.triggeredByEvent;
  const eventSubs: string[] = flowElements.filter((e) => e.$type === 'bpmn:SubProcess' && e.triggeredByEvent).map((e) => e.id);
  if (isEventSub) {
    if (starts.length !== 1) fail(container, 'an event subprocess needs exactly one start event');
    const s = starts[0];
    if (s) {
      const d = model.elements[s.id];
      if (d && d.eventType === 'none') fail(s, 'the start event of an event subprocess needs a message, timer, error, signal or escalation event definition');
      if (d && d.eventType === 'message' && d.message && !d.message.correlationKey) fail(s, 'the message needs a zeebe:subscription correlationKey');
      if (d) d.interrupting = s.isInterrupting !== false;
      const sub = model.elements[container.id];
      if (sub) sub.startEvent = s.id;
    }
  } else {
    const none = starts.filter((s) => (s.eventDefinitions ?? []).length === 0);
    if (none.length > 1) fail(container, 'more than one none start event in a scope');
    if (scopeId !== null) {
      if (starts.length !== 1 || none.length !== 1) fail(container, 'an embedded subprocess needs exactly one none start event');
      const sub = model.elements[scopeId];
      if (sub) {
        sub.noneStart = none[0]?.id;
        sub.eventSubprocesses = eventSubs;
      }
    } else {
      model.noneStart = none[0]?.id;
      for (const s of starts) {
        const d = model.elements[s.id];
        if (!d) continue;
        if (d.eventType === 'message' && d.message) {
          if (Feel.isExpression(d.message.name)) fail(s, 'a message start event needs a static message name');
          model.messageStarts.push({ elementId: s.id, messageName: d.message.name });
        } else if (d.eventType === 'timer' && d.timer) model.timerStarts.push({ elementId: s.id, timer: d.timer });
        else if (d.eventType === 'signal' && d.signal) {
          if (Feel.isExpression(d.signal.name)) fail(s, 'a signal start event needs a static signal name');
          (model.signalStarts ??= []).push({ elementId: s.id, signalName: d.signal.name });
        } else if (d.eventType === 'error') fail(s, 'an error start event is only allowed in an event subprocess');
        else if (d.eventType === 'escalation') fail(s, 'an escalation start event is only allowed in an event subprocess');
      }
      if (starts.length === 0) fail(container, 'the process has no start event');
    }
  }
  for (const fe of flowElements) {
    const d = model.elements[fe.id];
    if (!d) continue;
    if (d.kind === 'boundaryEvent' && d.attachedTo) {
      const host = model.elements[d.attachedTo];
      if (host) host.boundaries.push(d.id);
      if (d.eventType === 'error' && !d.interrupting) fail(fe, 'an error boundary event must be interrupting');
    }
    if ((d.kind === 'exclusiveGateway' || d.kind === 'inclusiveGateway') && d.outgoing.length > 1) {
      for (const fid of d.outgoing) {
        const f = model.flows[fid];
        if (f && fid !== d.defaultFlow && !f.condition) fail(fe, `outgoing sequence flow '${fid}' has no condition and is not the default flow`);
      }
    }
    if (d.kind === 'eventBasedGateway') {
      for (const fid of d.outgoing) {
        const target = model.elements[model.flows[fid]?.target ?? ''];
        const ok = target && ((target.kind === 'intermediateCatchEvent' && target.eventType !== 'link') || target.kind === 'receiveTask');
        if (!ok) fail(fe, `sequence flow '${fid}' must lead to an intermediate message, timer or signal catch event`);
      }
      if (d.outgoing.length < 2) fail(fe, 'an event-based gateway needs at least two outgoing sequence flows');
    }
  }
  const links = flowElements.map((e) => model.elements[e.id]).filter((d) => d?.eventType === 'link');
  for (const d of links) {
    if (d.kind !== 'intermediateThrowEvent') continue;
    const catches = links.filter((c) => c.kind === 'intermediateCatchEvent' && c.link === d.link);
    const el = flowElements.find((e) => e.id === d.id);
    if (catches.length === 0) fail(el, `Can't find an catch link event for the throw link event with the name '${d.link}'.`);
  }
  const linkNames = links.filter((c) => c.kind === 'intermediateCatchEvent').map((c) => c.link);
  for (const d of links) {
    if (d.kind === 'intermediateCatchEvent' && linkNames.filter((n) => n === d.link).length > 1) {
      fail(flowElements.find((e) => e.id === d.id), `Multiple intermediate catch link event definitions with the same name '${d.link}' are not allowed.`);
    }
  }
  for (const fe of flowElements) {
    if (fe.$type === 'bpmn:SequenceFlow') {
      if (!fe.sourceRef || !fe.targetRef) fail(fe, 'sequence flow without source or target');
    }
  }
}
