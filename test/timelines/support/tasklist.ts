/**
 * What Tasklist does for a person, through `@camunda8/sdk`'s CamundaRestClient and the REST API v2: find the open
 * tasks of a kind, open the task's form (its fields are prefilled with the variables of the same name), claim the
 * task, complete it with the form's values.
 */
import type { TimelineSut } from './sut';
import { ENGINE_AUTH_HEADER } from '../../support/engineAuth';

export interface OpenTask {
  userTaskKey: string;
  elementId: string;
  processInstanceKey: string;
  creationDate: string;
}

interface FormComponent {
  key?: string;
  type?: string;
  components?: FormComponent[];
}

function parseValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export class Tasklist {
  private readonly formKeys = new Map<string, string[]>();

  constructor(private readonly sut: TimelineSut) {}

  /** Open tasks of an element, in the given process instances, oldest first. */
  async open(elementId: string, processInstanceKeys: Set<string>): Promise<OpenTask[]> {
    const result = await this.sut.camunda.searchUserTasks({
      filter: { elementId, state: 'CREATED' },
      page: { from: 0, limit: 100 },
      sort: [{ field: 'creationDate', order: 'ASC' }],
    } as Parameters<typeof this.sut.camunda.searchUserTasks>[0]);
    return result.items
      .filter((t) => t.elementId === elementId && processInstanceKeys.has(String(t.processInstanceKey)))
      .map((t) => ({ userTaskKey: String(t.userTaskKey), elementId: t.elementId, processInstanceKey: String(t.processInstanceKey), creationDate: t.creationDate }))
      .sort((a, b) => (a.creationDate < b.creationDate ? -1 : a.creationDate > b.creationDate ? 1 : Number(BigInt(a.userTaskKey) - BigInt(b.userTaskKey))));
  }

  /** The keys of the task's form fields (the linked Camunda Form). */
  async fieldKeys(task: OpenTask): Promise<string[]> {
    const res = await fetch(`${this.sut.runtime.restAddress}/v2/user-tasks/${task.userTaskKey}/form`, { headers: { authorization: ENGINE_AUTH_HEADER } });
    if (!res.ok) return [];
    const form = (await res.json()) as { formKey: string; schema: string };
    const cached = this.formKeys.get(String(form.formKey));
    if (cached) return cached;
    const keys: string[] = [];
    const walk = (components: FormComponent[] | undefined) => {
      for (const c of components ?? []) {
        if (c.key) keys.push(c.key);
        walk(c.components);
      }
    };
    walk((JSON.parse(form.schema) as { components?: FormComponent[] }).components);
    this.formKeys.set(String(form.formKey), keys);
    return keys;
  }

  /** The variables the task sees (what Tasklist prefills the form with). */
  async variables(task: OpenTask): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.sut.runtime.restAddress}/v2/user-tasks/${task.userTaskKey}/variables/search?truncateValues=false`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: ENGINE_AUTH_HEADER },
      body: JSON.stringify({ page: { from: 0, limit: 1000 } }),
    });
    if (!res.ok) return {};
    const body = (await res.json()) as { items: { name: string; value: string }[] };
    return Object.fromEntries(body.items.map((v) => [v.name, parseValue(v.value)]));
  }

  /** The form as opened: every field with a value prefilled from the task's variables. */
  async prefilled(task: OpenTask): Promise<{ keys: string[]; values: Record<string, unknown>; visible: Record<string, unknown> }> {
    const [keys, visible] = await Promise.all([this.fieldKeys(task), this.variables(task)]);
    const values: Record<string, unknown> = {};
    for (const k of keys) if (visible[k] !== undefined && visible[k] !== null) values[k] = visible[k];
    return { keys, values, visible };
  }

  /** Claim (as Tasklist requires) and complete. */
  async claimAndComplete(task: OpenTask, user: string, variables: Record<string, unknown>): Promise<void> {
    await this.sut.camunda.assignUserTask({ userTaskKey: task.userTaskKey, assignee: user, allowOverride: true });
    await this.sut.camunda.completeUserTask({ userTaskKey: task.userTaskKey, variables });
  }
}
