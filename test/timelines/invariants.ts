/**
 * The invariants checked after every step of every timeline, one named function each. Each reads the reference model
 * (what the timeline did) and the observation (what the system shows) and returns the violations it finds, in plain
 * words. The reading of routine.md each one holds is in `readings`.
 */
import {
  JOB_CONTRACTS,
  JOB_TYPES,
  MESSAGES,
  MESSAGE_VARIABLES,
  NOTIFY_TEMPLATE_IDS,
  disruptionSchema,
  maintenanceSchema,
  noticeApprovalSchema,
  noticeDraftSchema,
  noticeRequestSchema,
  reportSchema,
  timerSettingsSchema,
} from '../../contract';
import { ReferenceModel, type ModelDisruption, type ModelReport } from './model/reference';
import type { Step, Timeline } from './model/steps';
import type { StepOutcome } from './run/execute';
import type { Observation, ObservedDisruption } from './support/observe';
import type { Quiescence } from './support/quiescence';
import type { ReceivedMail } from './support/sut';
import { stockholmShort } from './support/time';

/** Who is who in the system under test (from the service's directory configuration). */
export interface Directory {
  systemOwner: string[];
  workshop: string[];
  vo: string[];
  desk: string[];
  unitManager: string[];
  ownerUserIds: string[];
  tasklistUrl: string;
}

/** What invariants remember from step to step (e.g. which texts they already read). */
export interface InvariantMemory {
  scanned: Set<string>;
  /** Notices seen in a final state after their disruption's restoration: they must stay final (T3). */
  finalAfterRestoration: Map<string, string>;
  /** The step at which each mail was first seen, by Message-ID. */
  mailSeenAt: Map<string, number>;
}

export function newMemory(): InvariantMemory {
  return { scanned: new Set(), finalAfterRestoration: new Map(), mailSeenAt: new Map() };
}

export interface InvariantContext {
  timeline: Timeline;
  index: number;
  step: Step;
  outcome: StepOutcome;
  quiescence: Quiescence;
  model: ReferenceModel;
  obs: Observation;
  /** Mails that arrived during this step. */
  newMails: ReceivedMail[];
  /** Failures the workers logged during this step. */
  newFailures: Observation['failures'];
  directory: Directory;
  memory: InvariantMemory;
}

export interface Invariant {
  name: string;
  /** The readings and rules it holds. */
  readings: string;
  check(ctx: InvariantContext): string[];
}

const FINAL_STATES = new Set(['resolved', 'ended', 'completed']);
const lower = (s: string) => s.trim().toLowerCase();

function mailsOf(ctx: InvariantContext, d: ModelDisruption, purpose: string, recipients?: string[]): ReceivedMail[] {
  const to = recipients?.map(lower);
  return ctx.obs.mails.filter((m) => m.disruptionId === d.id && m.purpose === purpose && (!to || to.includes(lower(m.recipient ?? ''))));
}

function observed(ctx: InvariantContext, d: ModelDisruption): ObservedDisruption | undefined {
  return ctx.obs.disruptions.get(d.id);
}

function isRestored(d: ModelDisruption): boolean {
  return d.restoredAtMs !== undefined;
}

function prognosisText(d: ModelDisruption): string {
  const p = ReferenceModel.latestPrognosis(d);
  return p ? `the latest prognosis (step ${p.step + 1}, via ${p.source === 'it' ? 'the IT API' : 'the notice approval form'}) says ${stockholmShort(p.expectedAtMs)}` : 'there is no prognosis';
}

// ── quiescence and incidents ────────────────────────────────────────────────────────────────────────────────────

export const systemSettles: Invariant = {
  name: 'systemSettles',
  readings: 'every step: jobs done, intake queue empty, no technical fault',
  check(ctx) {
    const out: string[] = [];
    if (!ctx.quiescence.quiet) out.push(`the system did not settle (${ctx.quiescence.reason}); still waiting: ${ctx.quiescence.busy.join(', ') || `${ctx.quiescence.pendingReports} queued report(s)`}`);
    for (const f of ctx.newFailures) out.push(`a worker or the intake logged "${f.msg}"${f.jobType ? ` (${f.jobType})` : ''}${f.err ? `: ${f.err}` : ''}`);
    return out;
  },
};

export const noIncidents: Invariant = {
  name: 'noIncidents',
  readings: 'P7: nothing of the routine is stuck in an incident',
  check(ctx) {
    return [...ctx.obs.disruptions.values()].flatMap((o) => o.incidents.map((i) => `${o.id}: incident at ${i.elementId} (${i.errorType}): ${i.errorMessage}`));
  },
};

// ── T1, T2: the 4-hour rule on the engine clock ─────────────────────────────────────────────────────────────────────

