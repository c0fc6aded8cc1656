/**
 * Runs one step through the interfaces staff and IT use – the intake API (`POST /api/reports`), the IT API
 * (`POST /api/disruptions/:id/messages/:name`), user tasks as Tasklist completes them (claim, the form's values), the
 * runtime's clock – and records in the reference model what it did.
 */
import { MESSAGES } from '../../../contract';
import { ReferenceModel, type ModelDisruption, type ModelReport } from '../model/reference';
import { callerText, SCOPE_SV } from '../model/describe';
import type { CallerSpec, RelativeTime, Step, Timeline } from '../model/steps';
import { instanceTree, disruptionRoots } from '../support/observe';
import { waitForQuiescence } from '../support/quiescence';
import { USERS, type TimelineSut } from '../support/sut';
import type { OpenTask, Tasklist } from '../support/tasklist';
import { durationText, MINUTE, offsetText, relativeText, stockholmShort } from '../support/time';

export interface StepContext {
  sut: TimelineSut;
  tasks: Tasklist;
  model: ReferenceModel;
  timeline: Timeline;
  /** 0-based index of the step. */
  index: number;
}

export interface StepOutcome {
  /** The step with its times resolved, in Swedish. */
  text: string;
  /** Why it did not apply (it was skipped). */
  skipped?: string;
  /** What happened, in Swedish ("→ startade SESAM-20261124-1"). */
  notes: string[];
  /** Reports this step made. */
  reports: ModelReport[];
}

/** Which body the IT API takes for a prognosis (the target shape first; the free-text API until it lands). */
type PrognosisShape = 'object' | 'flat' | 'legacy-text';
let prognosisShape: PrognosisShape | undefined;

const PROGNOSIS_TEXTS = ['Fel i en databasserver, leverantören byter disk.', 'Nätverksfel i datacentret.', 'Certifikat har gått ut och förnyas.'];

function emailOf(caller: number): string {
  return `forskrivare${caller + 1}@vardgivare.example`;
}

/** Engine time of a relative time for a disruption (the 4-hour mark, the latest prognosis, now). */
export function resolveTime(model: ReferenceModel, d: ModelDisruption | undefined, t: RelativeTime): { ms: number; text: string } {
  const now = model.nowMs;
  const offset = t.offsetMin * MINUTE;
  if (t.anchor === 'mark' && d) return { ms: ReferenceModel.markMs(d) + offset, text: offsetText('4-timmarsgränsen', offset) };
  const latest = d ? ReferenceModel.latestPrognosis(d) : undefined;
  if (t.anchor === 'prognosis' && latest) return { ms: latest.expectedAtMs + offset, text: offsetText('den senaste prognosens tid', offset) };
  return { ms: now + offset, text: relativeText(offset) };
}

/** "kl. tis 24 nov. 14:35, om 2 h 30 min (efter 4-timmarsgränsen)" */
function whenText(model: ReferenceModel, d: ModelDisruption | undefined, ms: number): string {
  const rel = relativeText(ms - model.nowMs);
  const mark = d ? ReferenceModel.markMs(d) : undefined;
  const side = mark === undefined ? '' : ms < mark ? ' (före 4-timmarsgränsen)' : ' (efter 4-timmarsgränsen)';
  return `${rel}, ${stockholmShort(ms)}${side}`;
}

function rootKeysOf(ctx: StepContext, d: ModelDisruption): Set<string> {
  const all = ctx.sut.currentInstances();
  const root = disruptionRoots(ctx.sut, all).get(d.id);
  if (!root) return new Set();
  return new Set(instanceTree(all, root.processInstanceKey).map((p) => p.processInstanceKey));
}

async function openTasks(ctx: StepContext, d: ModelDisruption, elementId: string): Promise<OpenTask[]> {
  return ctx.tasks.open(elementId, rootKeysOf(ctx, d));
}

function targetSuffix(d: ModelDisruption | undefined, model: ReferenceModel): string {
  return d && model.disruptions.length > 1 ? ` [${d.id}]` : '';
}

interface ReportJson {
  reportId: string;
  status: 'delivered' | 'queued';
  outcome: 'started' | 'attached' | null;
  disruptionId: string | null;
  tellCaller?: { lines?: string[] };
}

