import { evaluate } from '@bpmn-io/feelin';
import { getPath, setPath } from '../../../lib/timeline/formSchema';

/**
 * Checks a task form's submission on the server, against the task's Camunda Form (form-js schema), before anything
 * reaches the engine (issue #10: a body `[]` completed "Bedöm omfattning" without its required fields). The same rules
 * form-js applies in the browser – required, type, options, pattern, length, range, email/phone, decimals and steps –
 * with its conditions (`conditional.hide`, FEEL) evaluated on the task's variables and the submitted values: a hidden
 * field is neither required nor accepted. Read-only, disabled and computed fields (`expression`, files) are never taken
 * from the browser. Only the form's own fields come out; messages are Swedish, keyed by the field's path.
 */

interface Component {
  type?: string;
  key?: string;
  path?: string;
  label?: string;
  dateLabel?: string;
  subtype?: string;
  components?: Component[];
  readonly?: boolean | string;
  disabled?: boolean;
  conditional?: { hide?: string };
  values?: Array<{ label?: string; value?: unknown }>;
  valuesKey?: string;
  valuesExpression?: string;
  decimalDigits?: number;
  increment?: number | string;
  serializeToString?: boolean;
  validate?: {
    required?: boolean | string;
    pattern?: string;
    patternErrorMessage?: string;
    minLength?: number | string;
    maxLength?: number | string;
    min?: number | string;
    max?: number | string;
    validationType?: string;
  };
}

interface Field {
  component: Component;
  path: string[];
  /** Conditions of the field and of every group around it: any true hides it. */
  hides: string[];
}

export interface SubmissionCheck {
  /** The variables to complete the task with: the form's visible, writable fields, as submitted. */
  variables: Record<string, unknown>;
  /** Path (`a.b`) → Swedish message (with the field's label); empty when the submission is valid. */
  errors: Record<string, string>;
}

export interface CheckOptions {
  /** The task's variables: what the form's conditions and dynamic options read besides the submitted values. */
  taskVariables?: Record<string, unknown>;
  /** Values the server sets whatever the browser sent (e.g. `approvedBy` = the signed-in user, R3). */
  forced?: (path: string[]) => unknown;
}

const WRITABLE = new Set(['textfield', 'textarea', 'number', 'checkbox', 'checklist', 'radio', 'select', 'taglist', 'datetime']);
const NEVER_FROM_BROWSER = new Set(['expression', 'filepicker', 'documentPreview']);
const MESSAGES = {
  required: 'Fältet är obligatoriskt.',
  text: 'Ange text.',
  number: 'Värdet är inget tal.',
  integer: 'Ange ett heltal.',
  boolean: 'Ange ja eller nej.',
  option: 'Välj ett av alternativen.',
  options: 'Välj bland alternativen.',
  date: 'Ange ett giltigt datum (ÅÅÅÅ-MM-DD).',
  time: 'Ange ett giltigt klockslag (TT:MM).',
  datetime: 'Ange ett giltigt datum och klockslag.',
  email: 'Ange en giltig e-postadress.',
  phone: 'Ange ett giltigt telefonnummer i internationellt format (t.ex. +46401234567).',
  pattern: (pattern: string) => `Värdet har fel format (${pattern}).`,
  minLength: (n: number) => `Minst ${n} tecken.`,
  maxLength: (n: number) => `Högst ${n} tecken.`,
  min: (n: number) => `Värdet måste vara minst ${n}.`,
  max: (n: number) => `Värdet får vara högst ${n}.`,
  decimals: (n: number) => (n === 1 ? 'Högst en decimal.' : `Högst ${n} decimaler.`),
  step: (n: number) => `Värdet måste vara en multipel av ${n}.`,
  invalidForm: 'Formuläret kan inte kontrolleras.',
};
/** form-js' own patterns (Validator). */
const EMAIL = /^[\w-.]+@([\w-]+\.)+[\w-]{2,}$/;
const PHONE = /(\+|00)(297|93|244|1264|358|355|376|971|54|374|1684|1268|61|43|994|257|32|229|226|880|359|973|1242|387|590|375|501|1441|591|55|1246|673|975|267|236|1|61|41|56|86|225|237|243|242|682|57|269|238|506|53|5999|61|1345|357|420|49|253|1767|45|1809|1829|1849|213|593|20|291|212|34|372|251|358|679|500|33|298|691|241|44|995|44|233|350|224|590|220|245|240|30|1473|299|502|594|1671|592|852|504|385|509|36|62|44|91|246|353|98|964|354|972|39|1876|44|962|81|76|77|254|996|855|686|1869|82|383|965|856|961|231|218|1758|423|94|266|370|352|371|853|590|212|377|373|261|960|52|692|389|223|356|95|382|976|1670|258|222|1664|596|230|265|60|262|264|687|227|672|234|505|683|31|47|977|674|64|968|92|507|64|51|63|680|675|48|1787|1939|850|351|595|970|689|974|262|40|7|250|966|249|221|65|500|4779|677|232|503|378|252|508|381|211|239|597|421|386|46|268|1721|248|963|1649|235|228|66|992|690|993|670|676|1868|216|90|688|886|255|256|380|598|1|998|3906698|379|1784|58|1284|1340|84|678|681|685|967|27|260|263)(9[976]\d|8[987530]\d|6[987]\d|5[90]\d|42\d|3[875]\d|2[98654321]\d|9[8543210]|8[6421]|6[6543210]|5[87654321]|4[987654310]|3[9643210]|2[70]|7|1)\d{4,20}$/;

