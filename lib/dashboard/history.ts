/**
 * The disruption dashboard ("Uppföljning") for VO Hjälpmedel and the system owner: what the engine's history says about
 * every disruption, and the figures across disruptions. Pure: the input is what the REST API v2 returns (process
 * instances, their root variables, element instances), so the same figures come out beside the local runtime and beside
 * the region's Camunda 8 (`HistoryLoader` fetches them through the SDK gateway).
 */
import { PROCESSES } from '../../contract/processes';
import { SCOPES, type Scope } from '../../contract/variables';
import type { ElementInstance } from '../timeline/records';

/** The model elements whose history marks the milestones (bpmn/driftstorning-sesam.bpmn, publicera-driftinformation.bpmn). */
export const MILESTONE_ELEMENTS = {
  /** R13: the system owner is mailed the moment the desk assesses 3b. */
  systemOwnerTold: ['ServiceTask_NotifySystemOwner'],
  /** P4: the system owner acknowledged (task, or the message from /it or the API). */
  acknowledged: ['UserTask_AcknowledgeDisruption', 'Event_SystemOwnerAcknowledged'],
  /** R3, R4: a notice was published (the publish-notice job of any called "Publicera driftinformation"). */
  noticePublished: ['ServiceTask_PublishNotice'],
  /** R15: the vendor Visma was contacted. */
  vendorContacted: ['ServiceTask_ContactVendor'],
  /** R17: the backup routine for acute OT referrals started. */
  backupRoutine: ['CallActivity_BackupRoutine'],
  /** P6: SLA silver B response time passed without a prognosis. */
  slaResponseBreached: ['ServiceTask_NotifySlaResponseBreached'],
  /** P6: SLA silver B restore time passed. */
  slaRestoreBreached: ['ServiceTask_NotifySlaRestoreBreached'],
} as const;

/** Every element id the dashboard reads (the loader searches the element instances of these only). */
export const DASHBOARD_ELEMENT_IDS: string[] = [...new Set(Object.values(MILESTONE_ELEMENTS).flat())];

/** One disruption as the dashboard counts it. Times are ISO instants on the engine's clock. */
export interface DisruptionFacts {
  processInstanceKey: string;
  disruptionId: string;
  drill: boolean;
  /** The desk's assessment (3a/3b/3c); undefined while not assessed. */
  scope?: Scope;
  state: string;
  /** First report (T1). */
  reportedAt: string;
  restoredAt?: string;
  reportCount: number;
  systemOwnerToldAt?: string;
  acknowledgedAt?: string;
  firstNoticeAt?: string;
  vendorContactedAt?: string;
  backupRoutineStartedAt?: string;
  slaResponseBreached: boolean;
  slaRestoreBreached: boolean;
}

/** What the engine holds of one disruption: its root instance, root variables, the element instances of its whole tree. */
export interface DisruptionHistory {
  root: { processInstanceKey: string; state: string; startDate?: string | null };
  /** Root-scope variables, decoded. */
  variables: Record<string, unknown>;
  /** Element instances of the root instance and every instance it called (at least the `DASHBOARD_ELEMENT_IDS`). */
  elements: Pick<ElementInstance, 'elementId' | 'state' | 'startDate' | 'endDate'>[];
}

