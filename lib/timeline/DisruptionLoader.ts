import type { DiagramIndex, ElementInfo } from './DiagramIndex';
import type { EngineGateway } from '../camunda/EngineGateway';
import { decodeVariables } from '../camunda/variables';
import type { DecisionInstance, ElementInstance, Incident, ProcessDefinition, ProcessInstance, UserTask } from './records';
import { displayValue, formFields, getPath } from './formSchema';

/** One process instance with what the cockpit shows of it. */
export interface InstanceDetail {
  instance: ProcessInstance;
  definition: ProcessDefinition | undefined;
  elements: Map<string, ElementInfo>;
  elementInstances: ElementInstance[];
  incidents: Incident[];
  userTasks: UserTask[];
  /** Root-scope variables of this instance, decoded. */
  variables: Record<string, unknown>;
  /** Values of the form fields of each completed user task (by userTaskKey), keyed by field label. */
  decisions: Map<string, Record<string, unknown>>;
  /** DMN decisions evaluated in the instance (business rule tasks), with their matched rules. */
  decisionInstances?: DecisionInstance[];
}

/** A disruption: the root instance and every instance it called (publish notice, backup routine...). */
export interface Disruption {
  root: InstanceDetail;
  children: InstanceDetail[];
}

/** Loads a disruption from the engine through the REST API. */
export class DisruptionLoader {
  constructor(
    private readonly engine: EngineGateway,
    private readonly diagrams: DiagramIndex,
  ) {}

  async load(processInstanceKey: string): Promise<Disruption | undefined> {
    const instance = await this.engine.processInstance(processInstanceKey);
    if (!instance) return undefined;
    const root = await this.detail(instance);
    const children: InstanceDetail[] = [];
    const queue = [instance.processInstanceKey];
    const seen = new Set(queue);
    while (queue.length && children.length < 200) {
      const parent = queue.shift() as string;
      const kids = await this.engine.processInstances({ parentProcessInstanceKey: parent });
      for (const kid of kids) {
        if (seen.has(kid.processInstanceKey)) continue;
        seen.add(kid.processInstanceKey);
        children.push(await this.detail(kid));
        queue.push(kid.processInstanceKey);
      }
    }
    return { root, children };
  }

  async detail(instance: ProcessInstance): Promise<InstanceDetail> {
    const key = instance.processInstanceKey;
    const [definitions, elements, elementInstances, incidents, userTasks, variableItems, decisionInstances] = await Promise.all([
      this.engine.processDefinitions({ processDefinitionKey: instance.processDefinitionKey }),
      this.diagrams
        .elements(instance.processDefinitionKey, () => this.engine.processDefinitionXml(instance.processDefinitionKey))
        .catch(() => new Map<string, ElementInfo>()),
      this.engine.elementInstances(key),
      this.engine.incidents({ processInstanceKey: key }),
      this.engine.userTasks({ processInstanceKey: key }),
      this.engine.variables({ processInstanceKey: key, scopeKey: key }),
      this.engine.decisionInstances(key),
    ]);
    const decisions = new Map<string, Record<string, unknown>>();
    for (const task of userTasks.filter((t) => t.state === 'COMPLETED')) {
      decisions.set(task.userTaskKey, await this.decisionValues(task));
    }
    return {
      instance,
      definition: definitions[0],
      elements,
      elementInstances,
      incidents,
      userTasks,
      variables: decodeVariables(variableItems.filter((v) => !v.scopeKey || v.scopeKey === key)),
      decisions,
      decisionInstances,
    };
  }

  /** The variables named by the task's form fields, as the engine holds them now. */
  private async decisionValues(task: UserTask): Promise<Record<string, unknown>> {
    try {
      const [form, taskVars, localItems] = await Promise.all([
        this.engine.userTaskForm(task.userTaskKey),
        this.engine.userTaskVariables(task.userTaskKey, task.elementInstanceKey),
        this.engine.variables({ processInstanceKey: task.processInstanceKey, scopeKey: task.elementInstanceKey }),
      ]);
      // With output mappings the completion variables stay local to the task's element instance: exactly what
      // was submitted. Otherwise they were merged into the process and the current value is all there is.
      const vars = { ...taskVars, ...decodeVariables(localItems.filter((v) => v.scopeKey === task.elementInstanceKey)) };
      // Keyed by the field's label, as the person saw it (option labels, Ja/Nej).
      const out: Record<string, unknown> = {};
      for (const field of formFields(JSON.parse(form.schema))) {
        const value = getPath(vars, field.path);
        if (value === undefined) continue;
        out[field.label || field.path.join('.')] = displayValue(field, value);
      }
      return out;
    } catch {
      return {};
    }
  }
}
