import { NOTICE_STATE_LABELS, NOTIFY_TEMPLATES, RELATED_DOCUMENTS, SCOPE_LABELS, SERVICE_DESK_PHONE, type NotifyTemplate } from '../../contract';
import { stockholmText } from '../../lib/time/stockholmTime';
import type { MailBlock, MailContent } from './MailContent';

/**
 * Swedish mail templates. Every template carries the notice link and the related documents (R22);
 * the service desk's number 30 000 where the routine says so (R6, R14, R16); drills are marked (P9).
 * T6: Swedish for people only – no rule ids, variable or message names; times in Europe/Stockholm.
 */

export const DRILL_SUBJECT_PREFIX = '[ÖVNING] ';

/** What a template may draw on. All fields are data from the process: never trusted as HTML. */
export interface MailContext {
  disruptionId: string;
  system: string;
  reportedAt: string;
  drill: boolean;
  scope?: string;
  summary?: string;
  /** The prognosis for people ("tisdag 1 december 2026 kl. 14.30 – kommentar"). */
  prognosis?: string;
  serviceDeskTicketId?: string;
  slaTarget?: 'response' | 'restore';
  /** The published notice, or the notice page when nothing is published yet. */
  noticeUrl: string;
  noticeUpdateNumber?: number;
  reportCount?: number;
  systemOwnerOnDutyReason?: string;
  systemOwnerContact?: string;
  /** Tasklist (the task list) where the recipient acts (P4); a link block is added when set. */
  tasklistUrl?: string;
  /** P4: how long the system owner has to acknowledge, in Swedish ("30 minuter"). */
  acknowledgeWithin?: string;
  /** P4: when the acknowledgement is due, in Swedish time. */
  acknowledgeBy?: string;
  /** T2: why the backup routine started. */
  backupRoutineReason?: 'no-prognosis' | 'prognosis-passed' | 'chosen';
}

const SYSTEM_LABELS: Record<string, string> = { sesam: 'Sesam / Visma webSesam' };

export function systemLabel(system: string): string {
  return SYSTEM_LABELS[system] ?? system;
}

/** "onsdag 25 november 2026 kl. 20.14" in Swedish local time (T6). */
export function formatSwedishTime(iso: string): string {
  return stockholmText(iso);
}

function subject(ctx: MailContext, text: string): string {
  return `${ctx.drill ? DRILL_SUBJECT_PREFIX : ''}${text}`;
}

function facts(ctx: MailContext): MailBlock {
  const rows: Array<[string, string]> = [
    ['Driftstörning', ctx.disruptionId],
    ['System', systemLabel(ctx.system)],
    ['Första anmälan', formatSwedishTime(ctx.reportedAt)],
  ];
  if (ctx.scope) rows.push(['Omfattning', SCOPE_LABELS[ctx.scope as keyof typeof SCOPE_LABELS] ?? ctx.scope]);
  if (ctx.summary) rows.push(['Beskrivning', ctx.summary]);
  if (ctx.reportCount !== undefined) rows.push(['Antal anmälningar', String(ctx.reportCount)]);
  if (ctx.prognosis) rows.push(['Prognos', ctx.prognosis]);
  if (ctx.serviceDeskTicketId) rows.push(['Ärende hos Servicedesk', ctx.serviceDeskTicketId]);
  return { kind: 'facts', rows };
}

function head(ctx: MailContext): MailBlock[] {
  return ctx.drill ? [{ kind: 'banner', text: 'ÖVNING – detta utskick är en del av en övning. Inga åtgärder utanför övningen.' }] : [];
}

/** The notice link and the related documents (R22): in every mail. */
export function footer(ctx: MailContext): MailBlock[] {
  return [
    { kind: 'links', heading: 'Aktuell driftinformation', links: [{ title: 'Driftinformation om Sesam', url: ctx.noticeUrl }] },
    { kind: 'links', heading: 'Relaterade dokument', links: RELATED_DOCUMENTS.map((d) => ({ title: d.title, url: d.url })) },
    { kind: 'paragraph', text: 'Detta meddelande skickades automatiskt av rutinen Driftstörning Sesam (Hjälpmedel Skåne).' },
  ];
}

const SERVICE_DESK_TEXT = `IT:s Servicedesk: telefon ${SERVICE_DESK_PHONE} eller serviceportalen Ritz.`;

function mail(ctx: MailContext, subjectText: string, body: MailBlock[]): MailContent {
  return { subject: subject(ctx, subjectText), blocks: [...head(ctx), ...body, ...footer(ctx)] };
}