export const backupRoutineFollowsFourHourRule: Invariant = {
  name: 'backupRoutineFollowsFourHourRule',
  readings: 'T1, T2, R17, R19: active ⇔ not restored ∧ ≥ 4 h since the first report (engine clock) ∧ (no prognosis ∨ prognosed time passed ∨ VO Hjälpmedel chose to start it)',
  check(ctx) {
    const out: string[] = [];
    for (const d of ctx.model.disruptions) {
      const o = observed(ctx, d);
      if (!o) continue;
      const started = o.backupInstances.length > 0;
      const due = d.backupDueAtMs !== undefined;
      const mark = stockholmShort(ReferenceModel.markMs(d));
      if (o.backupInstances.length > 1) out.push(`${d.id}: the backup routine was started ${o.backupInstances.length} times`);
      if (started && !due) {
        const why = [
          d.scope !== 'sesam-down' ? `the scope is ${d.scope ?? 'not assessed yet'}` : '',
          ctx.model.nowMs < ReferenceModel.markMs(d) ? `the 4-hour mark (${mark}, engine clock) has not been reached` : '',
          d.scope === 'sesam-down' && ctx.model.nowMs >= ReferenceModel.markMs(d) ? `${prognosisText(d)} and it has not passed${d.decision ? `; VO Hjälpmedel decided "${d.decision.value}"` : ''}` : '',
        ].filter(Boolean);
        out.push(`${d.id}: the backup routine started although ${why.join('; ') || 'the rule does not say so'}`);
      }
      if (!started && due) {
        const reason = { 'no-prognosis': 'there was no prognosis', 'prognosis-passed': `the prognosed time had passed (${prognosisText(d)})`, chosen: 'VO Hjälpmedel chose to start it' }[d.backupDueReason!];
        out.push(`${d.id}: the backup routine should have started at ${stockholmShort(d.backupDueAtMs!)} (step ${d.backupDueStep! + 1}, 4-hour mark ${mark}: ${reason}) but has not`);
      }
    }
    return out;
  },
};

export const firstReportOnEngineClock: Invariant = {
  name: 'firstReportOnEngineClock',
  readings: 'T1: the first report is stamped on the engine clock (reportedAt), whatever the service\'s clock says',
  check(ctx) {
    const out: string[] = [];
    for (const d of ctx.model.disruptions) {
      const v = observed(ctx, d)?.vars.reportedAt;
      if (typeof v !== 'string') continue;
      const at = Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(v) ? v : `${v}Z`);
      if (Math.abs(at - d.firstReportAtMs) > 1_000) out.push(`${d.id}: reportedAt is ${v}, but the first call came in at ${new Date(d.firstReportAtMs).toISOString()} on the engine clock`);
    }
    return out;
  },
};

export const prognosisReachesMainProcess: Invariant = {
  name: 'prognosisReachesMainProcess',
  readings: 'T2: every prognosis – from the IT API or typed into a notice approval – reaches the main process as an expected restoration time',
  check(ctx) {
    const out: string[] = [];
    for (const d of ctx.model.disruptions) {
      const latest = ReferenceModel.latestPrognosis(d);
      if (!latest || d.scope !== 'sesam-down' || isRestored(d)) continue;
      const v = observed(ctx, d)?.vars.prognosis as { expectedAt?: unknown } | string | null | undefined;
      const expectedAt = v && typeof v === 'object' && typeof v.expectedAt === 'string' ? Date.parse(v.expectedAt) : undefined;
      if (expectedAt !== latest.expectedAtMs) {
        out.push(`${d.id}: the latest prognosis (step ${latest.step + 1}, ${latest.source === 'it' ? 'IT API' : 'notice approval form'}) says ${stockholmShort(latest.expectedAtMs)}, the process has ${JSON.stringify(v ?? null)}`);
      }
    }
    return out;
  },
};

// ── T3: restoration ends everything open ───────────────────────────────────────────────────────────────────────────

/** Tasks that belong to after the outage. */
const AFTER_RESTORATION_TASKS = new Set(['UserTask_ReconcilePaperReferrals', 'UserTask_ReviewDisruption']);
/** Mails that belong to an ongoing outage: none may go out once Sesam is restored. */
const OUTAGE_PURPOSES = new Set([
  'disruption-reported',
  'system-owner-off-duty',
  'acknowledgement-overdue',
  'report-received',
  'report-received-call-list',
  'desk-only-notice-requested',
  'backup-routine-activated',
  'backup-routine-decision-requested',
  'sla-breached',
  'notice-update-due',
  'vendor-contact',
  'service-desk-ticket',
]);

