/**
 * The stretches of the routine that many paths share, driven as the people around it would: the desk assesses,
 * the system owner acknowledges and approves, IT reports Sesam restored, VO Hjälpmedel reviews. Background
 * jobs are answered by the scenario's autopilot.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CamundaAssert } from '@camunda8/process-test';
import { parseBpmn, type ModdleElement } from '../../../lint/moddle';
import { stockholmText } from '../../../lib/time/stockholmTime';
import type { Disruption, Scenario, TreeInstance, Vars } from './scenario';

/** Timers a case does not test are set out of its way (they are variables of the routine; never shortened). */
export const QUIET = { noticeUpdateInterval: 'PT24H', slaResponseTime: 'PT24H', slaRestoreTime: 'PT24H' } as const;
/** … and the 4-hour rule too, for cases about something else. */
export const QUIET_NO_BACKUP = { ...QUIET, backupRoutineAfter: 'PT24H' } as const;

export const HOUR = 3600_000;

/** The desk assesses the disruption (form assess-scope). */
export async function assess(s: Scenario, d: Disruption, scope: 'full-it-outage' | 'sesam-down' | 'desk-only', summary = 'Sesam går inte att nå.'): Promise<void> {
  await s.completeUserTask(d.processInstanceKey, 'UserTask_AssessScope', { scope, summary });
}

export interface SesamDownOptions {
  /** How the system owner acknowledges (P4): by phone/API (message), in the task, or not at all (yet). */
  ack?: 'message' | 'task' | 'none';
  /** Whether the system owner approves the first notice (R3) before the path returns. */
  firstNotice?: boolean;
}

/**
 * 3b: start a disruption, the desk assesses "Sesam nås inte av någon"; the system owner (on duty, the autopilot's
 * default) acknowledges and approves the first notice, unless told otherwise. Returns when the path is there.
 */
export async function reachSesamDown(s: Scenario, start: Vars = {}, options: SesamDownOptions = {}): Promise<Disruption> {
  const { ack = 'message', firstNotice = true } = options;
  const d = await s.startDisruption(start);
  await assess(s, d, 'sesam-down', 'Sesam går inte att nå för någon förskrivare.');
  if (ack !== 'none') {
    await s.userTask(d.processInstanceKey, 'UserTask_AcknowledgeDisruption');
    if (ack === 'task') {
      await s.completeUserTask(d.processInstanceKey, 'UserTask_AcknowledgeDisruption', { acknowledged: true, acknowledgementNote: 'Felsökning pågår.' });
    } else {
      await s.publish('system-owner-acknowledged', d.disruptionId, { acknowledgedBy: 'Systemansvarig Sesam' });
    }
    await CamundaAssert.assertThat(d.instance).hasCompletedElements('EndEvent_SystemOwnerReached');
  }
  if (firstNotice) {
    await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishFirstNotice');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_NoticeUpdateDue');
  }
  return d;
}

/** A prognosis as the intake or forward-prognosis sends it (T2): an expected restoration time, in Swedish too, optional text. */
export function prognosis(expectedAt: Date, source: 'it' | 'notice' = 'it', text?: string): Vars {
  return { expectedAt: expectedAt.toISOString(), expectedAtText: stockholmText(expectedAt), ...(text ? { text } : {}), source };
}

/** IT reports Sesam restored; returns when the restoration has been registered (T3). */
export async function restore(s: Scenario, d: Disruption): Promise<void> {
  await s.publish('system-restored', d.disruptionId, { restoredAt: (await s.engineNow()).toISOString() });
  await s.pilot.completed({ type: 'register-restoration', processInstanceKey: d.processInstanceKey });
}

/** VO Hjälpmedel's review (P8) closes the disruption. */
export async function review(s: Scenario, d: Disruption, reviewSummary = 'Kort uppföljning gjord.'): Promise<void> {
  await s.completeUserTask(d.processInstanceKey, 'UserTask_ReviewDisruption', { reviewSummary, slaMet: true, deviationReportFiled: false });
  await CamundaAssert.assertThat(d.instance).isCompleted();
}

let outageElements: Promise<Set<string>> | undefined;

/** Every element inside `SubProcess_Outage` (T3: what restoration must end). */
function elementsOfTheOutage(): Promise<Set<string>> {
  outageElements ??= (async () => {
    const xml = readFileSync(path.resolve(__dirname, '../../../bpmn/driftstorning-sesam.bpmn'), 'utf8');
    const { rootElement } = await parseBpmn(xml);
    const ids = new Set<string>();
    const find = (container: ModdleElement): ModdleElement | undefined => {
      for (const el of (container.get('flowElements') as ModdleElement[] | undefined) ?? []) {
        if (el.id === 'SubProcess_Outage') return el;
        const inner = find(el);
        if (inner) return inner;
      }
      return undefined;
    };
    const collect = (container: ModdleElement) => {
      for (const el of (container.get('flowElements') as ModdleElement[] | undefined) ?? []) {
        ids.add(el.id!);
        collect(el);
      }
    };
    const processes = ((rootElement.get('rootElements') as ModdleElement[]) ?? []).filter((e) => e.$type === 'bpmn:Process');
    const outage = processes.map(find).find(Boolean);
    if (!outage) throw new Error('SubProcess_Outage not found in driftstorning-sesam.bpmn');
    ids.add(outage.id!);
    collect(outage);
    return ids;
  })();
  return outageElements;
}

/**
 * T3: what of the outage is still open – active elements of `SubProcess_Outage` (tasks, timers, waits), instances
 * its call activities started, their open user tasks. Empty once restoration has ended everything.
 */
export async function leftoversOfTheOutage(s: Scenario, d: Disruption): Promise<string[]> {
  const outage = await elementsOfTheOutage();
  const tree = await s.instanceTree(d.processInstanceKey);
  const left: string[] = [];
  for (const element of await s.active(d.processInstanceKey)) {
    const [processId, elementId] = element.split('/') as [string, string];
    if (processId === 'driftstorning-sesam' && outage.has(elementId)) left.push(element);
  }
  // an instance belongs to the outage when the call activity of the root that (transitively) started it does
  const byKey = new Map(tree.map((i) => [i.key, i]));
  const rootCaller = (inst: TreeInstance): string | undefined => {
    let current = inst;
    while (current.parentKey && current.parentKey !== d.processInstanceKey) current = byKey.get(current.parentKey)!;
    return current.calledBy;
  };
  const fromOutage = new Set(tree.filter((i) => i.key !== d.processInstanceKey && outage.has(rootCaller(i) ?? '')).map((i) => i.key));
  for (const inst of tree) if (fromOutage.has(inst.key) && inst.state === 'ACTIVE') left.push(`${inst.processDefinitionId} called by ${inst.calledBy} (${inst.key})`);
  for (const task of await s.openUserTasks(d.processInstanceKey)) if (fromOutage.has(task.processInstanceKey)) left.push(`open user task ${task.elementId} (${task.processInstanceKey})`);
  return left;
}