function earliest(values: (string | null | undefined)[]): string | undefined {
  let best: string | undefined;
  let bestMs = Infinity;
  for (const v of values) {
    if (!v) continue;
    const ms = Date.parse(v);
    if (Number.isFinite(ms) && ms < bestMs) {
      bestMs = ms;
      best = v;
    }
  }
  return best;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** The facts of one disruption from its history. */
export function disruptionFacts(h: DisruptionHistory): DisruptionFacts {
  const v = h.variables;
  const of = (ids: readonly string[]) => h.elements.filter((e) => ids.includes(e.elementId));
  const completedAt = (ids: readonly string[]) => earliest(of(ids).filter((e) => e.state === 'COMPLETED').map((e) => e.endDate));
  const scope = SCOPES.find((s) => s === v.scope);
  return {
    processInstanceKey: h.root.processInstanceKey,
    disruptionId: str(v.disruptionId) ?? h.root.processInstanceKey,
    drill: v.drill === true,
    ...(scope ? { scope } : {}),
    state: h.root.state,
    reportedAt: str(v.reportedAt) ?? h.root.startDate ?? '',
    ...(str(v.restoredAt) ? { restoredAt: str(v.restoredAt) } : {}),
    reportCount: typeof v.reportCount === 'number' && v.reportCount > 0 ? v.reportCount : 1,
    ...optional('systemOwnerToldAt', completedAt(MILESTONE_ELEMENTS.systemOwnerTold)),
    ...optional('acknowledgedAt', completedAt(MILESTONE_ELEMENTS.acknowledged)),
    ...optional('firstNoticeAt', completedAt(MILESTONE_ELEMENTS.noticePublished)),
    ...optional('vendorContactedAt', completedAt(MILESTONE_ELEMENTS.vendorContacted)),
    ...optional('backupRoutineStartedAt', earliest(of(MILESTONE_ELEMENTS.backupRoutine).map((e) => e.startDate))),
    slaResponseBreached: of(MILESTONE_ELEMENTS.slaResponseBreached).length > 0,
    slaRestoreBreached: of(MILESTONE_ELEMENTS.slaRestoreBreached).length > 0,
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

// --- figures across disruptions ----------------------------------------------------------------------------

/** A date range of Swedish calendar days, both inclusive ("2026-01-01" … "2026-12-31"); either end open. */
export interface DateRange {
  from?: string;
  to?: string;
}

export const SCOPE_KEYS = [...SCOPES, 'unassessed'] as const;
export type ScopeKey = (typeof SCOPE_KEYS)[number];

/** Short labels (routine.md §3a–3c). */
export const SCOPE_SHORT: Record<ScopeKey, string> = {
  'full-it-outage': '3a IT-haveri',
  'sesam-down': '3b Sesam nere',
  'desk-only': '3c Endast administrationen',
  unassessed: 'Ej bedömd',
};

/** Minutes from the first report to each milestone. */
export const MILESTONES = ['systemOwnerTold', 'acknowledged', 'firstNotice', 'vendorContacted'] as const;
export type Milestone = (typeof MILESTONES)[number];
export const MILESTONE_LABELS: Record<Milestone, string> = {
  systemOwnerTold: 'Systemansvarig underrättad',
  acknowledged: 'Kvitterad av systemansvarig',
  firstNotice: 'Första driftinformation publicerad',
  vendorContacted: 'Leverantören kontaktad',
};

/** n, median, mean (both rounded to whole minutes) and max of a set of minutes; undefined figures when n = 0. */
export interface MinuteStats {
  n: number;
  median?: number;
  mean?: number;
  max?: number;
}

export interface DisruptionRow extends DisruptionFacts {
  /** First report to restored, in minutes (undefined while not restored). */
  durationMin?: number;
  minutesTo: Partial<Record<Milestone, number>>;
  /** The Swedish calendar month of the first report, "2026-03". */
  month: string;
}

export interface Figures {
  disruptions: number;
  byScope: Record<ScopeKey, number>;
  /** Months of the range that have disruptions, in order, with counts per scope. */
  perMonth: { month: string; byScope: Record<ScopeKey, number>; total: number }[];
  duration: MinuteStats;
  milestones: Record<Milestone, MinuteStats>;
  backupRoutineActivations: number;
  slaResponseBreaches: number;
  slaRestoreBreaches: number;
  reports: { total: number; meanPerDisruption?: number; max?: number };
  rows: DisruptionRow[];
}

export interface Dashboard {
  range: DateRange;
  /** Real disruptions. */
  real: Figures;
  /** Drills (P9), apart. */
  drills: Figures;
}

const MONTH = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' });
const DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** "2026-03" for an instant, in Europe/Stockholm. */
export function stockholmMonth(iso: string): string {
  return MONTH.format(new Date(iso));
}

/** "2026-03-07" for an instant, in Europe/Stockholm. */
export function stockholmDay(iso: string): string {
  return DAY.format(new Date(iso));
}

function minutesBetween(from: string, to: string | undefined): number | undefined {
  if (!to) return undefined;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms / 60_000) : undefined;
}

/** Median (the mean of the two middle values for an even count), mean and max; median and mean to whole minutes. */
export function minuteStats(values: number[]): MinuteStats {
  if (values.length === 0) return { n: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { n: sorted.length, median: Math.round(median), mean: Math.round(mean), max: sorted[sorted.length - 1] };
}

function emptyScopes(): Record<ScopeKey, number> {
  return { 'full-it-outage': 0, 'sesam-down': 0, 'desk-only': 0, unassessed: 0 };
}

export function inRange(day: string, range: DateRange): boolean {
  return (!range.from || day >= range.from) && (!range.to || day <= range.to);
}

function rowOf(f: DisruptionFacts): DisruptionRow {
  const minutesTo: Partial<Record<Milestone, number>> = {};
  const at: Record<Milestone, string | undefined> = {
    systemOwnerTold: f.systemOwnerToldAt,
    acknowledged: f.acknowledgedAt,
    firstNotice: f.firstNoticeAt,
    vendorContacted: f.vendorContactedAt,
  };
  for (const m of MILESTONES) {
    const min = minutesBetween(f.reportedAt, at[m]);
    if (min !== undefined) minutesTo[m] = min;
  }
  const durationMin = minutesBetween(f.reportedAt, f.restoredAt);
  return { ...f, ...(durationMin !== undefined ? { durationMin } : {}), minutesTo, month: stockholmMonth(f.reportedAt) };
}

function figuresOf(facts: DisruptionFacts[]): Figures {
  const rows = facts.map(rowOf).sort((a, b) => Date.parse(a.reportedAt) - Date.parse(b.reportedAt) || a.disruptionId.localeCompare(b.disruptionId));
  const byScope = emptyScopes();
  const months = new Map<string, Record<ScopeKey, number>>();
  for (const r of rows) {
    const k: ScopeKey = r.scope ?? 'unassessed';
    byScope[k] += 1;
    const m = months.get(r.month) ?? emptyScopes();
    m[k] += 1;
    months.set(r.month, m);
  }
  const milestones = Object.fromEntries(
    MILESTONES.map((m) => [m, minuteStats(rows.flatMap((r) => (r.minutesTo[m] === undefined ? [] : [r.minutesTo[m] as number])))]),
  ) as Record<Milestone, MinuteStats>;
  const reports = rows.map((r) => r.reportCount);
  const total = reports.reduce((a, b) => a + b, 0);
  return {
    disruptions: rows.length,
    byScope,
    perMonth: [...months.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, s]) => ({ month, byScope: s, total: Object.values(s).reduce((a, b) => a + b, 0) })),
    duration: minuteStats(rows.flatMap((r) => (r.durationMin === undefined ? [] : [r.durationMin]))),
    milestones,
    backupRoutineActivations: rows.filter((r) => r.backupRoutineStartedAt).length,
    slaResponseBreaches: rows.filter((r) => r.slaResponseBreached).length,
    slaRestoreBreaches: rows.filter((r) => r.slaRestoreBreached).length,
    reports: rows.length ? { total, meanPerDisruption: Math.round((total / rows.length) * 10) / 10, max: Math.max(...reports) } : { total: 0 },
    rows,
  };
}

/** The dashboard's figures for the disruptions first reported within the range (Swedish calendar days); drills apart. */
export function computeDashboard(facts: DisruptionFacts[], range: DateRange = {}): Dashboard {
  const within = facts.filter((f) => f.reportedAt && inRange(stockholmDay(f.reportedAt), range));
  return { range, real: figuresOf(within.filter((f) => !f.drill)), drills: figuresOf(within.filter((f) => f.drill)) };
}

/** Is this root instance a disruption (the routine's main process)? */
export function isDisruptionRoot(i: { processDefinitionId: string; parentProcessInstanceKey?: string | null }): boolean {
  return i.processDefinitionId === PROCESSES.disruption && !i.parentProcessInstanceKey;
}
