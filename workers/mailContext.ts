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
  };
}