async function report(ctx: StepContext, spec: CallerSpec): Promise<ModelReport> {
  const { sut, model, timeline } = ctx;
  const at = model.nowMs;
  const open = model.open(timeline.drill);
  const body = {
    reporterName: spec.deskOnly ? 'Hjälpmedel Administration' : `Förskrivare ${spec.caller + 1}`,
    reporterPhone: spec.deskOnly ? '040-675 30 00' : `040-100 00 ${String(spec.caller + 1).padStart(2, '0')}`,
    ...(spec.email && !spec.deskOnly ? { reporterEmail: emailOf(spec.caller) } : {}),
    channel: spec.deskOnly ? 'other' : 'phone',
    symptom: spec.deskOnly ? 'Administrationen når inte Sesam; förskrivarna verkar kunna arbeta.' : 'Sesam svarar inte vid inloggning.',
    drill: timeline.drill,
    deskOnly: spec.deskOnly,
  };
  const res = await sut.api('/api/reports', body);
  if (res.status !== 201 && res.status !== 202) throw new Error(`POST /api/reports answered ${res.status}: ${JSON.stringify(res.body)}`);
  let json = res.body as ReportJson;
  if (json.status !== 'delivered') {
    await waitForQuiescence(sut);
    json = (await sut.apiGet(`/api/reports/${encodeURIComponent(json.reportId)}`)).body as ReportJson;
  }
  const disruption = json.disruptionId ? model.byId(json.disruptionId) : undefined;
  const r: ModelReport = {
    reportId: json.reportId,
    caller: spec.caller,
    ...(spec.email && !spec.deskOnly ? { email: emailOf(spec.caller) } : {}),
    deskOnly: spec.deskOnly,
    drill: timeline.drill,
    atMs: at,
    step: ctx.index,
    status: json.status,
    ...(json.outcome ? { outcome: json.outcome } : {}),
    ...(json.disruptionId ? { disruptionId: json.disruptionId } : {}),
    script: json.tellCaller?.lines ?? [],
    ...(disruption?.scope ? { scopeAtCall: disruption.scope } : {}),
    openBefore: open.map((o) => ({ id: o.id, ...(o.scope ? { scope: o.scope } : {}), firstDeskOnly: o.firstDeskOnly })),
  };
  model.addReport(r);
  return r;
}

/** The IT API's prognosis message, in the shape the service takes. */
async function postPrognosis(ctx: StepContext, d: ModelDisruption, expectedAtMs: number, text: string | undefined): Promise<{ status: number; shape: PrognosisShape }> {
  const expectedAt = new Date(expectedAtMs).toISOString();
  const bodies: Record<PrognosisShape, unknown> = {
    object: { prognosis: { expectedAt, ...(text ? { text } : {}) } },
    flat: { expectedAt, ...(text ? { text } : {}) },
    'legacy-text': { prognosis: `Beräknas åter i drift ${stockholmShort(expectedAtMs)}.${text ? ` ${text}` : ''}` },
  };
  const path = `/api/disruptions/${encodeURIComponent(d.id)}/messages/${MESSAGES.prognosisReceived}`;
  const order: PrognosisShape[] = prognosisShape ? [prognosisShape] : ['object', 'flat', 'legacy-text'];
  let last = { status: 0, shape: order[0] };
  for (const shape of order) {
    const res = await ctx.sut.api(path, bodies[shape]);
    last = { status: res.status, shape };
    if (res.status !== 400) {
      if (res.status === 202) prognosisShape = shape;
      return last;
    }
  }
  return last;
}

function skip(text: string, why: string): StepOutcome {
  return { text, skipped: why, notes: [], reports: [] };
}