const p = (text: string): MailBlock => ({ kind: 'paragraph', text });

/** A link to the task list (Tasklist), where the recipient claims and completes the task. */
function tasklist(ctx: MailContext, title: string): MailBlock[] {
  return ctx.tasklistUrl ? [{ kind: 'links', heading: 'Uppgiftslistan (Tasklist)', links: [{ title, url: ctx.tasklistUrl }] }] : [];
}

/** Why the backup routine started, in Swedish (T2). */
function backupReason(ctx: MailContext): string {
  if (ctx.backupRoutineReason === 'chosen') return 'VO Hjälpmedel har beslutat att reservrutinen ska gälla redan nu.';
  if (ctx.backupRoutineReason === 'prognosis-passed') return 'Den beräknade tiden för när Sesam skulle fungera igen har passerat.';
  return 'Det finns ingen prognos för när Sesam fungerar igen.';
}

/** The content of a `notify-role` mail. */
export function notifyMail(template: NotifyTemplate, ctx: MailContext): MailContent {
  const sys = systemLabel(ctx.system);
  switch (template) {
    case NOTIFY_TEMPLATES.disruptionReported:
      return mail(ctx, `Driftstörning i ${sys} – ${ctx.disruptionId}`, [
        p('Hej! Hjälpmedel Administration rapporterar en driftstörning i Sesam: användarna når inte systemet.'),
        facts(ctx),
        p(
          `Kvittera driftstörningen i uppgiftslistan${ctx.acknowledgeBy ? ` senast ${ctx.acknowledgeBy}` : ctx.acknowledgeWithin ? ` inom ${ctx.acknowledgeWithin}` : ''} (länk nedan) så att vi vet att du har tagit emot den; annars går ärendet vidare till din enhetschef. Som systemansvarig publicerar du driftinformation på Vårdgivare Skåne – utkastet väntar på ditt godkännande i uppgiftslistan.`,
        ),
        ...tasklist(ctx, 'Kvittera driftstörningen i uppgiftslistan'),
      ]);
    case NOTIFY_TEMPLATES.systemOwnerOffDuty:
      return mail(ctx, `Systemansvarig ej i tjänst – driftstörning i ${sys} (${ctx.disruptionId})`, [
        p(`Hej! Det pågår en driftstörning i Sesam och systemansvarig är inte i tjänst${ctx.systemOwnerOnDutyReason ? ` (${ctx.systemOwnerOnDutyReason})` : ''}. Enligt rutinen kontaktas du som enhetschef.`),
        facts(ctx),
        p(`Ett ärende skapas samtidigt hos Servicedesk. ${SERVICE_DESK_TEXT}`),
      ]);
    case NOTIFY_TEMPLATES.acknowledgementOverdue:
      return mail(ctx, `Systemansvarig har inte bekräftat – driftstörning i ${sys} (${ctx.disruptionId})`, [
        p('Hej! Systemansvarig för Sesam har inte bekräftat rapporten om driftstörningen i tid. Ärendet går vidare till dig som enhetschef, som om systemansvarig inte vore i tjänst.'),
        facts(ctx),
        p(SERVICE_DESK_TEXT),
      ]);
    case NOTIFY_TEMPLATES.reportReceived:
      return mail(ctx, `Vi har tagit emot din anmälan – driftstörning i ${sys}`, [
        p('Hej! Tack för din anmälan. Hjälpmedel Administration känner till att Sesam inte fungerar och har lämnat ärendet vidare till Region Skånes IT.'),
        p('Aktuell information och prognos finns i driftinformationen (länk nedan). Vänta med beställningar i Sesam tills vidare – vi meddelar dig när systemet fungerar igen.'),
        p(`Du kan också anmäla felet direkt till IT: ${SERVICE_DESK_TEXT}`),
        facts({ ...ctx, reportCount: undefined, serviceDeskTicketId: undefined, scope: undefined }),
      ]);
    case NOTIFY_TEMPLATES.deskOnlyNoticeRequested:
      return mail(ctx, `Begäran om driftinformation: Hjälpmedel Administration saknar kontakt med ${sys}`, [
        p('Hej! Hjälpmedel Administration har tappat kontakten med Sesam på grund av ett lokalt fel. Administrationen arbetar via tjänstemobiler där det går.'),
        facts(ctx),
        p('Vi ber dig som systemansvarig att publicera särskild information om detta på driftinformationen. Utkastet väntar på ditt godkännande i uppgiftslistan.'),
        ...tasklist(ctx, 'Skriv och godkänn driftinformationen i uppgiftslistan'),
      ]);
    case NOTIFY_TEMPLATES.backupRoutineActivated:
      return mail(ctx, `Reservrutin för akuta OT-remisser gäller – ${sys} är nere`, [
        p(`Hej! Beställningssystemen är nere sedan mer än 4 timmar. ${backupReason(ctx)} Från och med nu hanteras akuta ortopedtekniska remisser manuellt tills vidare.`),
        p('Förskrivare skickar akuta remisser på papper per fax eller post till er. Hantera remisserna som vanligt och registrera dem i Sesam när systemet fungerar igen – vi meddelar er då.'),
        facts(ctx),
      ]);
    case NOTIFY_TEMPLATES.backupRoutineEnded:
      return mail(ctx, `Reservrutinen upphör – ${sys} fungerar igen`, [
        p('Hej! Sesam fungerar igen och reservrutinen för akuta OT-remisser upphör. Nya remisser kommer i Sesam som vanligt.'),
        p('Registrera de akuta pappersremisser som kommit in under driftstörningen i Sesam och rapportera antalet i uppgiftslistan, så att vi vet när alla är inmatade.'),
        facts(ctx),
        ...tasklist(ctx, 'Rapportera inmatade remisser i uppgiftslistan'),
      ]);
    case NOTIFY_TEMPLATES.systemRestored:
      return mail(ctx, `${sys} fungerar igen`, [
        p('Hej! Driftstörningen i Sesam är åtgärdad och systemet fungerar igen. Beställningar kan göras som vanligt. Tack för ditt tålamod.'),
        facts({ ...ctx, reportCount: undefined, serviceDeskTicketId: undefined, scope: undefined }),
      ]);
    case NOTIFY_TEMPLATES.backupRoutineDecisionRequested:
      return mail(ctx, `Beslut behövs: reservrutin för akuta OT-remisser – ${sys} (${ctx.disruptionId})`, [
        p(
          `Hej! Sesam har varit ur drift i 4 timmar. Region Skånes IT har lämnat en prognos${ctx.prognosis ? `: Sesam beräknas fungera igen ${ctx.prognosis}` : ''}. Ska reservrutinen för akuta OT-remisser starta redan nu, eller vänta till den beräknade tiden? Passerar tiden utan att Sesam fungerar startar reservrutinen automatiskt.`,
        ),
        facts(ctx),
        ...tasklist(ctx, 'Besluta om reservrutinen i uppgiftslistan'),
      ]);
    case NOTIFY_TEMPLATES.slaBreached:
      return mail(ctx, `SLA-mål överskridet (${ctx.slaTarget === 'restore' ? 'återställningstid' : 'svarstid'}) – driftstörning i ${sys}`, [
        p(
          `Hej! IT-leverantörens ${ctx.slaTarget === 'restore' ? 'återställningstid' : 'svarstid'} enligt SLA silver B har överskridits för driftstörningen. VO Hjälpmedel ser till att parterna lever upp till sina åtaganden.`,
        ),
        facts(ctx),
      ]);
    case NOTIFY_TEMPLATES.noticeUpdateDue:
      return mail(ctx, `Dags att uppdatera driftinformationen – ${sys} (${ctx.disruptionId})`, [
        p(
          `Hej! Nästa uppdatering av driftinformationen är nu aktuell${ctx.noticeUpdateNumber ? `; senast publicerad: uppdatering ${ctx.noticeUpdateNumber}` : ''}. Uppgiften "Uppdatera driftinformationen" väntar i uppgiftslistan med ett förifyllt utkast: ändra det efter läget och godkänn, även om läget är oförändrat.`,
        ),
        facts(ctx),
        ...tasklist(ctx, 'Uppdatera driftinformationen i uppgiftslistan'),
      ]);
    case NOTIFY_TEMPLATES.reviewDue:
      return mail(ctx, `Uppföljning väntar – driftstörning i ${sys} (${ctx.disruptionId})`, [
        p('Hej! Driftstörningen är avslutad. Gör den korta uppföljningen i uppgiftslistan; tidslinjen kan exporteras som avvikelserapport.'),
        facts(ctx),
        ...tasklist(ctx, 'Gör uppföljningen i uppgiftslistan'),
      ]);
  }
}