export const restorationEndsEverythingOpen: Invariant = {
  name: 'restorationEndsEverythingOpen',
  readings: 'T3, P2: after restoration no open approval (other than the resolved one), no reminder, no decision, nothing else of the outage',
  check(ctx) {
    const out: string[] = [];
    for (const d of ctx.model.disruptions) {
      if (!isRestored(d)) continue;
      const o = observed(ctx, d);
      for (const t of o?.openTasks ?? []) {
        if (AFTER_RESTORATION_TASKS.has(t.elementId)) continue;
        if (t.elementId === 'UserTask_ApproveNotice' && FINAL_STATES.has(t.noticeState ?? '')) continue;
        out.push(`${d.id}: restored at step ${d.restoredStep! + 1}, but ${t.elementId}${t.noticeState ? ` (notice state ${t.noticeState})` : ''} is still open`);
      }
      for (const m of ctx.obs.mails) {
        if (m.disruptionId !== d.id || !OUTAGE_PURPOSES.has(m.purpose ?? '')) continue;
        const seen = ctx.memory.mailSeenAt.get(m.messageId) ?? ctx.index;
        if (seen >= d.restoredStep!) out.push(`${d.id}: restored at step ${d.restoredStep! + 1}, yet "${m.purpose}" went to ${m.recipient} at step ${seen + 1}`);
      }
    }
    return out;
  },
};

export const resolvedNoticeAfterRestoration: Invariant = {
  name: 'resolvedNoticeAfterRestoration',
  readings: 'T3, P2, R21: once restored, whatever was public gets a final state (resolved / backup routine ended) and keeps it',
  check(ctx) {
    const out: string[] = [];
    for (const d of ctx.model.disruptions) {
      if (!isRestored(d)) continue;
      const notices = ctx.obs.notices.filter((n) => n.disruptionId === d.id);
      const pendingFinal = (observed(ctx, d)?.openTasks ?? []).filter((t) => t.elementId === 'UserTask_ApproveNotice' && FINAL_STATES.has(t.noticeState ?? ''));
      for (const n of notices) {
        const wasFinal = ctx.memory.finalAfterRestoration.get(n.id);
        if (FINAL_STATES.has(n.state)) {
          ctx.memory.finalAfterRestoration.set(n.id, n.state);
          continue;
        }
        if (wasFinal) {
          out.push(`${d.id}: notice ${n.id} went back from "${wasFinal}" to "${n.state}" (update ${n.updateNumber}, approved by ${n.approvedBy})`);
        } else if (pendingFinal.length === 0 || d.resolvedApprovalStep !== undefined) {
          out.push(`${d.id}: restored at step ${d.restoredStep! + 1}, but notice ${n.id} (${n.kind}) still says "${n.state}"${pendingFinal.length === 0 ? ' and no resolved notice waits for approval' : ' after the resolved notice was approved'}`);
        }
      }
    }
    return out;
  },
};

export const callersToldSesamWorksAgain: Invariant = {
  name: 'callersToldSesamWorksAgain',
  readings: 'T3, P2: every caller who left an e-mail is told Sesam works again, exactly once, in every scope',
  check(ctx) {
    const out: string[] = [];
    for (const d of ctx.model.disruptions) {
      const emails = [...new Set(d.reports.map((r) => r.email).filter((e): e is string => !!e))];
      for (const email of emails) {
        const n = mailsOf(ctx, d, 'system-restored', [email]).length;
        if (!isRestored(d) && n > 0) out.push(`${d.id}: ${email} was told Sesam works again before it was restored`);
        if (isRestored(d) && n !== 1) out.push(`${d.id} (${d.scope ?? 'not assessed'}): restored at step ${d.restoredStep! + 1}; ${email} was told Sesam works again ${n} times (expected once)`);
      }
    }
    return out;
  },
};

export const workshopToldAboutBackupRoutine: Invariant = {
  name: 'workshopToldAboutBackupRoutine',
  readings: 'R20, P2, T3: Aktiv Ortopedteknik is told once when the backup routine starts, and once that it ended iff it had started',
  check(ctx) {
    const out: string[] = [];
    for (const d of ctx.model.disruptions) {
      const started = (observed(ctx, d)?.backupInstances.length ?? 0) > 0;
      const activated = mailsOf(ctx, d, 'backup-routine-activated', ctx.directory.workshop).length;
      const ended = mailsOf(ctx, d, 'backup-routine-ended', ctx.directory.workshop).length;
      if (activated !== (started ? 1 : 0)) out.push(`${d.id}: backup routine ${started ? 'started' : 'not started'}, Aktiv Ortopedteknik got ${activated} "started" mail(s)`);
      const expectedEnded = isRestored(d) && started ? 1 : 0;
      if (ended !== expectedEnded) {
        out.push(`${d.id}: ${isRestored(d) ? 'restored' : 'not restored'}, backup routine ${started ? 'started' : 'not started'}; Aktiv Ortopedteknik got ${ended} "ended" mail(s), expected ${expectedEnded}`);
      }
    }
    return out;
  },
};