export async function executeStep(ctx: StepContext, step: Step, describe: string): Promise<StepOutcome> {
  const { sut, model, tasks } = ctx;
  const d = 'd' in step ? model.target(step.d) : undefined;
  const suffix = targetSuffix(d, model);
  if ('d' in step && !d) return skip(describe, 'ingen driftstörning ännu');

  switch (step.kind) {
    case 'report': {
      const r = await report(ctx, step);
      return { text: callerText(step), notes: [reportNote(r)], reports: [r] };
    }
    case 'concurrentReports': {
      const rs = await Promise.all(step.calls.map((c) => report(ctx, c)));
      return { text: describe, notes: rs.map(reportNote), reports: rs };
    }
    case 'assess': {
      const [task] = await openTasks(ctx, d!, 'UserTask_AssessScope');
      if (!task) return skip(describe, 'ingen öppen uppgift "Bedöm omfattning"');
      await tasks.claimAndComplete(task, USERS.desk, { scope: step.scope, summary: `Bedömning: ${SCOPE_SV[step.scope]}` });
      d!.scope = step.scope;
      d!.assessedStep = ctx.index;
      return { text: `Hjälpmedel Administration bedömer omfattningen: ${SCOPE_SV[step.scope]}${suffix}`, notes: [], reports: [] };
    }
    case 'acknowledge': {
      if (step.via === 'task') {
        const [task] = await openTasks(ctx, d!, 'UserTask_AcknowledgeDisruption');
        if (!task) return skip(describe, 'ingen öppen uppgift "Kvittera driftstörningen"');
        await tasks.claimAndComplete(task, USERS.systemOwner, { acknowledged: true, acknowledgementNote: 'Mottaget, felsökning pågår.' });
        return { text: `Systemansvarig kvitterar driftstörningen i uppgiftslistan${suffix}`, notes: [], reports: [] };
      }
      if (d!.restoredAtMs !== undefined) return skip(describe, 'Sesam är redan åter i drift');
      const res = await sut.api(`/api/disruptions/${encodeURIComponent(d!.id)}/messages/${MESSAGES.systemOwnerAcknowledged}`, { acknowledgedBy: 'Systemansvarig Sesam' });
      return { text: `Systemansvarig kvitterar driftstörningen via IT-API:t${suffix}`, notes: res.status === 202 ? [] : [`IT-API:t svarade ${res.status}`], reports: [] };
    }
    case 'prognosis': {
      const { ms } = resolveTime(model, d, step.at);
      const expectedAtMs = ms + 30_000; // never exactly on a clock step: "has passed" stays unambiguous
      const text = step.withText ? PROGNOSIS_TEXTS[ctx.index % PROGNOSIS_TEXTS.length] : undefined;
      const res = await postPrognosis(ctx, d!, expectedAtMs, text);
      const line = `IT lämnar prognos via IT-API:t: åter i drift ${whenText(model, d, expectedAtMs)}${text ? `, "${text}"` : ''}${suffix}`;
      if (res.status !== 202) return { text: line, notes: [`IT-API:t svarade ${res.status}`], reports: [] };
      d!.prognoses.push({ expectedAtMs, ...(text ? { text } : {}), atMs: model.nowMs, step: ctx.index, source: 'it' });
      return { text: line, notes: res.shape === 'legacy-text' ? ['(IT-API:t tar bara prognos som fritext: skickad som text med tiden)'] : [], reports: [] };
    }
    case 'approve':
      return approve(ctx, step, d!, describe, suffix);
    case 'decide': {
      const [task] = await openTasks(ctx, d!, 'UserTask_DecideBackupRoutine');
      if (!task) return skip(describe, 'ingen öppen uppgift "Besluta om reservrutinen"');
      await tasks.claimAndComplete(task, USERS.vo, { backupRoutineDecision: step.decision });
      d!.decision = { value: step.decision, atMs: model.nowMs, step: ctx.index, prognosisCount: d!.prognoses.length };
      return { text: `VO Hjälpmedel beslutar om reservrutinen: ${step.decision === 'start-now' ? 'starta den nu' : 'avvakta prognosen'}${suffix}`, notes: [], reports: [] };
    }
    case 'clock': {
      const { ms, text } = resolveTime(model, d, step.to);
      if (ms <= model.nowMs) return skip(describe, `${text} har redan passerat`);
      const delta = ms - model.nowMs;
      await sut.addClock(delta);
      const line =
        step.to.anchor === 'now'
          ? `Klockan går fram ${durationText(delta)} till ${stockholmShort(ms)}`
          : `Klockan går fram ${durationText(delta)} till ${text}, ${stockholmShort(ms)}${suffix}`;
      model.nowMs = ms;
      return { text: line, notes: [], reports: [] };
    }
    case 'restore': {
      const res = await sut.api(`/api/disruptions/${encodeURIComponent(d!.id)}/messages/${MESSAGES.systemRestored}`, {});
      const line = `IT meddelar via IT-API:t att Sesam fungerar igen${suffix}`;
      if (res.status !== 202) return { text: line, notes: [`IT-API:t svarade ${res.status}`], reports: [] };
      if (d!.restoredAtMs === undefined) {
        d!.restoredAtMs = model.nowMs;
        d!.restoredStep = ctx.index;
      }
      return { text: line, notes: [], reports: [] };
    }
    case 'itInstructions': {
      if (d!.restoredAtMs !== undefined) return skip(describe, 'Sesam är redan åter i drift');
      const res = await sut.api(`/api/disruptions/${encodeURIComponent(d!.id)}/messages/${MESSAGES.itInstructionsReceived}`, {
        itInstructions: 'Använd inte Sesam förrän IT meddelar att det fungerar. Skriv ner beställningar på papper.',
      });
      return { text: `IT ger instruktioner till VO Hjälpmedel${suffix}`, notes: res.status === 202 ? [] : [`IT-API:t svarade ${res.status}`], reports: [] };
    }
    case 'followInstructions': {
      const [task] = await openTasks(ctx, d!, 'UserTask_FollowItInstructions');
      if (!task) return skip(describe, 'ingen öppen uppgift "Följ IT:s instruktioner"');
      await tasks.claimAndComplete(task, USERS.vo, { itInstructionsActions: 'Inga egna åtgärder utöver IT:s instruktioner.', itInstructionsFollowed: true });
      return { text: `VO Hjälpmedel följer IT:s instruktioner${suffix}`, notes: [], reports: [] };
    }
    case 'connectMobile': {
      const [task] = await openTasks(ctx, d!, 'UserTask_ConnectViaWorkMobile');
      if (!task) return skip(describe, 'ingen öppen uppgift "Koppla upp via tjänstemobil"');
      await tasks.claimAndComplete(task, USERS.desk, { workMobileConnected: true, localFault: 'Avgrävd kabel utanför kontoret', workMobileNote: 'Två tjänstemobiler i bruk.' });
      return { text: `Hjälpmedel Administration kopplar upp via tjänstemobil${suffix}`, notes: [], reports: [] };
    }
    case 'reconcile': {
      const [task] = await openTasks(ctx, d!, 'UserTask_ReconcilePaperReferrals');
      if (!task) return skip(describe, 'ingen öppen uppgift "Mata in akuta OT-remisser"');
      await tasks.claimAndComplete(task, USERS.workshop, { paperReferralsReceived: step.received, paperReferralsEntered: step.entered, reconciliationNote: '' });
      return { text: `Aktiv Ortopedteknik rapporterar ${step.received} mottagna och ${step.entered} inmatade pappersremisser${suffix}`, notes: [], reports: [] };
    }
    case 'review': {
      const [task] = await openTasks(ctx, d!, 'UserTask_ReviewDisruption');
      if (!task) return skip(describe, 'ingen öppen uppgift "Följ upp driftstörningen"');
      await tasks.claimAndComplete(task, USERS.vo, { reviewSummary: 'Rutinen följdes.', reviewLessons: 'Inga.', slaMet: true, deviationReportFiled: true });
      return { text: `VO Hjälpmedel gör uppföljningen av driftstörningen${suffix}`, notes: [], reports: [] };
    }
  }
}

