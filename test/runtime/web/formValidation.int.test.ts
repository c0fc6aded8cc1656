/**
 * Issue #10: the local task list checks every submission on the server against the task's Camunda Form before it
 * reaches the engine (a body `[]` used to complete "Bedöm omfattning" without scope and summary, and the process
 * silently took path 3b). First the checker on the eight real forms (a property: whatever the browser sends, only a
 * complete, well-typed submission of the form's own fields passes), then the route against the real runtime and models.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkSubmission } from '../../../runtime/web/forms/checkSubmission';
import { DEMO, LocalWebHarness } from './support/LocalWebHarness';
import { LocalWebClient } from './support/LocalWebClient';

const FORMS_DIR = join(__dirname, '..', '..', '..', 'forms');
const FORMS = Object.fromEntries(readdirSync(FORMS_DIR).map((f) => [f.replace(/\.form$/, ''), JSON.parse(readFileSync(join(FORMS_DIR, f), 'utf8')) as unknown]));
const SEED = 1010;

interface Field {
  key: string;
  type: string;
  required: boolean;
  hidden: boolean;
  readonly: boolean;
}

function fieldsOf(schema: unknown): Field[] {
  return ((schema as { components: Array<Record<string, unknown>> }).components ?? [])
    .filter((c) => typeof c.key === 'string')
    .map((c) => ({
      key: c.key as string,
      type: c.type as string,
      required: (c.validate as { required?: boolean } | undefined)?.required === true,
      hidden: Boolean((c.conditional as { hide?: string } | undefined)?.hide),
      readonly: c.readonly === true,
    }));
}

/** Values that are valid for the real forms' fields (what form-js would send for a careful user). */
const VALID: Record<string, Record<string, unknown>> = {
  'acknowledge-disruption': { acknowledged: true, acknowledgementNote: 'Jag tittar på det nu.' },
  'approve-notice': { noticeState: 'investigating', noticeTitle: 'Sesam går inte att nå', noticeBody: 'Region Skånes IT felsöker.', approvedBy: 'systemansvarig', approved: true },
  'assess-scope': { scope: 'sesam-down', summary: 'Sesam går inte att nå för någon förskrivare.' },
  'connect-via-work-mobile': { workMobileConnected: true, localFault: 'Kabeln grävdes av', workMobileNote: '' },
  'decide-backup-routine': { backupRoutineDecision: 'start-now', backupRoutineDecisionComment: '' },
  'follow-it-instructions': { itInstructionsActions: 'Vi väntar som IT sa.', itInstructionsFollowed: true },
  'reconcile-paper-referrals': { paperReferralsReceived: 3, paperReferralsEntered: 3, reconciliationNote: '' },
  'review-disruption': { reviewSummary: 'Störningen hanterades enligt rutinen.', reviewLessons: '', slaMet: true, deviationReportFiled: false },
};

/** Hostile JSON: wrong types, huge and empty values, unicode, prototype-looking keys. */
const hostileValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', ' ', 'x'.repeat(100_000), '__proto__', 'constructor', 'sesam-down', 'start-now', '2026-13-45T25:99', '121212-1212'),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'a', 'toString'), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

