import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';

/** What the cockpit and the timeline need to know about one BPMN element. */
export interface ElementInfo {
  id: string;
  name: string | null;
  /** moddle type, e.g. `bpmn:ServiceTask`, `bpmn:IntermediateCatchEvent`. */
  bpmnType: string;
  /** `message`, `timer`, `error`, `signal`, `escalation`, `terminate`, ... */
  eventKinds: string[];
  messageName: string | null;
  /** `zeebe:taskDefinition type` of a service/send task. */
  jobType: string | null;
  formId: string | null;
  /** `zeebe:taskHeaders` (e.g. role and template of notify-role). */
  headers: Record<string, string>;
  documentation: string | null;
}

interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  flowElements?: ModdleElement[];
  eventDefinitions?: Array<{ $type: string; messageRef?: { name?: string } }>;
  extensionElements?: { values?: Array<{ $type: string; type?: string; formId?: string; values?: Array<{ key?: string; value?: string }> }> };
  documentation?: Array<{ text?: string }>;
  rootElements?: ModdleElement[];
  processRef?: ModdleElement;
  participants?: ModdleElement[];
}

/** Parsed BPMN definitions, cached by process definition key (a deployed version never changes). */
export class DiagramIndex {
  private readonly cache = new Map<string, Promise<Map<string, ElementInfo>>>();
  private readonly moddle = new BpmnModdle({ zeebe: zeebeSchema } as never);

  elements(processDefinitionKey: string, loadXml: () => Promise<string>): Promise<Map<string, ElementInfo>> {
    let entry = this.cache.get(processDefinitionKey);
    if (!entry) {
      entry = loadXml().then((xml) => this.parse(xml));
      entry.catch(() => this.cache.delete(processDefinitionKey));
      this.cache.set(processDefinitionKey, entry);
    }
    return entry;
  }

  private async parse(xml: string): Promise<Map<string, ElementInfo>> {
    const { rootElement } = (await this.moddle.fromXML(xml)) as unknown as { rootElement: ModdleElement };
    const out = new Map<string, ElementInfo>();
    const visit = (el: ModdleElement): void => {
      if (el.id && el.$type !== 'bpmn:SequenceFlow') out.set(el.id, describe(el));
      for (const child of el.flowElements ?? []) visit(child);
    };
    for (const root of rootElement.rootElements ?? []) {
      if (root.$type === 'bpmn:Process') visit(root);
    }
    return out;
  }
}

function describe(el: ModdleElement): ElementInfo {
  const defs = el.eventDefinitions ?? [];
  const ext = el.extensionElements?.values ?? [];
  const taskDef = ext.find((v) => v.$type === 'zeebe:TaskDefinition');
  const formDef = ext.find((v) => v.$type === 'zeebe:FormDefinition');
  const messageName = defs.find((d) => d.$type === 'bpmn:MessageEventDefinition')?.messageRef?.name ?? null;
  const headerDef = ext.find((v) => v.$type === 'zeebe:TaskHeaders');
  const headers: Record<string, string> = {};
  for (const h of headerDef?.values ?? []) if (h.key) headers[h.key] = h.value ?? '';
  const doc = (el.documentation ?? []).map((d) => d.text ?? '').join('\n').trim();
  return {
    id: el.id as string,
    name: el.name?.trim() || null,
    bpmnType: el.$type,
    eventKinds: defs.map((d) => d.$type.replace(/^bpmn:/, '').replace(/EventDefinition$/, '').toLowerCase()),
    messageName: messageName ?? (el.$type === 'bpmn:ReceiveTask' ? ((el as { messageRef?: { name?: string } }).messageRef?.name ?? null) : null),
    jobType: taskDef?.type ?? null,
    formId: formDef?.formId ?? null,
    headers,
    documentation: doc || null,
  };
}
