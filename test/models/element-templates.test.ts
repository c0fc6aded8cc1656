import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { JOB_TYPES, NOTIFY_ROLES, NOTIFY_TEMPLATE_IDS, TASK_LISTENER_JOB_TYPES } from '../../contract';

const ROOT = path.join(__dirname, '../..');
const DIR = path.join(ROOT, 'element-templates');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

interface Property {
  id?: string;
  type: string;
  value?: string;
  choices?: { name: string; value: string }[];
  binding: { type: string; property?: string; key?: string; name?: string; eventType?: string };
}
interface Template {
  name: string;
  id: string;
  properties: Property[];
}
const read = (f: string) => JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as Template;
/** The job type of a template: its task definition's, or its task listener's. */
const jobTypeOf = (t: Template) => t.properties.find((p) => (p.binding.type === 'zeebe:taskDefinition' && p.binding.property === 'type') || p.binding.type === 'zeebe:taskListener')?.value;

describe('Camunda Modeler element templates (element-templates/)', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@camunda/zeebe-element-templates-json-schema/resources/schema.json'), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it.each(FILES)('%s validates against the zeebe element templates JSON schema', (file) => {
    // given a template
    const template = read(file);
    // when validated with @camunda/zeebe-element-templates-json-schema
    const ok = validate(template);
    // then there are no errors
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check bites: a property without binding and an unknown binding type are rejected', () => {
    // given a copy of a template with two broken properties
    const broken = read('contact-vendor.json') as unknown as { properties: Record<string, unknown>[] };
    broken.properties.push({ label: 'Utan bindning', type: 'String' }, { label: 'Fel', type: 'String', binding: { type: 'camunda:inputParameter', name: 'x' } });
    // when validated
    const ok = validate(broken);
    // then it fails
    expect(ok).toBe(false);
    expect(validate.errors?.length).toBeGreaterThan(0);
  });

  it('there is exactly one template per contract job type, named after it (both ways)', () => {
    // given the templates
    const types = FILES.map((f) => jobTypeOf(read(f)));
    // then their job types are the contract's, one each, and each file is named after its job type
    expect([...types].sort()).toEqual(Object.values(JOB_TYPES).sort());
    for (const f of FILES) expect(f).toBe(`${jobTypeOf(read(f))}.json`);
  });

  it('R3: the approval template puts the contract\'s task listener on a Camunda user task at its event', () => {
    // given the verify-notice-approver template
    const t = read('verify-notice-approver.json');
    const listener = t.properties.find((p) => p.binding.type === 'zeebe:taskListener')!;
    // then it is a user task template with the listener at the contract's event
    expect(t.properties.some((p) => p.binding.type === 'zeebe:userTask')).toBe(true);
    expect(listener).toMatchObject({ type: 'Hidden', value: JOB_TYPES.verifyNoticeApprover, binding: { eventType: TASK_LISTENER_JOB_TYPES[JOB_TYPES.verifyNoticeApprover]!.eventType } });
  });

  it('R13, R14, R20: "Skicka notifiering" offers exactly the contract roles and mail templates as dropdowns', () => {
    // given the notify-role template
    const t = read('notify-role.json');
    const dropdown = (key: string) => t.properties.find((p) => p.binding.type === 'zeebe:taskHeader' && p.binding.key === key)!;
    // then role and template are header dropdowns with the contract's values
    expect(t.name).toBe('Skicka notifiering');
    expect(dropdown('role').type).toBe('Dropdown');
    expect(dropdown('role').choices!.map((c) => c.value)).toEqual([...NOTIFY_ROLES]);
    expect(dropdown('template').choices!.map((c) => c.value).sort()).toEqual([...NOTIFY_TEMPLATE_IDS].sort());
    expect(dropdown('template').choices!.every((c) => /[a-zåäö]/.test(c.name))).toBe(true);
  });
});
