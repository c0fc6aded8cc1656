import type { BackupRoutineReason, Disruption, Prognosis } from '../contract';
import type { MailContext } from '../service/mail/templates';
import { stockholmText } from '../lib/time/stockholmTime';

/** Process variables a mail may show (all optional beyond the disruption). */
export interface MailContextInput extends Disruption {
  prognosis?: Prognosis;
  serviceDeskTicketId?: string;
  publishedNotice?: { noticeId: string; updateNumber: number; url: string };
  reportCount?: number;
  slaTarget?: 'response' | 'restore';
  systemOwnerOnDutyReason?: string;
  systemOwnerContact?: string;
  acknowledgementTimeout?: string;
  acknowledgementDueText?: string;
  backupRoutineReason?: BackupRoutineReason;
}

/** A prognosis for people (T2, T6): "tisdag 1 december 2026 kl. 14.30 (kommentar)". */
export function prognosisText(prognosis: Prognosis | undefined): string | undefined {
  if (!prognosis) return undefined;
  const when = prognosis.expectedAtText ?? stockholmText(prognosis.expectedAt);
  return prognosis.text ? `${when} (${prognosis.text})` : when;
}

/** "PT30M" → "30 minuter", "PT1H30M" → "1 timme 30 minuter"; undefined for anything else. */
export function swedishDuration(iso: string): string | undefined {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(iso);
  if (!m || (!m[1] && !m[2])) return undefined;
  const parts: string[] = [];
  if (m[1]) parts.push(`${Number(m[1])} ${Number(m[1]) === 1 ? 'timme' : 'timmar'}`);
  if (m[2]) parts.push(`${Number(m[2])} ${Number(m[2]) === 1 ? 'minut' : 'minuter'}`);
  return parts.join(' ');
}

/** The template context for a disruption: the notice link is the published notice, else the notice page. */
export function mailContext(input: MailContextInput, urls: { noticePageUrl: string; tasklistUrl?: string }): MailContext {
  const { noticePageUrl, tasklistUrl } = urls;
  return {
    disruptionId: input.disruptionId,
    system: input.system,
    reportedAt: input.reportedAt,
    drill: input.drill,
    scope: input.scope,
    summary: input.summary,
    prognosis: prognosisText(input.prognosis),
    serviceDeskTicketId: input.serviceDeskTicketId,
    slaTarget: input.slaTarget,
    noticeUrl: input.publishedNotice?.url ?? noticePageUrl,
    noticeUpdateNumber: input.publishedNotice?.updateNumber,
    reportCount: input.reportCount,
    systemOwnerOnDutyReason: input.systemOwnerOnDutyReason,
    systemOwnerContact: input.systemOwnerContact,
    tasklistUrl,
    acknowledgeWithin: input.acknowledgementTimeout ? swedishDuration(input.acknowledgementTimeout) : undefined,
    acknowledgeBy: input.acknowledgementDueText,
    backupRoutineReason: input.backupRoutineReason,
  };
}
