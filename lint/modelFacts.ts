import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { is } from 'bpmnlint-utils';
import { parseBpmn, type ModdleElement } from './moddle';
import { documentationOf, extension, extensions, ruleIdsIn } from './util';

/** One element of a model, with what the contract and the traceability care about. */
export interface ElementFact {
  processId: string;
  file: string;
  id: string;
  type: string;
  name?: string;
  rules: string[];
  jobType?: string;
  headers?: Record<string, string>;
  formId?: string;
  candidateGroups?: string[];
  messageName?: string;
  errorCode?: string;
  calledProcessId?: string;
  attachedTo?: string;
  /** zeebe:taskListeners of a user task: job type and event type. */
  taskListeners?: { jobType: string; eventType: string }[];
}

export interface ModelFacts {
  processIds: string[];
  files: string[];
  elements: ElementFact[];
  messages: { id: string; name: string; correlationKey?: string }[];
  errors: { id: string; errorCode?: string }[];
}

/** Read every bpmn/*.bpmn with bpmn-moddle + zeebe-bpmn-moddle and collect the facts of each element. */
export async function readModelFacts(bpmnDir: string): Promise<ModelFacts> {
  const facts: ModelFacts = { processIds: [], files: [], elements: [], messages: [], errors: [] };
  for (const file of readdirSync(bpmnDir).filter((f) => f.endsWith('.bpmn')).sort()) {
    facts.files.push(file);
    const { rootElement } = await parseBpmn(readFileSync(path.join(bpmnDir, file), 'utf8'));
    const rootElements = (rootElement.get('rootElements') as ModdleElement[]) ?? [];
    for (const re of rootElements) {
      if (is(re, 'bpmn:Message')) {
        facts.messages.push({ id: re.id!, name: re.name ?? '', correlationKey: extension(re, 'zeebe:Subscription')?.get('correlationKey') as string | undefined });
      }
      if (is(re, 'bpmn:Error')) facts.errors.push({ id: re.id!, errorCode: re.get('errorCode') as string | undefined });
    }
    for (const proc of rootElements.filter((re) => is(re, 'bpmn:Process'))) {
      const processId = proc.id!;
      facts.processIds.push(processId);
      facts.elements.push({ processId, file, id: processId, type: 'bpmn:Process', name: proc.name, rules: ruleIdsIn(documentationOf(proc)) });
      const annotationRules = ((proc.get('artifacts') as ModdleElement[]) ?? [])
        .filter((a) => is(a, 'bpmn:TextAnnotation'))
        .map((a) => ({ id: a.id!, rules: ruleIdsIn(String(a.get('text') ?? '')) }));
      for (const a of annotationRules) facts.elements.push({ processId, file, id: a.id, type: 'bpmn:TextAnnotation', rules: a.rules });
      const visit = (container: ModdleElement) => {
        for (const el of (container.get('flowElements') as ModdleElement[]) ?? []) {
          if (is(el, 'bpmn:SequenceFlow')) continue;
          const fact: ElementFact = { processId, file, id: el.id!, type: el.$type, name: el.name, rules: ruleIdsIn(documentationOf(el)) };
          const task = extension(el, 'zeebe:TaskDefinition');
          if (task) {
            fact.jobType = task.get('type') as string;
            fact.headers = {};
            for (const h of extensions(el, 'zeebe:TaskHeaders').flatMap((t) => (t.get('values') as { key: string; value: string }[]) ?? [])) {
              fact.headers[h.key] = h.value;
            }
          }
          const listeners = extensions(el, 'zeebe:TaskListeners').flatMap((l) => (l.get('listeners') as ModdleElement[]) ?? []);
          if (listeners.length > 0) fact.taskListeners = listeners.map((l) => ({ jobType: String(l.get('type') ?? ''), eventType: String(l.get('eventType') ?? '') }));
          const form = extension(el, 'zeebe:FormDefinition');
          if (form) fact.formId = form.get('formId') as string;
          const assignment = extension(el, 'zeebe:AssignmentDefinition');
          if (assignment) {
            fact.candidateGroups = String(assignment.get('candidateGroups') ?? '')
              .split(',')
              .map((g) => g.trim())
              .filter(Boolean);
          }
          const called = extension(el, 'zeebe:CalledElement');
          if (called) fact.calledProcessId = called.get('processId') as string;
          for (const def of (el.get('eventDefinitions') as ModdleElement[] | undefined) ?? []) {
            if (is(def, 'bpmn:MessageEventDefinition')) fact.messageName = (def.get('messageRef') as ModdleElement | undefined)?.name;
            if (is(def, 'bpmn:ErrorEventDefinition')) fact.errorCode = (def.get('errorRef') as ModdleElement | undefined)?.get('errorCode') as string;
          }
          const attached = el.get('attachedToRef') as ModdleElement | undefined;
          if (is(el, 'bpmn:BoundaryEvent') && attached) fact.attachedTo = attached.id;
          facts.elements.push(fact);
          if (is(el, 'bpmn:SubProcess')) visit(el);
        }
      };
      visit(proc);
    }
  }
  return facts;
}
