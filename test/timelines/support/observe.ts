/**
 * What can be seen after a step, as Operate, the notice page, the feeds and the mailboxes show it: every disruption's
 * process instances (with their called processes), open tasks (with the forms they show), incidents and root
 * variables; every mail received; every notice the store holds; the public listings (page, feeds, status.json, embed).
 */
import type { IncidentRecord, ProcessInstanceRecord } from '../../../runtime/src/broker/types';
import type { Notice } from '../../../service/notices';
import { PROCESSES } from '../../../contract';
import type { LoggedFailure, ReceivedMail, TimelineSut } from './sut';

export interface ObservedTask {
  userTaskKey: string;
  elementId: string;
  processInstanceKey: string;
  processDefinitionId: string;
  candidateGroups: string[];
  assignee: string | null;
  /** For a notice approval: the notice's state and kind as drafted (the called process's input). */
  noticeState?: string;
  noticeKind?: string;
  formKey: string | null;
}

export interface ObservedDisruption {
  id: string;
  rootKey: string;
  state: string;
  vars: Record<string, unknown>;
  instances: ProcessInstanceRecord[];
  openTasks: ObservedTask[];
  incidents: IncidentRecord[];
  /** Called `reservrutin-ot` instances (any state): the backup routine was started (R17, R19). */
  backupInstances: ProcessInstanceRecord[];
}

export interface PublicListing {
  page: string;
  feedJson: string;
  statusJson: string;
  rss: string;
  atom: string;
  embed: string;
}

export interface Observation {
  nowMs: number;
  disruptions: Map<string, ObservedDisruption>;
  mails: ReceivedMail[];
  notices: Notice[];
  listing: PublicListing;
  /** Which notice updates the listing was read for. */
  listingSignature: string;
  /** Form schemas (JSON text) by form key, for the open tasks. */
  forms: Map<string, string>;
  failures: LoggedFailure[];
}

function parse(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function rootVariables(sut: TimelineSut, key: string): Record<string, unknown> {
  return Object.fromEntries(sut.runtime.broker.variables({ processInstanceKey: key, scopeKey: key }).map((v) => [v.name, parse(v.value)]));
}

/** Every process instance of a disruption: the root and everything it called, transitively. */
export function instanceTree(all: ProcessInstanceRecord[], rootKey: string): ProcessInstanceRecord[] {
  const out: ProcessInstanceRecord[] = [];
  const queue = [rootKey];
  while (queue.length > 0) {
    const key = queue.shift()!;
    const found = all.find((p) => p.processInstanceKey === key);
    if (found) out.push(found);
    for (const child of all.filter((p) => p.parentProcessInstanceKey === key)) queue.push(child.processInstanceKey);
  }
  return out;
}

/** Root instances of the routine by disruption id (the current timeline's). */
export function disruptionRoots(sut: TimelineSut, all: ProcessInstanceRecord[] = sut.currentInstances()): Map<string, ProcessInstanceRecord> {
  const roots = new Map<string, ProcessInstanceRecord>();
  for (const p of all) {
    if (p.processDefinitionId !== PROCESSES.disruption || p.parentProcessInstanceKey) continue;
    let id = sut.disruptionIds.get(p.processInstanceKey);
    if (id === undefined) {
      const value = rootVariables(sut, p.processInstanceKey).disruptionId;
      if (typeof value !== 'string') continue;
      id = value;
      sut.disruptionIds.set(p.processInstanceKey, id);
    }
    roots.set(id, p);
  }
  return roots;
}

/** The public pages change only with the notices: read again when a notice changed (the first look reads them). */
async function publicListing(sut: TimelineSut, notices: Notice[], previous: Observation | undefined): Promise<PublicListing> {
  const signature = notices.map((n) => `${n.id}#${n.updateNumber}`).join(',');
  if (previous && previous.listingSignature === signature) return previous.listing;
  const [page, feedJson, statusJson, rss, atom, embed] = await Promise.all(
    ['/driftinfo', '/driftinfo/feed.json', '/driftinfo/status.json', '/driftinfo/rss.xml', '/driftinfo/atom.xml', '/driftinfo/embed'].map(async (p) => (await sut.publicGet(p)).text),
  );
  return { page, feedJson, statusJson, rss, atom, embed };
}

export async function observe(sut: TimelineSut, previous?: Observation): Promise<Observation> {
  const broker = sut.runtime.broker;
  const all = sut.currentInstances();
  const tasks = broker.userTasks({ state: 'CREATED' });
  const incidents = broker.incidents().filter((i) => i.state === 'ACTIVE' && sut.isCurrent(i.processInstanceKey));
  const forms = new Map<string, string>();
  const disruptions = new Map<string, ObservedDisruption>();
  for (const [id, root] of disruptionRoots(sut, all)) {
    const tree = instanceTree(all, root.processInstanceKey);
    const keys = new Set(tree.map((p) => p.processInstanceKey));
    const openTasks: ObservedTask[] = tasks
      .filter((t) => keys.has(t.processInstanceKey))
      .map((t) => {
        const childVars = t.elementId === 'UserTask_ApproveNotice' ? rootVariables(sut, t.processInstanceKey) : {};
        if (t.formKey && !forms.has(t.formKey)) {
          try {
            forms.set(t.formKey, broker.userTaskForm(t.userTaskKey).schema);
          } catch {
            // no linked form
          }
        }
        return {
          userTaskKey: t.userTaskKey,
          elementId: t.elementId,
          processInstanceKey: t.processInstanceKey,
          processDefinitionId: t.processDefinitionId,
          candidateGroups: t.candidateGroups,
          assignee: t.assignee,
          formKey: t.formKey,
          ...(typeof childVars.noticeState === 'string' ? { noticeState: childVars.noticeState } : {}),
          ...(typeof childVars.noticeKind === 'string' ? { noticeKind: childVars.noticeKind } : {}),
        };
      });
    disruptions.set(id, {
      id,
      rootKey: root.processInstanceKey,
      state: root.state,
      vars: rootVariables(sut, root.processInstanceKey),
      instances: tree,
      openTasks,
      incidents: incidents.filter((i) => keys.has(i.processInstanceKey)),
      backupInstances: tree.filter((p) => p.processDefinitionId === PROCESSES.backupRoutine),
    });
  }
  const notices = sut.allNotices();
  return {
    nowMs: sut.engineNow(),
    disruptions,
    mails: sut.mails(),
    notices,
    listing: await publicListing(sut, notices, previous),
    listingSignature: notices.map((n) => `${n.id}#${n.updateNumber}`).join(','),
    forms,
    failures: [...sut.failures],
  };
}