// ── mails, approvals, drills ─────────────────────────────────────────────────────────────────────────────────────

export const oneMailPerRecipientAndPurpose: Invariant = {
  name: 'oneMailPerRecipientAndPurpose',
  readings: 'exactly-once effects: one mail per recipient, purpose and occurrence; every mail is one of the routine\'s recorded effects',
  check(ctx) {
    const out: string[] = [];
    const byKey = new Map<string, number>();
    for (const m of ctx.obs.mails) {
      const key = m.purpose ? `${m.disruptionId} | ${m.purpose} | ${m.recipient} | ${m.update}` : `unrecorded | ${m.to} | ${m.subject}`;
      byKey.set(key, (byKey.get(key) ?? 0) + 1);
    }
    for (const [key, n] of byKey) if (n > 1) out.push(`${n} mails for ${key}`);
    for (const m of ctx.newMails) if (!m.purpose) out.push(`a mail that is not in the outbox went to ${m.to}: "${m.subject}"`);
    return out;
  },
};

export const nothingPublicWithoutOwnerApproval: Invariant = {
  name: 'nothingPublicWithoutOwnerApproval',
  readings: 'R3: only the system owner\'s approval publishes; never one from outside the system-owner group',
  check(ctx) {
    const out: string[] = [];
    for (const d of ctx.model.disruptions) {
      const notices = ctx.obs.notices.filter((n) => n.disruptionId === d.id);
      const updates = notices.flatMap((n) => n.updates.map((u) => ({ ...u, kind: n.kind })));
      for (const u of updates) {
        if (!ctx.directory.ownerUserIds.includes(lower(u.approvedBy))) out.push(`${d.id}: update ${u.updateNumber} of ${u.noticeId} is public, approved by "${u.approvedBy}" (not the system-owner group)`);
      }
      // The approval of the resolved notice also ends a published backup-routine notice (docs/timelines.md, T3).
      const approvedOnTheirOwn = updates.filter((u) => !(u.kind === 'backup-routine' && u.state === 'ended'));
      if (approvedOnTheirOwn.length > d.ownerApprovals) out.push(`${d.id}: ${approvedOnTheirOwn.length} notice updates are public, but the system owner approved only ${d.ownerApprovals}`);
    }
    return out;
  },
};

export const drillsNeverPublic: Invariant = {
  name: 'drillsNeverPublic',
  readings: 'P9: a drill is never public (page, feeds, status.json, embed) and sends nothing outside',
  check(ctx) {
    const out: string[] = [];
    const drillIds = ctx.model.disruptions.filter((d) => d.drill).map((d) => d.id);
    for (const [where, text] of Object.entries(ctx.obs.listing)) {
      for (const id of drillIds) if (text.includes(id)) out.push(`drill ${id} is on the public ${where}`);
    }
    try {
      const status = JSON.parse(ctx.obs.listing.statusJson) as { current?: { drill?: boolean; id?: string }[] };
      for (const c of status.current ?? []) if (c.drill) out.push(`status.json lists drill notice ${c.id}`);
    } catch {
      out.push('status.json is not JSON');
    }
    if (ctx.timeline.drill) {
      for (const m of ctx.newMails) if (m.sink === 'outside') out.push(`a drill mail left the machine: "${m.subject}" to ${m.to}`);
    }
    return out;
  },
};

// ── T6: Swedish for staff ───────────────────────────────────────────────────────────────────────────────────────────

const RULE_ID = /(?<![\p{L}\p{N}_-])(R(?:[1-9]|1\d|2[0-2])|P(?:[1-9]|1[0-2])|T[1-6])(?![\p{L}\p{N}_])/gu;

function camelNames(): string[] {
  const shapes = [
    disruptionSchema,
    maintenanceSchema,
    noticeApprovalSchema,
    noticeDraftSchema,
    noticeRequestSchema,
    reportSchema,
    timerSettingsSchema,
    ...Object.values(JOB_CONTRACTS).flatMap((c) => [c.input, c.output] as unknown[]),
  ].flatMap((s) => Object.keys((s as { shape?: Record<string, unknown> }).shape ?? {}));
  const documented = [
    'reportAge', 'reportedAt', 'reportCount', 'reportedAtText', 'backupRoutineDueAt', 'backupRoutineDueText', 'backupRoutineDecision',
    'backupRoutineStartedAt', 'backupRoutineReason', 'publishedNotice', 'restoredAt', 'restoredAtText', 'publishedNoticeKinds',
    'prognosisExpectedAt', 'prognosisText', 'expectedAtText', 'acknowledgedBy', 'itInstructions', 'engineNow', 'disruptionId',
    'acknowledgementTimeout', 'paperReferralsReceived', 'paperReferralsEntered', 'systemOwnerOnDuty', 'serviceDeskTicketId',
  ];
  const fromMessages = Object.values(MESSAGE_VARIABLES).flat() as string[];
  return [...new Set([...shapes, ...documented, ...fromMessages])].filter((n) => /[a-z][A-Z]/.test(n));
}