describe('issue #10: the form checker on the eight real forms', () => {
  test.each(Object.keys(VALID))('%s: a complete submission passes with exactly the form’s fields', (formId) => {
    // given a careful user's values, and keys the form does not have
    const check = checkSubmission(FORMS[formId], { ...VALID[formId], drill: false, reportCount: 999 }, { taskVariables: { noticeKind: 'disruption' } });
    // then it passes, and only the form's fields come out
    expect(check.errors).toEqual({});
    expect(check.variables).toEqual(VALID[formId]);
  });

  test.each(Object.keys(VALID))('%s: a body of [] or {} is refused, each required visible field named in Swedish', (formId) => {
    // given the form's required fields (those not hidden by a condition, not read-only)
    const required = fieldsOf(FORMS[formId]).filter((f) => f.required && !f.readonly && !f.hidden);
    for (const body of [[], {}, null, 'text', 42]) {
      // when checked
      const check = checkSubmission(FORMS[formId], body, { taskVariables: { noticeKind: 'disruption' } });
      // then every required field is named, with the Swedish message
      expect(Object.keys(check.errors).sort()).toEqual(required.map((f) => f.key).sort());
      for (const message of Object.values(check.errors)) expect(message).toMatch(/: Fältet är obligatoriskt\.$/);
      expect(check.variables).toEqual({});
    }
  });

  test('reconcile-paper-referrals (issue #13): no more referrals entered than received – the form\'s FEEL max is checked on the server too', () => {
    // given the real form, whose "entered" field has max = paperReferralsReceived
    const check = (v: Record<string, unknown>) => checkSubmission(FORMS['reconcile-paper-referrals'], { ...VALID['reconcile-paper-referrals'], ...v });
    // when 5 are said to be entered of 3 received, then the server refuses it in Swedish; 3 of 3 and 2 of 3 pass
    expect(Object.keys(check({ paperReferralsReceived: 3, paperReferralsEntered: 5 }).errors)).toEqual(['paperReferralsEntered']);
    expect(check({ paperReferralsReceived: 3, paperReferralsEntered: 5 }).errors.paperReferralsEntered).toMatch(/högst 3\.$/);
    expect(check({ paperReferralsReceived: 3, paperReferralsEntered: 3 }).errors).toEqual({});
    expect(check({ paperReferralsReceived: 3, paperReferralsEntered: 2 }).errors).toEqual({});
  });

  test('assess-scope: wrong types, options not offered, too short, read-only and hidden fields are refused in Swedish', () => {
    const check = (v: unknown, vars: Record<string, unknown> = {}) => checkSubmission(FORMS['assess-scope'], v, { taskVariables: vars }).errors;
    expect(check({ scope: 42, summary: ['Sesam går inte att nå.'] })).toEqual({ scope: 'Omfattning: Välj ett av alternativen.', summary: 'Sammanfattning: Ange text.' });
    expect(check({ scope: 'everything', summary: 'kort' })).toEqual({ scope: 'Omfattning: Välj ett av alternativen.', summary: 'Sammanfattning: Minst 10 tecken.' });
    expect(check({ scope: 'sesam-down', summary: 'x'.repeat(2001) })).toEqual({ summary: 'Sammanfattning: Högst 2000 tecken.' });
    // follow-it-instructions: IT's instructions are read-only – never taken from the browser
    const follow = checkSubmission(FORMS['follow-it-instructions'], { ...VALID['follow-it-instructions'], itInstructions: 'Förfalskade instruktioner' });
    expect(follow.variables).not.toHaveProperty('itInstructions');
    // approve-notice: the prognosis is hidden for a resolved notice (not taken), shown and checked otherwise; approvedBy's pattern
    const approve = (v: Record<string, unknown>) => checkSubmission(FORMS['approve-notice'], { ...VALID['approve-notice'], ...v }, { taskVariables: { noticeKind: 'disruption' } });
    expect(approve({ noticeState: 'resolved', prognosisExpectedAt: 'inte ett datum' }).errors).toEqual({});
    expect(approve({ noticeState: 'resolved', prognosisExpectedAt: 'inte ett datum' }).variables).not.toHaveProperty('prognosisExpectedAt');
    expect(approve({ prognosisExpectedAt: '2026-02-30T14:30+01:00' }).errors).toEqual({ prognosisExpectedAt: 'Beräknas fungera igen – datum: Ange ett giltigt datum och klockslag.' });
    expect(approve({ prognosisExpectedAt: '2026-11-25T14:30+01:00' }).variables.prognosisExpectedAt).toBe('2026-11-25T14:30+01:00');
    expect(approve({ approvedBy: '<script>' }).errors.approvedBy).toMatch(/^Godkänd av.*: Värdet har fel format/);
    expect(checkSubmission(FORMS['reconcile-paper-referrals'], { paperReferralsReceived: -1, paperReferralsEntered: '3' }).errors).toEqual({
      paperReferralsReceived: expect.stringContaining('Värdet måste vara minst 0.'),
      paperReferralsEntered: expect.stringContaining('Värdet är inget tal.'),
    });
  });

  test('property: whatever the browser sends, a passing submission is complete, well typed and holds only the form’s fields', () => {
    // given any form and any hostile body, built on a valid one or not
    const arb = fc.record({
      formId: fc.constantFrom(...Object.keys(VALID)),
      base: fc.boolean(),
      changes: fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('scope', 'summary', 'approved', 'approvedBy', 'noticeState', 'paperReferralsReceived', '__proto__', 'constructor')), hostileValue, { maxKeys: 5 }),
      wrapper: fc.constantFrom('object', 'array', 'string', 'null'),
    });
    fc.assert(
      fc.property(arb, ({ formId, base, changes, wrapper }) => {
        const object = { ...(base ? VALID[formId] : {}), ...changes };
        const body = wrapper === 'object' ? object : wrapper === 'array' ? [object] : wrapper === 'string' ? JSON.stringify(object) : null;
        // when checked
        const check = checkSubmission(FORMS[formId], body, { taskVariables: { noticeKind: 'disruption' } });
        // then it never throws; what comes out is only the form's writable fields
        const fields = fieldsOf(FORMS[formId]);
        for (const key of Object.keys(check.variables)) expect(fields.some((f) => f.key === key && !f.readonly)).toBe(true);
        if (Object.keys(check.errors).length === 0) {
          for (const f of fields.filter((x) => x.required && !x.readonly && !x.hidden)) {
            const v = check.variables[f.key];
            expect(v).toBeDefined();
            if (f.type === 'checkbox') expect(v).toBe(true);
            if (f.type === 'textfield' || f.type === 'textarea') expect(typeof v).toBe('string');
            if (f.type === 'number') expect(typeof v).toBe('number');
          }
        } else {
          expect(check.variables).toBeDefined();
        }
      }),
      { seed: SEED, numRuns: 400, verbose: true },
    );
  });
});