/** A prescriber who reported without an e-mail address: the desk calls them instead (R16, P2). */
export interface CallListEntry {
  name?: string;
  unit?: string;
  phone?: string;
  receivedAt: string;
}

/** R16, P2: the desk's call list for reporters the mail could not reach. */
export function callListMail(template: NotifyTemplate, ctx: MailContext, entries: CallListEntry[]): MailContent {
  const restored = template === NOTIFY_TEMPLATES.systemRestored;
  const items = entries.map(
    (e) => `${e.name ?? '(namn saknas)'}, ${e.unit ?? '(enhet saknas)'}, tel. ${e.phone ?? '(telefon saknas)'} – anmälde ${formatSwedishTime(e.receivedAt)}`,
  );
  return mail(ctx, `Ring förskrivare utan e-post: ${restored ? `${systemLabel(ctx.system)} fungerar igen` : 'driftstörningen är känd'} (${ctx.disruptionId})`, [
    p(`Hej! ${entries.length === 1 ? 'Den här förskrivaren' : 'De här förskrivarna'} anmälde driftstörningen men har ingen e-postadress, så vi kan inte mejla.`),
    p(
      restored
        ? 'Ring och berätta att Sesam fungerar igen och att beställningar kan göras som vanligt.'
        : `Ring och berätta att driftstörningen är känd, hänvisa till driftinformationen för prognos och be dem avvakta. De kan också anmäla felet till IT: ${SERVICE_DESK_TEXT}`,
    ),
    // Names and units were masked at the intake (issue #10); the phone numbers were validated there and stay as typed.
    { kind: 'list', items, verbatim: true },
    facts({ ...ctx, reportCount: undefined }),
  ]);
}