const VARIABLE_NAMES = camelNames();
const TECHNICAL_NAMES = [...new Set([...Object.values(MESSAGES), ...Object.values(JOB_TYPES), ...NOTIFY_TEMPLATE_IDS])];
const VARIABLE_RE = new RegExp(`\\b(${VARIABLE_NAMES.join('|')})\\b`, 'g');
const TECHNICAL_RE = new RegExp(`(?<![\\w/.#-])(${TECHNICAL_NAMES.map((n) => n.replace(/-/g, '\\-')).join('|')})(?![\\w-])`, 'g');

/** Text a person reads: tags, URLs, addresses, template expressions and the disruption ids removed. */
export function readableText(s: string): string {
  return s
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[\w.+-]+@[\w.-]+/g, ' ')
    .replace(/\{\{[\s\S]*?\}\}/g, ' ')
    .replace(/(?:OVNING-)?SESAM-\d{8}-\d+(?:-[a-z-]+)?/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ');
}

/** Rule ids, contract variable names and message/job/template names found in a user-facing text. */
export function technicalTerms(text: string): string[] {
  const t = readableText(text);
  return [...new Set([...(t.match(RULE_ID) ?? []), ...(t.match(VARIABLE_RE) ?? []), ...(t.match(TECHNICAL_RE) ?? [])])];
}

interface FormComponentText {
  label?: string;
  text?: string;
  description?: string;
  values?: { label?: string }[];
  components?: FormComponentText[];
}

/** The texts a form shows (labels, texts, options), without expressions. */
export function formTexts(schema: string): string[] {
  const out: string[] = [];
  const walk = (cs: FormComponentText[] | undefined) => {
    for (const c of cs ?? []) {
      for (const v of [c.label, c.text, c.description]) if (typeof v === 'string' && !v.startsWith('=')) out.push(v);
      for (const v of c.values ?? []) if (v.label) out.push(v.label);
      walk(c.components);
    }
  };
  walk((JSON.parse(schema) as { components?: FormComponentText[] }).components);
  return out;
}

export const swedishForStaff: Invariant = {
  name: 'swedishForStaff',
  readings: 'T6: no rule id, contract variable name or message name in mails, notices, the notice page, the call script or forms',
  check(ctx) {
    const out: string[] = [];
    const once = (id: string, where: string, text: string) => {
      if (ctx.memory.scanned.has(id)) return;
      ctx.memory.scanned.add(id);
      const found = technicalTerms(text);
      if (found.length > 0) out.push(`${where} shows ${found.map((f) => `"${f}"`).join(', ')}`);
    };
    for (const m of ctx.newMails) once(`mail:${m.messageId}`, `the mail "${m.subject}" (${m.purpose ?? 'unrecorded'})`, `${m.subject}\n${m.text}\n${m.html}`);
    for (const n of ctx.obs.notices) {
      for (const u of n.updates) once(`notice:${n.id}#${u.updateNumber}`, `notice ${n.id} update ${u.updateNumber}`, `${u.title}\n${u.body}\n${u.prognosis ?? ''}`);
    }
    once(`page:${ctx.obs.listingSignature}`, 'the notice page', ctx.obs.listing.page);
    for (const r of ctx.outcome.reports) once(`script:${r.reportId}`, `the call script for ${r.reportId}`, r.script.join('\n'));
    for (const [formKey, schema] of ctx.obs.forms) once(`form:${formKey}`, `form ${JSON.parse(schema).id as string}`, formTexts(schema).join('\n'));
    return out;
  },
};

export const timesInStockholm: Invariant = {
  name: 'timesInStockholm',
  readings: 'T1, T6: forms, mails and notices show times in Europe/Stockholm, not UTC',
  check(ctx) {
    const out: string[] = [];
    for (const [formKey, schema] of ctx.obs.forms) {
      const key = `utc-form:${formKey}`;
      if (ctx.memory.scanned.has(key)) continue;
      ctx.memory.scanned.add(key);
      const texts = formTexts(schema).filter((t) => /\bUTC\b/.test(t));
      if (texts.length > 0) out.push(`form ${JSON.parse(schema).id as string} shows a time in UTC: "${texts[0].slice(0, 120)}"`);
    }
    for (const m of ctx.newMails) if (/\bUTC\b|\d{2}:\d{2}(:\d{2})?(\.\d+)?Z\b/.test(m.text)) out.push(`the mail "${m.subject}" shows a time in UTC`);
    return out;
  },
};