function isFeel(value: unknown): value is string {
  return typeof value === 'string' && value.trimStart().startsWith('=');
}

/** A FEEL expression (`=…`) on the context; anything else as it is. An expression that fails is `undefined`. */
function feel(value: unknown, context: Record<string, unknown>): unknown {
  if (!isFeel(value)) return value;
  try {
    return evaluate(value.trimStart().slice(1), context).value;
  } catch {
    return undefined;
  }
}

function fieldsOf(components: Component[] | undefined, prefix: string[], hides: string[], out: Field[]): void {
  for (const c of components ?? []) {
    if (!c || typeof c !== 'object') continue;
    const ownHides = isFeel(c.conditional?.hide) ? [...hides, c.conditional!.hide!] : hides;
    const groupPath = typeof c.path === 'string' && c.path ? [...prefix, ...c.path.split('.')] : prefix;
    if (typeof c.key === 'string' && c.key && (WRITABLE.has(c.type ?? '') || NEVER_FROM_BROWSER.has(c.type ?? ''))) {
      out.push({ component: c, path: [...groupPath, ...c.key.split('.')], hides: ownHides });
    }
    // A dynamic list repeats its fields per item; this checker does not take repeated items from the browser.
    if (Array.isArray(c.components) && c.type !== 'dynamiclist') fieldsOf(c.components, groupPath, ownHides, out);
  }
}

function plainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function empty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

function decimals(n: number): number {
  const text = String(n);
  if (text.includes('e')) return 20;
  return text.includes('.') ? text.split('.')[1].length : 0;
}

function validDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function validTime(text: string): boolean {
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-](\d{2}):(\d{2}))?$/.exec(text);
  return Boolean(m && Number(m[1]) < 24 && Number(m[2]) < 60 && (m[3] === undefined || Number(m[3]) < 60) && (m[5] === undefined || (Number(m[5]) < 24 && Number(m[6]) < 60)));
}

