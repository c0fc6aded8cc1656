import { lintExpression } from '@bpmn-io/feel-lint';
import { camundaBuiltins } from '@camunda/feel-builtins';
import { is } from 'bpmnlint-utils';
import type { ModdleElement } from '../moddle';
import type { RuleFactory } from '../types';

const DURATION = /^-?P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})(\[[A-Za-z_/+-]+\])?$/;
const CYCLE = /^R(\d*)\/(.+)$/;

/** Why a static (non-FEEL) timer value is invalid, or undefined when it is valid ISO 8601. */
export function invalidTimerValue(kind: 'timeDate' | 'timeDuration' | 'timeCycle', value: string): string | undefined {
  if (kind === 'timeDuration') return DURATION.test(value) ? undefined : `<${value}> is not an ISO 8601 duration (e.g. PT4H)`;
  if (kind === 'timeDate') {
    return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value.replace(/\[.*\]$/, '')))
      ? undefined
      : `<${value}> is not an ISO 8601 date-time with offset (e.g. 2026-12-24T08:00:00+01:00)`;
  }
  const m = CYCLE.exec(value);
  if (!m) return `<${value}> is not an ISO 8601 repeating interval (e.g. R/PT1H)`;
  const parts = m[2].split('/');
  const ok = parts.every((p) => DURATION.test(p) || DATE_TIME.test(p)) && parts.some((p) => DURATION.test(p));
  return ok ? undefined : `<${value}> is not an ISO 8601 repeating interval (e.g. R/PT1H)`;
}

/** FEEL syntax problems of `=expression` (empty when it parses cleanly). */
export function feelProblems(expression: string): string[] {
  return lintExpression(expression, { builtins: camundaBuiltins }).map((d) => `${d.severity}: ${d.message}`);
}

/**
 * Every timer (start, intermediate, boundary) has exactly one of timeDate/timeDuration/timeCycle,
 * and its value is valid ISO 8601 or a FEEL expression (`=...`) that parses without problems.
 */
const rule: RuleFactory = () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:TimerEventDefinition')) return;
    const event = node.$parent as ModdleElement | undefined;
    const id = event?.id ?? node.id;
    const kinds = (['timeDate', 'timeDuration', 'timeCycle'] as const).filter((k) => node.get(k));
    if (kinds.length !== 1) {
      reporter.report(id, `Timer must have exactly one of timeDate, timeDuration, timeCycle (has ${kinds.length})`);
      return;
    }
    const kind = kinds[0];
    const body = String((node.get(kind) as { body?: string }).body ?? '').trim();
    if (!body) {
      reporter.report(id, `Timer ${kind} is empty`);
      return;
    }
    if (body.startsWith('=')) {
      for (const p of feelProblems(body.slice(1))) reporter.report(id, `Timer ${kind} FEEL <${body}>: ${p}`);
      return;
    }
    const problem = invalidTimerValue(kind, body);
    if (problem) reporter.report(id, `Timer ${kind} ${problem}`);
  },
});
export default rule;