/** R15: the vendor is told the disruption's facts. */
export function vendorContactMail(ctx: MailContext, vendor: { name: string; customerReference: string }): MailContent {
  return mail(ctx, `Driftstörning i ${systemLabel(ctx.system)} – ${vendor.customerReference} (${ctx.disruptionId})`, [
    p(`Hej ${vendor.name}! Region Skåne har en pågående driftstörning i ${systemLabel(ctx.system)} och ber om er hjälp med felsökning enligt avtal.`),
    facts(ctx),
    p(`Kund: ${vendor.customerReference}. Svara på detta meddelande eller kontakta systemansvarig via Region Skånes Servicedesk (${SERVICE_DESK_PHONE}).`),
  ]);
}

/** R14: an incident to the service desk's intake address (the e-mail adapter). */
export function serviceDeskTicketMail(ctx: MailContext, reference: string): MailContent {
  return mail(ctx, `Incident: driftstörning i ${systemLabel(ctx.system)} [${reference}]`, [
    p(`Hej Servicedesk! Hjälpmedel Skåne anmäler en incident: driftstörning i ${systemLabel(ctx.system)}. Systemansvarig är inte i tjänst eller har inte kvitterat i tid.`),
    facts(ctx),
    p(`Referens (ange vid svar): ${reference}`),
  ]);
}

/** R4, P3: a published notice update to a confirmed subscriber. */
export function noticeUpdateMail(
  ctx: MailContext,
  notice: { title: string; body: string; state: string; updateNumber: number; links: Array<{ title: string; url: string }> },
  unsubscribeUrl: string | undefined,
): MailContent {
  const stateLabel = NOTICE_STATE_LABELS[notice.state as keyof typeof NOTICE_STATE_LABELS] ?? notice.state;
  const blocks: MailBlock[] = [
    ...head(ctx),
    p(notice.body),
    {
      kind: 'facts',
      rows: [
        ['Status', stateLabel],
        ['Uppdatering', String(notice.updateNumber)],
        ...(ctx.prognosis ? ([['Prognos', ctx.prognosis]] as Array<[string, string]>) : []),
      ],
    },
    { kind: 'links', heading: 'Läs driftinformationen', links: [{ title: notice.title, url: ctx.noticeUrl }] },
    { kind: 'links', heading: 'Relaterade dokument', links: notice.links },
  ];
  if (unsubscribeUrl) blocks.push({ kind: 'links', heading: 'Prenumeration', links: [{ title: 'Avsluta prenumerationen på driftinformation', url: unsubscribeUrl }] });
  blocks.push(p('Driftinformation publiceras av Region Skånes IT genom systemansvarig för Sesam.'));
  return { subject: subject(ctx, `Driftinformation: ${notice.title} (${stateLabel})`), blocks };
}