/** The options a select, radio, checklist or taglist offers: static, from a variable, or from an expression. */
function optionsOf(c: Component, context: Record<string, unknown>): unknown[] | undefined {
  const raw = Array.isArray(c.values) ? c.values : c.valuesKey ? context[c.valuesKey] : c.valuesExpression ? feel(c.valuesExpression, context) : undefined;
  if (!Array.isArray(raw)) return undefined;
  return raw.map((o) => (plainObject(o) && 'value' in o ? o.value : o));
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

/** The problem with one visible, writable field's value, or undefined. */
function problemOf(c: Component, value: unknown, context: Record<string, unknown>): string | undefined {
  const type = c.type ?? '';
  const v = c.validate ?? {};
  const required = feel(v.required, context) === true;
  const isEmpty = empty(value) || (type === 'checkbox' && value === false);
  if (isEmpty) return required ? MESSAGES.required : undefined;

  switch (type) {
    case 'textfield':
    case 'textarea': {
      if (typeof value !== 'string') return MESSAGES.text;
      const length = value.trim().length;
      const minLength = numberOf(feel(v.minLength, context));
      const maxLength = numberOf(feel(v.maxLength, context));
      if (maxLength !== undefined && length > maxLength) return MESSAGES.maxLength(maxLength);
      if (minLength !== undefined && length < minLength) return MESSAGES.minLength(minLength);
      if (typeof v.pattern === 'string' && v.pattern) {
        let pattern: RegExp;
        try {
          pattern = new RegExp(v.pattern);
        } catch {
          return MESSAGES.invalidForm;
        }
        if (!pattern.test(value)) return v.patternErrorMessage || MESSAGES.pattern(v.pattern);
      }
      if (v.validationType === 'email' && !EMAIL.test(value)) return MESSAGES.email;
      if (v.validationType === 'phone' && !PHONE.test(value)) return MESSAGES.phone;
      return undefined;
    }
    case 'number': {
      if (typeof value === 'string' && !c.serializeToString) return MESSAGES.number;
      const n = numberOf(value);
      if (n === undefined) return MESSAGES.number;
      if (typeof c.decimalDigits === 'number' && c.decimalDigits >= 0 && decimals(n) > c.decimalDigits) return c.decimalDigits === 0 ? MESSAGES.integer : MESSAGES.decimals(c.decimalDigits);
      const step = numberOf(c.increment);
      if (step !== undefined && step > 0 && Math.abs(n / step - Math.round(n / step)) > 1e-9) return MESSAGES.step(step);
      const min = numberOf(feel(v.min, context));
      const max = numberOf(feel(v.max, context));
      if (min !== undefined && n < min) return MESSAGES.min(min);
      if (max !== undefined && n > max) return MESSAGES.max(max);
      return undefined;
    }
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : MESSAGES.boolean;
    case 'radio':
    case 'select': {
      const options = optionsOf(c, context);
      return options && options.some((o) => sameValue(o, value)) ? undefined : MESSAGES.option;
    }
    case 'checklist':
    case 'taglist': {
      const options = optionsOf(c, context);
      if (!Array.isArray(value) || !options) return MESSAGES.options;
      if (value.some((item) => !options.some((o) => sameValue(o, item)))) return MESSAGES.options;
      return new Set(value.map((item) => JSON.stringify(item))).size === value.length ? undefined : MESSAGES.options;
    }
    case 'datetime': {
      if (typeof value !== 'string') return MESSAGES.datetime;
      if (c.subtype === 'date') return validDate(value) ? undefined : MESSAGES.date;
      if (c.subtype === 'time') return validTime(value) ? undefined : MESSAGES.time;
      const [date, time, ...rest] = value.split('T');
      return rest.length === 0 && time !== undefined && validDate(date) && validTime(time) ? undefined : MESSAGES.datetime;
    }
    default:
      return MESSAGES.invalidForm;
  }
}

/** Check `submitted` (the browser's `variables`) against the form `schema`. */
export function checkSubmission(schema: unknown, submitted: unknown, options: CheckOptions = {}): SubmissionCheck {
  const errors: Record<string, string> = {};
  const variables: Record<string, unknown> = {};
  if (!plainObject(schema) || !Array.isArray(schema.components)) return { variables, errors: { _: MESSAGES.invalidForm } };
  const data = plainObject(submitted) ? submitted : {};
  const fields: Field[] = [];
  fieldsOf(schema.components as Component[], [], [], fields);

  // What the browser may write: visible (by the conditions), enabled, not read-only, not computed.
  const writable = (f: Field, context: Record<string, unknown>) =>
    WRITABLE.has(f.component.type ?? '') && !f.component.disabled && feel(f.component.readonly, context) !== true && f.component.readonly !== true;
  const valueOf = (f: Field): unknown => {
    const forced = options.forced?.(f.path);
    return forced !== undefined ? forced : getPath(data, f.path);
  };

  // The conditions see the task's variables with the submitted values of the form's own fields over them (form-js' data).
  const context: Record<string, unknown> = structuredClone(plainObject(options.taskVariables) ? options.taskVariables : {});
  for (const f of fields) {
    const value = valueOf(f);
    if (value !== undefined && writable(f, context)) setPath(context, f.path, value);
  }

  for (const f of fields) {
    const hidden = f.hides.some((h) => feel(h, context) === true);
    if (hidden || !writable(f, context)) continue;
    const value = valueOf(f);
    const problem = problemOf(f.component, value, context);
    const label = f.component.label || f.component.dateLabel || f.path.join('.');
    if (problem) errors[f.path.join('.')] = `${label}: ${problem}`;
    else if (value !== undefined) setPath(variables, f.path, value);
  }
  return { variables, errors };
}
