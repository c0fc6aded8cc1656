import { FormLinter } from '@camunda/form-linting';
import { z } from 'zod';
import type { Problem } from './linter';
import { feelInForm, feelProblems } from './feel';

/** Component types of form-js 1.16 (Camunda 8.8) that our forms may use. */
export const FORM_COMPONENT_TYPES = [
  'text',
  'html',
  'textfield',
  'textarea',
  'number',
  'checkbox',
  'checklist',
  'radio',
  'select',
  'taglist',
  'datetime',
  'separator',
  'spacer',
  'group',
  'expression',
] as const;
const INPUT_TYPES = new Set(['textfield', 'textarea', 'number', 'checkbox', 'checklist', 'radio', 'select', 'taglist', 'datetime']);
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const validateSchema = z
  .object({
    required: z.boolean().optional(),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).optional(),
    // form-js evaluates FEEL in min/max (cross-field limits, e.g. entered ≤ received)
    min: z.union([z.number(), z.string().startsWith('=')]).optional(),
    max: z.union([z.number(), z.string().startsWith('=')]).optional(),
    pattern: z.string().optional(),
    validationType: z.enum(['email', 'phone', 'custom']).optional(),
  })
  .strict()
  .refine((v) => v.pattern === undefined || isRegExp(v.pattern), { message: 'pattern is not a valid regular expression' })
  .refine((v) => v.minLength === undefined || v.maxLength === undefined || v.minLength <= v.maxLength, { message: 'minLength > maxLength' });

function isRegExp(p: string): boolean {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
}

const componentSchema: z.ZodType<unknown> = z.lazy(() =>
  z
    .object({
      id: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
      type: z.enum(FORM_COMPONENT_TYPES),
      key: z.string().regex(VARIABLE_NAME, 'key must be a variable name').optional(),
      label: z.string().min(1).optional(),
      description: z.string().optional(),
      text: z.string().optional(),
      content: z.string().optional(),
      readonly: z.union([z.boolean(), z.string().startsWith('=')]).optional(),
      disabled: z.boolean().optional(),
      validate: validateSchema.optional(),
      values: z.array(z.object({ label: z.string().min(1), value: z.string().min(1) }).strict()).min(1).optional(),
      conditional: z.object({ hide: z.string().startsWith('=') }).strict().optional(),
      components: z.array(componentSchema).optional(),
      layout: z.object({ row: z.string().optional(), columns: z.number().nullable().optional() }).optional(),
      defaultValue: z.unknown().optional(),
      // datetime (form-js): the date/time labels stand in for `label`
      subtype: z.enum(['date', 'time', 'datetime']).optional(),
      dateLabel: z.string().min(1).optional(),
      timeLabel: z.string().min(1).optional(),
      use24h: z.boolean().optional(),
      timeSerializingFormat: z.enum(['utc_offset', 'utc_normalized', 'no_timezone']).optional(),
      timeInterval: z.number().int().min(1).max(60).optional(),
    })
    .strict()
    .superRefine((c, ctx) => {
      if (INPUT_TYPES.has(c.type) && !c.key) ctx.addIssue({ code: 'custom', message: `${c.type} needs a key (the variable it reads and writes)` });
      if (INPUT_TYPES.has(c.type) && !(c.label ?? c.dateLabel)) ctx.addIssue({ code: 'custom', message: `${c.type} needs a Swedish label` });
      if ((c.type === 'radio' || c.type === 'select' || c.type === 'checklist') && !c.values) ctx.addIssue({ code: 'custom', message: `${c.type} needs values` });
      if (c.type === 'datetime' && c.subtype !== 'date' && c.timeSerializingFormat !== 'utc_offset') {
        ctx.addIssue({ code: 'custom', message: 'datetime with a time must serialise with its UTC offset (timeSerializingFormat "utc_offset"), so the time is not misread in another zone' });
      }
      if (c.type === 'text' && !c.text) ctx.addIssue({ code: 'custom', message: 'text needs text' });
      if (c.type === 'html' && !c.content) ctx.addIssue({ code: 'custom', message: 'html needs content' });
    }),
);

/** The structure of a Camunda Form for Camunda 8.8 as this project writes them. */
export const formSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'form id must be kebab-case'),
    type: z.literal('default'),
    schemaVersion: z.number().int().min(16).max(19),
    executionPlatform: z.literal('Camunda Cloud'),
    executionPlatformVersion: z.string().regex(/^8\.8\.\d+$/),
    exporter: z.object({ name: z.string(), version: z.string() }).optional(),
    components: z.array(componentSchema).min(1),
  })
  .strict();

function allComponents(components: unknown[]): Record<string, unknown>[] {
  return (components as Record<string, unknown>[]).flatMap((c) => [c, ...allComponents((c.components as unknown[]) ?? [])]);
}

/**
 * Validate one `.form`: JSON, our structural schema, unique ids and keys, form id = file name,
 * the Camunda Modeler's form linter (@camunda/form-linting) and feel-lint on every expression.
 */
export async function lintForm(file: string, text: string, expectedId?: string): Promise<Problem[]> {
  const problem = (element: string, rule: string, message: string): Problem => ({ file, element, rule, severity: 'error', message });
  let form: unknown;
  try {
    form = JSON.parse(text);
  } catch (err) {
    return [problem('(json)', 'json', (err as Error).message)];
  }
  const problems: Problem[] = [];
  const parsed = formSchema.safeParse(form);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(problem(issue.path.join('.') || '(form)', 'form-schema', issue.message));
  }
  const f = form as { id?: string; components?: unknown[] };
  if (expectedId && f.id !== expectedId) problems.push(problem('(form)', 'form-id', `form id <${f.id}> must equal the file name <${expectedId}>`));
  const comps = allComponents(Array.isArray(f.components) ? f.components : []);
  for (const attr of ['id', 'key'] as const) {
    const seen = new Set<unknown>();
    for (const c of comps) {
      if (c[attr] === undefined) continue;
      if (seen.has(c[attr])) problems.push(problem(String(c.id), 'form-unique', `duplicate ${attr} <${String(c[attr])}>`));
      seen.add(c[attr]);
    }
  }
  const reports = await new FormLinter().lint(form as object);
  for (const r of reports) problems.push(problem(r.id ?? '(form)', 'form-linting', r.message));
  problems.push(...feelProblems(file, feelInForm(form)));
  return problems;
}
