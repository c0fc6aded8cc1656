import { JOB_TYPES } from '../../contract/jobTypes';
import { elementTypeLabel, groupLabel, jobTypeLabel, messageLabel, notifyRoleLabel, templateLabel } from './labels';
import type { Disruption, InstanceDetail } from './DisruptionLoader';

export type TimelineKind = 'instance' | 'step' | 'decision' | 'rule' | 'message' | 'signal' | 'escalation' | 'timer' | 'notice' | 'notification' | 'incident';

/** One line of the disruption's timeline (P7). */
export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  title: string;
  detail?: string;
  /** Who did it (user task assignee). */
  actor?: string;
  /** For steps: when it ended (or null while active). */
  endedAt?: string | null;
  state?: string;
  elementId?: string;
  processInstanceKey: string;
  processLabel: string;
  /** True for entries of called instances (publish notice, backup routine). */
  inChild: boolean;
  /** Form values of a decision. */
  values?: Record<string, unknown>;
  /** Tie-breaker within the same instant: engine key order (keys grow), `-z` after everything of the key. */
  order: string;
}

export const KIND_LABELS: Record<TimelineKind, string> = {
  instance: 'Rutin',
  step: 'Steg',
  decision: 'Beslut',
  rule: 'Regelbeslut',
  message: 'Meddelande',
  signal: 'Signal',
  escalation: 'Eskalering',
  timer: 'Tidsgräns',
  notice: 'Driftinformation',
  notification: 'Notifiering',
  incident: 'Incident',
};

const GATEWAYS = new Set(['EXCLUSIVE_GATEWAY', 'PARALLEL_GATEWAY', 'INCLUSIVE_GATEWAY', 'EVENT_BASED_GATEWAY']);

/** Element types that are structure, not steps: left out of the timeline. */
const STRUCTURAL = new Set(['PROCESS', 'SEQUENCE_FLOW', 'MULTI_INSTANCE_BODY']);

function processLabel(d: InstanceDetail): string {
  const name = d.definition?.name || d.instance.processDefinitionName || d.instance.processDefinitionId;
  return `${name} v${d.instance.processDefinitionVersion}`;
}

/** "Driftstörning Sesam v3 (2026.1)": name, version and version tag of the routine that governed the instance (P10). */
export function processLabelOf(d: InstanceDetail): string {
  const tag = d.definition?.versionTag;
  return `${processLabel(d)}${tag ? ` (${tag})` : ''}`;
}

