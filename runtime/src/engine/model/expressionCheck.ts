import { Feel } from '../../feel/Feel';
import type { ProcessModel } from './ProcessModel';

/**
 * Camunda parses every expression of a model at deployment and refuses the model when one does not parse: conditions,
 * input and output mappings, job types and retries, timers, message names and correlation keys, error codes, user task
 * assignments, dates, forms and priorities, task listeners, scripts, called process ids and multi-instance settings.
 * `fail(id, reason)` gets the element (or sequence flow) and the expression with what is wrong.
 */
export function checkExpressions(model: ProcessModel, fail: (id: string, reason: string) => void): void {
  for (const el of Object.values(model.elements)) {
    const check = (value: string | null | undefined, where: string, alwaysExpression = false) => {
      if (!value || (!alwaysExpression && !Feel.isExpression(value))) return;
      const problem = Feel.syntaxError(value);
      if (problem) fail(el.id, `failed to parse expression '${Feel.body(value)}' (${where}): ${problem}`);
    };
    for (const m of el.inputs) check(m.source, `input mapping to '${m.target}'`);
    for (const m of el.outputs) check(m.source, `output mapping to '${m.target}'`);
    check(el.job?.type, 'job type');
    check(el.job?.retries, 'job retries');
    check(el.timer?.expression, `timer ${el.timer?.kind}`);
    check(el.message?.name, 'message name');
    check(el.message?.correlationKey, 'correlation key');
    check(el.errorCode, 'error code');
    check(el.signal?.name, 'signal name');
    check(el.escalationCode, 'escalation code');
    const u = el.userTask;
    if (u) {
      check(u.assignee, 'assignee');
      check(u.candidateGroups, 'candidate groups');
      check(u.candidateUsers, 'candidate users');
      check(u.dueDate, 'due date');
      check(u.followUpDate, 'follow-up date');
      check(u.formId, 'form id');
      check(u.externalFormKey, 'external form reference');
      check(u.priority, 'priority');
      for (const l of u.listeners ?? []) {
        check(l.type, `${l.eventType} task listener type`);
        check(l.retries, `${l.eventType} task listener retries`);
      }
    }
    for (const l of el.executionListeners ?? []) {
      check(l.type, `${l.eventType} execution listener type`);
      check(l.retries, `${l.eventType} execution listener retries`);
    }
    check(el.script?.expression, 'script', true);
    check(el.calledElement?.processId, 'called process id');
    check(el.calledDecision?.decisionId, 'called decision id');
    check(el.loop?.inputCollection, 'multi-instance input collection', true);
    check(el.loop?.outputElement, 'multi-instance output element', true);
    check(el.loop?.completionCondition, 'multi-instance completion condition', true);
  }
  for (const flow of Object.values(model.flows)) {
    if (!flow.condition) continue;
    const problem = Feel.syntaxError(flow.condition);
    if (problem) fail(flow.id, `failed to parse expression '${Feel.body(flow.condition)}' (condition): ${problem}`);
  }
}
