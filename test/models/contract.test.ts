import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  APPROVAL_TASK_ELEMENT_ID,
  CANDIDATE_GROUPS,
  ERROR_CODES,
  FORMS,
  JOB_CONTRACTS,
  JOB_TYPES,
  MESSAGES,
  MESSAGE_VARIABLES,
  NOTIFY_TEMPLATES,
  PROCESSES,
  TASK_LISTENER_JOB_TYPES,
  type JobType,
} from '../../contract';
import { readModelFacts, type ModelFacts } from '../../lint/modelFacts';

const ROOT = path.join(__dirname, '../..');
const sorted = (xs: Iterable<string | undefined>) => [...new Set([...xs].filter((x): x is string => !!x))].sort();

describe('contract test: bpmn/ and contract match both ways', () => {
  let facts: ModelFacts;
  beforeAll(async () => {
    facts = await readModelFacts(path.join(ROOT, 'bpmn'));
  });

  it('process ids are the contract processes and the file names (P10)', () => {
    // given the models and the contract
    // when comparing process ids
    // then each process id is a file name and a contract process, and vice versa
    expect(sorted(facts.processIds)).toEqual(sorted(Object.values(PROCESSES)));
    expect(sorted(facts.files.map((f) => f.replace(/\.bpmn$/, '')))).toEqual(sorted(Object.values(PROCESSES)));
  });

  it('job types used in the models (service tasks and task listeners) are exactly the contract job types', () => {
    // given all service tasks and task listeners
    const used = sorted([...facts.elements.map((e) => e.jobType), ...facts.elements.flatMap((e) => (e.taskListeners ?? []).map((l) => l.jobType))]);
    // then every contract job type is used and nothing else
    expect(used).toEqual(sorted(Object.values(JOB_TYPES)));
  });

  it('R3: each task listener of the contract is on its user task at its event in every process that has the task, and nowhere else', () => {
    // given the task listeners of the models
    const listeners = facts.elements.flatMap((e) => (e.taskListeners ?? []).map((l) => ({ processId: e.processId, elementId: e.id, ...l })));
    for (const [jobType, declared] of Object.entries(TASK_LISTENER_JOB_TYPES)) {
      // when looking for the user tasks it belongs to
      const tasks = facts.elements.filter((e) => e.id === declared!.elementId && e.type === 'bpmn:UserTask');
      expect(tasks.length).toBeGreaterThan(0);
      // then each has it at its event, and it is nowhere else
      expect(sorted(listeners.filter((l) => l.jobType === jobType).map((l) => `${l.processId}/${l.elementId}:${l.eventType}`))).toEqual(
        sorted(tasks.map((t) => `${t.processId}/${t.id}:${declared!.eventType}`)),
      );
      // and it is no service task's job type
      expect(facts.elements.filter((e) => e.jobType === jobType)).toEqual([]);
    }
  });

  it('every service task has headers its job type contract accepts (R13, R14, R20: role + template)', () => {
    // given every service task
    for (const e of facts.elements.filter((x) => x.jobType)) {
      // when its headers are parsed with the contract's header schema
      const parsed = JOB_CONTRACTS[e.jobType as JobType].headers.strict().safeParse(e.headers);
      // then they are valid
      expect({ element: `${e.processId}/${e.id}`, ok: parsed.success }).toEqual({ element: `${e.processId}/${e.id}`, ok: true });
    }
  });

  it('notify-role templates used in the models are exactly the contract templates', () => {
    const used = sorted(facts.elements.filter((e) => e.jobType === JOB_TYPES.notifyRole).map((e) => e.headers?.template));
    expect(used).toEqual(sorted(Object.values(NOTIFY_TEMPLATES)));
  });

  it('form ids of user tasks are exactly the contract forms and the files in forms/ (R22 links live there)', () => {
    // given the user tasks, the contract and the form files
    const used = sorted(facts.elements.map((e) => e.formId));
    const files = readdirSync(path.join(ROOT, 'forms')).filter((f) => f.endsWith('.form'));
    const fileIds = files.map((f) => (JSON.parse(readFileSync(path.join(ROOT, 'forms', f), 'utf8')) as { id: string }).id);
    // then all three agree
    expect(used).toEqual(sorted(Object.values(FORMS)));
    expect(sorted(fileIds)).toEqual(used);
    expect(sorted(files.map((f) => f.replace(/\.form$/, '')))).toEqual(used);
  });

  it('every user task has candidate groups that are roles, and each role group with a form is used', () => {
    const userTasks = facts.elements.filter((e) => e.type === 'bpmn:UserTask');
    expect(userTasks.length).toBeGreaterThan(0);
    for (const t of userTasks) {
      expect(t.candidateGroups?.length).toBeGreaterThan(0);
      for (const g of t.candidateGroups ?? []) expect(CANDIDATE_GROUPS).toContain(g);
    }
    // the unit manager is only notified (R14); every other role has a task
    expect(sorted(userTasks.flatMap((t) => t.candidateGroups ?? []))).toEqual(sorted(CANDIDATE_GROUPS.filter((g) => g !== 'unit-manager')));
  });

  it('message names are exactly the contract messages, each correlated on the disruption', () => {
    expect(sorted(facts.messages.map((m) => m.name))).toEqual(sorted(Object.values(MESSAGES)));
    expect(sorted(facts.elements.map((e) => e.messageName))).toEqual(sorted(Object.values(MESSAGES)));
    for (const m of facts.messages) expect({ message: m.name, key: m.correlationKey }).toEqual({ message: m.name, key: '=disruptionId' });
    expect(sorted(Object.keys(MESSAGE_VARIABLES))).toEqual(sorted(Object.values(MESSAGES)));
  });

  it('error codes caught in the models are exactly the contract codes, and each is caught on a task of the job type that throws it (R3)', () => {
    const caught = facts.elements.filter((e) => e.errorCode);
    expect(sorted(caught.map((e) => e.errorCode))).toEqual(sorted(Object.values(ERROR_CODES)));
    expect(sorted(facts.errors.map((e) => e.errorCode))).toEqual(sorted(Object.values(ERROR_CODES)));
    for (const [jobType, contract] of Object.entries(JOB_CONTRACTS)) {
      for (const code of contract.errors) {
        const hosts = caught.filter((c) => c.errorCode === code).map((c) => facts.elements.find((e) => e.id === c.attachedTo && e.processId === c.processId));
        expect(hosts.some((h) => h?.jobType === jobType)).toBe(true);
      }
    }
  });

  it('call activities call processes of the routine, and every process but the main one is called (R17, R3)', () => {
    const called = sorted(facts.elements.map((e) => e.calledProcessId));
    expect(called).toEqual(sorted(Object.values(PROCESSES).filter((p) => p !== PROCESSES.disruption && p !== PROCESSES.maintenance)));
  });

  it('R3: every process that publishes a notice has the approval task whose listener decides who approves (system owner, approve-notice)', () => {
    // given the processes with a publish-notice task
    const publishing = new Set(facts.elements.filter((e) => e.jobType === JOB_TYPES.publishNotice).map((e) => e.processId));
    expect(publishing.size).toBeGreaterThan(0);
    for (const processId of publishing) {
      // then each has the approval user task with the approve-notice form for the system owner
      const approval = facts.elements.find((e) => e.processId === processId && e.id === APPROVAL_TASK_ELEMENT_ID);
      expect({ processId, formId: approval?.formId, groups: approval?.candidateGroups }).toEqual({ processId, formId: FORMS.approveNotice, groups: ['system-owner'] });
    }
  });
});