function reportNote(r: ModelReport): string {
  if (r.status !== 'delivered' || !r.disruptionId) return '→ anmälan ligger kvar i kön (motorn tog inte emot den)';
  return r.outcome === 'started' ? `→ startade ${r.disruptionId}` : `→ kopplad till ${r.disruptionId}`;
}

function sameInstant(a: unknown, b: number): boolean {
  return typeof a === 'string' && Date.parse(a) === b;
}

async function approve(ctx: StepContext, step: Extract<Step, { kind: 'approve' }>, d: ModelDisruption, describe: string, suffix: string): Promise<StepOutcome> {
  const { model, tasks } = ctx;
  const open = await openTasks(ctx, d, 'UserTask_ApproveNotice');
  if (open.length === 0) return skip(describe, 'ingen väntande driftinformation att godkänna');
  const task = step.pick === 'oldest' ? open[0] : open[open.length - 1];
  const form = await tasks.prefilled(task);
  const state = typeof form.visible.noticeState === 'string' ? form.visible.noticeState : undefined;
  const kind = typeof form.visible.noticeKind === 'string' ? form.visible.noticeKind : undefined;
  const what = `driftinformation${kind ? ` (${kind}` : ''}${state ? `, ${state})` : kind ? ')' : ''}`;
  const values: Record<string, unknown> = { ...form.values };
  const notes: string[] = [];
  let typed: { ms: number; text: string } | undefined;
  if (step.typedPrognosis && step.how === 'approve') {
    const { ms } = resolveTime(model, d, step.typedPrognosis);
    const expectedAtMs = ms + 30_000;
    typed = { ms: expectedAtMs, text: `Åter i drift ${stockholmShort(expectedAtMs)}` };
    if (form.keys.includes('prognosisExpectedAt')) {
      values.prognosisExpectedAt = new Date(expectedAtMs).toISOString();
      // a person who types the time the form already shows leaves its comment as it is: the prognosis is unchanged
      const sameAsShown = sameInstant(form.values.prognosisExpectedAt, expectedAtMs);
      if (form.keys.includes('prognosisText') && !sameAsShown) values.prognosisText = 'Enligt IT:s bedömning.';
    } else if (form.keys.includes('prognosis')) {
      values.prognosis = typed.text;
    } else {
      notes.push('(formuläret har inget prognosfält)');
      typed = undefined;
    }
  }
  let user: string;
  if (step.how === 'unauthorised') {
    user = USERS.desk;
    Object.assign(values, { approved: true }, form.keys.includes('approvedBy') ? { approvedBy: 'Hjälpmedel Administration' } : {});
  } else {
    user = USERS.systemOwner;
    Object.assign(values, { approved: step.how === 'approve' }, form.keys.includes('approvedBy') ? { approvedBy: 'Systemansvarig Sesam' } : {});
  }
  if (step.how === 'unauthorised') {
    // R3 (issue #9): the approval task's completing listener denies anyone outside the system-owner group – the engine
    // refuses the completion (409) and the task stays open, as it was.
    const denied = await tasks.claimAndComplete(task, user, values).then(
      () => false,
      (err: unknown) => /denied by Task Listener/.test(String((err as Error).message)),
    );
    if (!denied) throw new Error('R3: an approval by someone outside the system-owner group was not denied by the task listener');
    notes.push('(nekad av uppgiftslyssnaren: endast systemansvarig får godkänna)');
  } else {
    await tasks.claimAndComplete(task, user, values);
  }

  if (step.how === 'approve') {
    d.ownerApprovals += 1;
    if (d.restoredAtMs !== undefined && (state === 'resolved' || state === 'ended') && d.resolvedApprovalStep === undefined) d.resolvedApprovalStep = ctx.index;
    if (typed && d.restoredAtMs === undefined) {
      const before = form.values.prognosisExpectedAt ?? form.values.prognosis;
      const unchanged = sameInstant(before, typed.ms) || before === typed.text;
      if (!unchanged) d.prognoses.push({ expectedAtMs: typed.ms, atMs: model.nowMs, step: ctx.index, source: 'notice' });
    }
  }
  const typedText = typed ? ` och skriver in prognosen: åter i drift ${whenText(model, d, typed.ms)}` : '';
  const line =
    step.how === 'approve'
      ? `Systemansvarig godkänner ${what}${typedText}${suffix}`
      : step.how === 'refuse'
        ? `Systemansvarig avslår ${what}${suffix}`
        : `Hjälpmedel Administration (inte systemansvarig) tar ${what} och försöker godkänna den – nekas${suffix}`;
  return { text: line, notes, reports: [] };
}