function instanceEntries(d: InstanceDetail, isRoot: boolean): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const pKey = d.instance.processInstanceKey;
  const label = processLabel(d);
  const base = { processInstanceKey: pKey, processLabel: label, inChild: !isRoot };
  if (d.instance.startDate) {
    out.push({
      ...base,
      at: d.instance.startDate,
      kind: 'instance',
      title: isRoot ? `Rutinen startade (${label})` : `Delprocess startade: ${label}`,
      order: `${pKey}-0`,
    });
  }
  if (d.instance.endDate) {
    out.push({
      ...base,
      at: d.instance.endDate,
      kind: 'instance',
      title: `${isRoot ? 'Rutinen' : `Delprocessen ${label}`} ${d.instance.state === 'TERMINATED' ? 'avbröts' : 'avslutades'}`,
      state: d.instance.state,
      order: `${lastKey(d)}-z`,
    });
  }

  for (const ei of d.elementInstances) {
    if (STRUCTURAL.has(ei.type) || !ei.startDate) continue;
    const info = d.elements.get(ei.elementId);
    const name = ei.elementName || info?.name || ei.elementId;
    const order = ei.elementInstanceKey;
    const common = { ...base, elementId: ei.elementId, state: ei.state, order };
    const isMessage = (info?.eventKinds.includes('message') || ei.type === 'RECEIVE_TASK') && ei.type !== 'END_EVENT' && ei.type !== 'INTERMEDIATE_THROW_EVENT';
    const isTimer = info?.eventKinds.includes('timer') ?? false;
    if (isMessage && ei.state === 'COMPLETED' && ei.endDate) {
      const msg = info?.messageName;
      out.push({ ...common, at: ei.type === 'START_EVENT' ? ei.startDate : ei.endDate, kind: 'message', title: msg ? `${messageLabel(msg)} (${name})` : name, detail: msg ? `Meddelande ”${msg}”` : undefined });
      continue;
    }
    const signalOrEscalation = info?.eventKinds.find((k) => k === 'signal' || k === 'escalation') as 'signal' | 'escalation' | undefined;
    if (signalOrEscalation && ei.state === 'COMPLETED' && ei.endDate) {
      const thrown = ei.type === 'INTERMEDIATE_THROW_EVENT' || ei.type === 'END_EVENT';
      const what = signalOrEscalation === 'signal' ? (thrown ? 'Signal skickad' : 'Signal mottagen') : thrown ? 'Eskalering' : 'Eskalering fångad';
      out.push({ ...common, at: ei.endDate, kind: signalOrEscalation, title: `${what}: ${name}`, detail: elementTypeLabel(ei.type) });
      continue;
    }
    if (isTimer && ei.state === 'COMPLETED' && ei.endDate && ei.type !== 'START_EVENT') {
      out.push({ ...common, at: ei.endDate, kind: 'timer', title: `Tidsgräns passerad: ${name}` });
      continue;
    }
    if (info?.jobType === JOB_TYPES.publishNotice) {
      const notice = d.variables.publishedNotice as { noticeId?: string; updateNumber?: number; url?: string } | undefined;
      out.push({
        ...common,
        at: ei.endDate ?? ei.startDate,
        endedAt: ei.endDate ?? null,
        kind: 'notice',
        title: ei.state === 'COMPLETED' ? `Driftinformation publicerad: ${name}` : `${name} (${ei.state === 'ACTIVE' ? 'pågår' : 'avbruten'})`,
        detail: ei.state === 'COMPLETED' && notice?.url ? `${notice.url}${notice.updateNumber !== undefined ? ` (uppdatering ${notice.updateNumber})` : ''}` : undefined,
      });
      continue;
    }
    if (info?.jobType === JOB_TYPES.notifyRole) {
      const role = info.headers.role;
      const template = info.headers.template;
      out.push({
        ...common,
        at: ei.endDate ?? ei.startDate,
        endedAt: ei.endDate ?? null,
        kind: 'notification',
        title: `${name}${ei.state === 'COMPLETED' ? '' : ei.state === 'ACTIVE' ? ' (pågår)' : ' (avbruten)'}`,
        detail: role ? `Till ${notifyRoleLabel(role)}${template ? ` – ${templateLabel(template)}` : ''}` : undefined,
      });
      continue;
    }
    // Unnamed joins and splits are drawing aids, not steps anyone would report.
    if (!ei.elementName && !info?.name && GATEWAYS.has(ei.type)) continue;
    const kindText = info?.jobType ? jobTypeLabel(info.jobType) : elementTypeLabel(ei.type);
    const title = ei.type === 'USER_TASK' ? `${name} – uppgift skapad` : name;
    out.push({ ...common, at: ei.startDate, endedAt: ei.endDate ?? null, kind: 'step', title, detail: kindText === name ? undefined : kindText });
  }

  for (const task of d.userTasks) {
    if (task.state !== 'COMPLETED' || !task.completionDate) continue;
    out.push({
      ...base,
      at: task.completionDate,
      kind: 'decision',
      title: `${task.name || task.elementId} – slutförd`,
      actor: task.assignee ?? undefined,
      detail: (task.candidateGroups ?? []).map(groupLabel).join(', ') || undefined,
      elementId: task.elementId,
      values: d.decisions.get(task.userTaskKey),
      order: task.elementInstanceKey ? `${task.elementInstanceKey}-d` : task.userTaskKey,
    });
  }

  for (const dec of d.decisionInstances ?? []) {
    const name = dec.decisionDefinitionName || dec.decisionDefinitionId;
    const rules = (dec.matchedRules ?? []).map(
      (r) => `Regel ${r.ruleIndex ?? '?'}${r.ruleId ? ` (${r.ruleId})` : ''}: ${(r.evaluatedOutputs ?? []).map((o) => `${o.outputName ?? ''} = ${o.outputValue ?? 'null'}`).join(', ')}`,
    );
    out.push({
      ...base,
      at: dec.evaluationDate,
      kind: 'rule',
      title: dec.state === 'FAILED' ? `Regelbeslut misslyckades: ${name}` : `Regelbeslut: ${name} → ${dec.result ?? 'null'}`,
      detail: dec.state === 'FAILED' ? dec.evaluationFailure : rules.length > 0 ? `Matchade regler: ${rules.join('; ')}` : 'Ingen regel matchade',
      state: dec.state,
      order: `${dec.elementInstanceKey ?? dec.decisionEvaluationInstanceKey}-r`,
    });
  }

  for (const inc of d.incidents) {
    if (!inc.creationTime) continue;
    out.push({
      ...base,
      at: inc.creationTime,
      kind: 'incident',
      title: `Incident vid ${d.elements.get(inc.elementId)?.name ?? inc.elementId}`,
      detail: inc.errorMessage,
      state: inc.state,
      elementId: inc.elementId,
      order: `${inc.elementInstanceKey}-i`,
    });
  }
  return out;
}

export interface TimelineOptions {
  /** A person's name for a user id (the users file): decisions say who by name, not by user id. */
  nameOf?: (userId: string) => string | undefined;
}

/** Every step, decision, message, notice and incident of the disruption, oldest first (P7). */
export function buildTimeline(disruption: Disruption, options: TimelineOptions = {}): TimelineEntry[] {
  const entries = [instanceEntries(disruption.root, true), ...disruption.children.map((c) => instanceEntries(c, false))].flat();
  if (options.nameOf) {
    for (const e of entries) if (e.actor) e.actor = options.nameOf(e.actor) ?? e.actor;
  }
  return entries.sort((a, b) => {
    const t = Date.parse(a.at) - Date.parse(b.at);
    if (t !== 0) return t;
    return compareKeys(a.order, b.order);
  });
}

/** The largest key of the instance's records: its end sorts after all of them. */
function lastKey(d: InstanceDetail): string {
  const keys = [d.instance.processInstanceKey, ...d.elementInstances.map((e) => e.elementInstanceKey), ...d.incidents.map((i) => i.elementInstanceKey)];
  return keys.reduce((max, k) => (compareKeys(k, max) > 0 ? k : max));
}

/** Keys are decimal strings of growing numbers: compare by length, then text. */
function compareKeys(a: string, b: string): number {
  const na = a.replace(/-.*$/, '');
  const nb = b.replace(/-.*$/, '');
  if (na.length !== nb.length) return na.length - nb.length;
  return na < nb ? -1 : na > nb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
