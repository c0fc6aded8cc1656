/** What the server needs to know about a Camunda Form (form-js schema). */
interface FormComponent {
  type?: string;
  key?: string;
  path?: string;
  label?: string;
  validate?: { required?: boolean };
  values?: Array<{ label?: string; value?: unknown }>;
  components?: FormComponent[];
  readonly?: boolean | string;
  disabled?: boolean;
}

const INPUT_TYPES = new Set([
  'textfield', 'textarea', 'number', 'checkbox', 'checklist', 'radio', 'select', 'taglist', 'datetime', 'expression', 'filepicker',
]);

function walk(components: FormComponent[] | undefined, prefix: string[], visit: (c: FormComponent, path: string[]) => void): void {
  for (const c of components ?? []) {
    const groupPath = c.path ? [...prefix, ...c.path.split('.')] : prefix;
    if (c.key && INPUT_TYPES.has(c.type ?? '')) visit(c, [...groupPath, ...c.key.split('.')]);
    if (c.components) walk(c.components, c.type === 'dynamiclist' ? [...groupPath] : groupPath, visit);
  }
}

/** Top-level variable names a form writes (first segment of each field's key/path). */
export function formFieldKeys(schema: unknown): string[] {
  const keys = new Set<string>();
  walk((schema as FormComponent)?.components, [], (_c, path) => keys.add(path[0]));
  for (const c of (schema as FormComponent)?.components ?? []) {
    if (c.type === 'dynamiclist' && c.path) keys.add(c.path.split('.')[0]);
  }
  return [...keys];
}

/** Full paths (e.g. `['noticeApproval','approvedBy']`) of the input fields, with whether they are required. */
export interface FormField {
  path: string[];
  required: boolean;
  label: string;
  type: string;
  /** Options of select, radio, checklist, taglist. */
  options?: Array<{ label?: string; value?: unknown }>;
}

export function formFields(schema: unknown): FormField[] {
  const out: FormField[] = [];
  walk((schema as FormComponent)?.components, [], (c, path) =>
    out.push({ path, required: !!c.validate?.required, label: c.label ?? c.key ?? '', type: c.type ?? '', options: c.values }),
  );
  return out;
}

/** A submitted value as the form showed it: option labels for options, Ja/Nej for checkboxes. */
export function displayValue(field: FormField, value: unknown): unknown {
  if (field.type === 'checkbox' && typeof value === 'boolean') return value ? 'Ja' : 'Nej';
  const label = (v: unknown) => field.options?.find((o) => o.value === v)?.label ?? v;
  if (Array.isArray(value) && field.options) return value.map(label).join(', ');
  return field.options ? label(value) : value;
}

export function getPath(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

export function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur: Record<string, unknown> = obj;
  for (const p of path.slice(0, -1)) {
    if (cur[p] === null || typeof cur[p] !== 'object' || Array.isArray(cur[p])) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[path[path.length - 1]] = value;
}