describe('issue #10: POST /tasks/<key>/complete against the real runtime', () => {
  const h = new LocalWebHarness();
  let desk: LocalWebClient;
  jest.setTimeout(60_000);

  beforeAll(async () => {
    await h.start({ browser: false });
    desk = await LocalWebClient.signIn(h.web.url, DEMO.desk);
  });
  afterAll(() => h.stop());

  test('R6, R13: a body of [] with a valid session and CSRF token is refused with field errors; the task stays open, nothing moves', async () => {
    // given a disruption waiting for the desk's assessment
    const pi = await h.startDisruption({ disruptionId: 'D-FORM-1' });
    const task = await h.waitForTask(pi, 'UserTask_AssessScope');
    // when the probe's request is sent
    const res = await desk.request(`/tasks/${task.userTaskKey}/complete`, { method: 'POST', json: [] });
    // then it is a 400 naming scope and summary in Swedish
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string; fields: Record<string, string> };
    expect(body.fields).toEqual({ scope: 'Omfattning: Fältet är obligatoriskt.', summary: 'Sammanfattning: Fältet är obligatoriskt.' });
    expect(body.message).toContain('Formuläret har fel.');
    // and the task is open and unclaimed, and the process's scope is still unset
    const open = await h.client.getUserTask(task.userTaskKey as never);
    expect(open.state).toBe('CREATED');
    expect(open.assignee ?? undefined).toBeUndefined();
    const scope = await h.client.searchVariables({ filter: { processInstanceKey: pi, name: 'scope' } } as never);
    expect((scope.items as Array<{ value: string }>).map((v) => v.value)).toEqual(['null']);
  });

  test('R6, R13: wrong types and options not offered are refused; a valid submission completes with the form’s values, a personnummer masked', async () => {
    // given a disruption waiting for the desk's assessment
    const pi = await h.startDisruption({ disruptionId: 'D-FORM-2' });
    const task = await h.waitForTask(pi, 'UserTask_AssessScope');
    // when wrong values are sent, then a valid one with a patient's personnummer in the summary and a variable of its own
    const wrong = await desk.request(`/tasks/${task.userTaskKey}/complete`, { method: 'POST', json: { variables: { scope: 'all-of-it', summary: 12345678901 } } });
    const ok = await desk.request(`/tasks/${task.userTaskKey}/complete`, {
      method: 'POST',
      json: { variables: { scope: 'sesam-down', summary: 'Patient 19121212-1212 väntar på sin rullstol.', reportCount: 0 } },
    });
    // then the first is refused, the second completes the task with exactly the form's fields
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { fields: Record<string, string> }).fields).toEqual({ scope: 'Omfattning: Välj ett av alternativen.', summary: 'Sammanfattning: Ange text.' });
    expect(ok.status).toBe(200);
    expect((await h.client.getUserTask(task.userTaskKey as never)).state).toBe('COMPLETED');
    const summary = await h.client.searchVariables({ filter: { processInstanceKey: pi, name: 'summary' } } as never);
    expect(JSON.parse((summary.items[0] as { value: string }).value)).toBe('Patient [personnummer] väntar på sin rullstol.');
    const reportCount = await h.client.searchVariables({ filter: { processInstanceKey: pi, name: 'reportCount' } } as never);
    expect((reportCount.items as Array<{ value: string }>).map((v) => v.value)).not.toContain('0');
  });
});