export const oneSetOfStateLabels: Invariant = {
  name: 'oneSetOfStateLabels',
  readings: 'T6: a notice state has the same label in the approval form, on the page and feeds, and in mails',
  check(ctx) {
    const seen = new Map<string, Map<string, string>>(); // state → label → where
    const add = (state: string, label: string, where: string) => {
      const labels = seen.get(state) ?? new Map<string, string>();
      if (!labels.has(label)) labels.set(label, where);
      seen.set(state, labels);
    };
    for (const schema of ctx.obs.forms.values()) {
      const form = JSON.parse(schema) as { id: string; components?: { key?: string; values?: { label: string; value: string }[] }[] };
      const field = form.components?.find((c) => c.key === 'noticeState');
      for (const v of field?.values ?? []) add(v.value, v.label, `form ${form.id}`);
    }
    try {
      const feed = JSON.parse(ctx.obs.listing.feedJson) as { items?: { tags?: string[]; _driftinfo?: { state?: string } }[] };
      for (const item of feed.items ?? []) if (item._driftinfo?.state && item.tags?.[0]) add(item._driftinfo.state, item.tags[0], 'the feed');
    } catch {
      // feed.json unreadable: drillsNeverPublic reports the page problems
    }
    const updates = new Map<string, string>(ctx.obs.notices.flatMap((n) => n.updates.map((u) => [`${n.id}#${u.updateNumber}`, u.state] as [string, string])));
    for (const m of ctx.obs.mails) {
      if (m.purpose !== 'notice-update' || !m.update) continue;
      const state = updates.get(m.update);
      const label = /\(([^()]+)\)\s*$/.exec(m.subject)?.[1];
      if (state && label) add(state, label, 'the subscriber mail');
    }
    const out: string[] = [];
    const published = new Set(ctx.obs.notices.map((n) => n.state as string).concat(ctx.obs.notices.flatMap((n) => n.updates.map((u) => u.state as string))));
    for (const [state, labels] of seen) {
      if (labels.size > 1 && published.has(state)) out.push(`state "${state}" is called ${[...labels].map(([l, w]) => `"${l}" (${w})`).join(', ')}`);
    }
    return out;
  },
};

// ── T4, T5, P1: the intake and the first minutes ───────────────────────────────────────────────────────────────────

function fitsStrict(o: ModelReport['openBefore'][number], r: ModelReport): boolean {
  if (o.scope) return o.scope !== 'desk-only' || r.deskOnly;
  return r.deskOnly || !o.firstDeskOnly;
}

export const reportsGoWhereTheyFit: Invariant = {
  name: 'reportsGoWhereTheyFit',
  readings: 'P1, T4: a report attaches to the open disruption it fits (never a prescriber to a desk-only one); simultaneous calls start one disruption',
  check(ctx) {
    const out: string[] = [];
    for (const r of ctx.outcome.reports) {
      if (r.status !== 'delivered' || !r.disruptionId) {
        out.push(`report ${r.reportId} is still queued after the system settled`);
        continue;
      }
      const target = ctx.model.byId(r.disruptionId);
      if (r.outcome === 'attached' && target?.scope === 'desk-only' && !r.deskOnly) out.push(`a prescriber who cannot reach Sesam was attached to the desk-only disruption ${r.disruptionId}`);
      if (r.outcome === 'attached' && target && isRestored(target) && target.restoredStep! < ctx.index) out.push(`report ${r.reportId} was attached to ${r.disruptionId}, restored at step ${target.restoredStep! + 1}`);
      const fitting = r.openBefore.filter((o) => fitsStrict(o, r));
      if (r.outcome === 'started' && fitting.length > 0) out.push(`report ${r.reportId} started ${r.disruptionId} although ${fitting.map((f) => f.id).join(', ')} was open and fits it`);
    }
    for (const deskOnly of [true, false]) {
      const started = ctx.outcome.reports.filter((r) => r.outcome === 'started' && r.deskOnly === deskOnly);
      if (started.length > 1) out.push(`${started.length} simultaneous calls started ${started.map((r) => r.disruptionId).join(' and ')}`);
    }
    return out;
  },
};

export const callScriptNeverSaysSesamWorks: Invariant = {
  name: 'callScriptNeverSaysSesamWorks',
  readings: 'T4: the call script never tells a caller that Sesam works for prescribers',
  check(ctx) {
    return ctx.outcome.reports
      .filter((r) => r.script.some((l) => /Sesam fungerar för förskrivare|fungerar för förskrivare och beställare/i.test(l)))
      .map((r) => `the call script for ${r.deskOnly ? 'the desk\'s own report' : `Förskrivare ${r.caller + 1}`} says: "${r.script.find((l) => /fungerar för förskrivare/i.test(l))}"`);
  },
};

