import type { Disruption, Report } from './contract';
import type { MailContext } from '../service/mail/templates';

/** Process variables a mail may show (all optional beyond the disruption). */
export interface MailContextInput extends Disruption {
  prognosis?: string;
  serviceDeskTicketId?: string;
  publishedNotice?: { noticeId: string; updateNumber: number; url: string };
  reports?: Report[];
  slaTarget?: 'response' | 'restore';
  systemOwnerOnDutyReason?: string;
  systemOwnerContact?: string;
  acknowledgementTimeout?: string;
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
    prognosis: input.prognosis,
    serviceDeskTicketId: input.serviceDeskTicketId,
    slaTarget: input.slaTarget,
    noticeUrl: input.publishedNotice?.url ?? noticePageUrl,
    noticeUpdateNumber: input.publishedNotice?.updateNumber,
    reportCount: input.reports?.length,
    systemOwnerOnDutyReason: input.systemOwnerOnDutyReason,
    systemOwnerContact: input.systemOwnerContact,
    tasklistUrl,
    acknowledgeWithin: input.acknowledgementTimeout ? swedishDuration(input.acknowledgementTimeout) : undefined,
  };
}