export const receiptAtOnce: Invariant = {
  name: 'receiptAtOnce',
  readings: 'T5, R16: a caller who left an e-mail gets the receipt at once, also the first and only one',
  check(ctx) {
    const out: string[] = [];
    for (const r of ctx.outcome.reports) {
      if (!r.email || !r.disruptionId) continue;
      // 3a: VO Hjälpmedel takes no action of its own (R12); the receipt there is not asserted here (see the hand-picked 3a test).
      if (r.scopeAtCall === 'full-it-outage') continue;
      const d = ctx.model.byId(r.disruptionId);
      if (!d || (isRestored(d) && d.restoredStep! < ctx.index)) continue;
      if (mailsOf(ctx, d, 'report-received', [r.email]).length === 0) {
        out.push(`${r.email} called (${r.outcome === 'started' ? 'the first caller' : 'a later caller'} of ${r.disruptionId}) and has no receipt once the system settled`);
      }
    }
    return out;
  },
};

export const ownerAndVendorToldAtOnce: Invariant = {
  name: 'ownerAndVendorToldAtOnce',
  readings: 'T5, R13, R15: when the desk assesses 3b the system owner is told, the vendor contacted and the first notice goes to approval – at once, without waiting for the acknowledgement',
  check(ctx) {
    if (ctx.step.kind !== 'assess' || ctx.outcome.skipped || ctx.step.scope !== 'sesam-down') return [];
    const d = ctx.model.target(ctx.step.d);
    if (!d || isRestored(d)) return [];
    const out: string[] = [];
    if (mailsOf(ctx, d, 'disruption-reported', ctx.directory.systemOwner).length === 0) out.push(`${d.id}: assessed 3b, the system owner was not told`);
    if (mailsOf(ctx, d, 'vendor-contact').length === 0) out.push(`${d.id}: assessed 3b, the vendor was not contacted (the system owner has not acknowledged yet)`);
    const approval = observed(ctx, d)?.openTasks.some((t) => t.elementId === 'UserTask_ApproveNotice');
    const published = ctx.obs.notices.some((n) => n.disruptionId === d.id);
    if (!approval && !published) out.push(`${d.id}: assessed 3b, no notice waits for the system owner's approval`);
    return out;
  },
};

export const mailsPointToOpenTasks: Invariant = {
  name: 'mailsPointToOpenTasks',
  readings: 'P3, P4, T6: a mail that sends its reader to the task list has a task waiting there for them',
  check(ctx) {
    const out: string[] = [];
    const groupOf = (recipient: string): string | undefined => {
      const r = lower(recipient);
      if (ctx.directory.systemOwner.map(lower).includes(r)) return 'system-owner';
      if (ctx.directory.vo.map(lower).includes(r)) return 'assistive-devices-operation';
      if (ctx.directory.workshop.map(lower).includes(r)) return 'orthopaedic-workshop';
      if (ctx.directory.desk.map(lower).includes(r)) return 'desk';
      if (ctx.directory.unitManager.map(lower).includes(r)) return 'unit-manager';
      return undefined;
    };
    for (const m of ctx.newMails) {
      if (!m.disruptionId || !m.recipient || !m.text.includes(ctx.directory.tasklistUrl)) continue;
      const group = groupOf(m.recipient);
      const o = ctx.obs.disruptions.get(m.disruptionId);
      if (!group || !o) continue;
      if (!o.openTasks.some((t) => t.candidateGroups.includes(group))) {
        out.push(`${m.disruptionId}: the mail "${m.subject}" (${m.purpose}) sends ${group} to the task list, where no task of theirs is open`);
      }
    }
    return out;
  },
};

export const fullItOutageReceiptIsNot3b: Invariant = {
  name: 'fullItOutageReceiptIsNot3b',
  readings: 'R12, T3 (reading to confirm): in a full IT outage the routine takes no action of its own; a caller after the 3a assessment does not get the 3b receipt that points to driftinformation for a prognosis',
  check(ctx) {
    const out: string[] = [];
    for (const r of ctx.outcome.reports) {
      if (!r.email || !r.disruptionId || r.scopeAtCall !== 'full-it-outage') continue;
      const d = ctx.model.byId(r.disruptionId);
      if (!d) continue;
      // Only what this call brought: a receipt sent before the desk assessed 3a (the first caller's) is right.
      const fresh = new Set(ctx.newMails.map((m) => m.messageId));
      for (const m of mailsOf(ctx, d, 'report-received', [r.email]).filter((x) => fresh.has(x.messageId))) {
        if (/prognos/i.test(m.text) && /driftinformation/i.test(m.text)) out.push(`${d.id} (3a): ${r.email} got the 3b receipt "${m.subject}" pointing to driftinformation for a prognosis`);
      }
    }
    return out;
  },
};

export const workshopMailSaysTheyHandleReferrals: Invariant = {
  name: 'workshopMailSaysTheyHandleReferrals',
  readings: 'R19, R20: Aktiv Ortopedteknik handles the acute paper referrals (and enters them when Sesam is back) – not "keeps" them',
  check(ctx) {
    return ctx.newMails
      .filter((m) => m.purpose === 'backup-routine-activated' && /spara remiss/i.test(readableText(m.text)))
      .map((m) => `the mail "${m.subject}" tells Aktiv Ortopedteknik to keep ("spara") the referrals instead of handling them`);
  },
};

export const backupNoticeSaysWhatItIs: Invariant = {
  name: 'backupNoticeSaysWhatItIs',
  readings: 'R21, T6: the backup-routine notice does not carry a disruption state such as "the cause is known"',
  check(ctx) {
    return ctx.obs.notices
      .filter((n) => n.kind === 'backup-routine' && ['investigating', 'identified', 'monitoring'].includes(n.state))
      .map((n) => `notice ${n.id} (backup routine) has the disruption state "${n.state}" (${n.body.slice(0, 80)}…)`);
  },
};

/**
 * Swedish days off (public holidays and the "bank" eves the schedule also takes off) that the generated start instants
 * can reach within a timeline – written down here, independently of the service's holiday library.
 */
const DAYS_OFF_2026 = new Set([
  '2026-04-03', '2026-04-05', '2026-04-06', '2026-05-01', '2026-05-14', '2026-06-06', '2026-06-19', '2026-06-20',
  '2026-10-31', '2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-01', '2027-01-06',
]);
const stockholmParts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** P5 with the default schedule: Monday–Friday 08:00–16:30 in Stockholm, not on a day off. */
export function onDutyAt(ms: number): boolean {
  const p = Object.fromEntries(stockholmParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  if (p.weekday === 'Sat' || p.weekday === 'Sun') return false;
  if (DAYS_OFF_2026.has(`${p.year}-${p.month}-${p.day}`)) return false;
  const hm = `${p.hour}:${p.minute}`;
  return hm >= '08:00' && hm < '16:30';
}

export const onDutyDecidedOnEngineClock: Invariant = {
  name: 'onDutyDecidedOnEngineClock',
  readings: 'T1, R14, P5: whether the system owner is on duty is decided for the engine\'s time (office hours, holidays in Stockholm), not the wall clock',
  check(ctx) {
    if (ctx.step.kind !== 'assess' || ctx.outcome.skipped || ctx.step.scope !== 'sesam-down') return [];
    const d = ctx.model.target(ctx.step.d);
    if (!d || isRestored(d)) return [];
    const expectedOnDuty = onDutyAt(ctx.model.nowMs);
    const offDutyMails = mailsOf(ctx, d, 'system-owner-off-duty', ctx.directory.unitManager).length;
    if (expectedOnDuty && offDutyMails > 0) return [`${d.id}: assessed 3b at ${stockholmShort(ctx.model.nowMs)} (engine clock, office hours), yet the unit manager was told the system owner is off duty`];
    if (!expectedOnDuty && offDutyMails === 0) return [`${d.id}: assessed 3b at ${stockholmShort(ctx.model.nowMs)} (engine clock, outside office hours or a day off), yet the unit manager was not told the system owner is off duty`];
    return [];
  },
};

export const INVARIANTS: Invariant[] = [
  systemSettles,
  noIncidents,
  backupRoutineFollowsFourHourRule,
  firstReportOnEngineClock,
  prognosisReachesMainProcess,
  restorationEndsEverythingOpen,
  resolvedNoticeAfterRestoration,
  callersToldSesamWorksAgain,
  workshopToldAboutBackupRoutine,
  oneMailPerRecipientAndPurpose,
  nothingPublicWithoutOwnerApproval,
  drillsNeverPublic,
  swedishForStaff,
  timesInStockholm,
  oneSetOfStateLabels,
  reportsGoWhereTheyFit,
  callScriptNeverSaysSesamWorks,
  receiptAtOnce,
  ownerAndVendorToldAtOnce,
  onDutyDecidedOnEngineClock,
  mailsPointToOpenTasks,
  fullItOutageReceiptIsNot3b,
  workshopMailSaysTheyHandleReferrals,
  backupNoticeSaysWhatItIs,
];

/** The invariants named in a comma list (all when empty). */
export function selectInvariants(names: string | undefined): Invariant[] {
  if (!names) return INVARIANTS;
  const wanted = names.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = wanted.filter((w) => !INVARIANTS.some((i) => i.name === w));
  if (unknown.length > 0) throw new Error(`unknown invariant(s): ${unknown.join(', ')}; known: ${INVARIANTS.map((i) => i.name).join(', ')}`);
  return INVARIANTS.filter((i) => wanted.includes(i.name));
}
