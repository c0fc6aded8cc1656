import type { MailContext } from '../mail/templates';
import type { EffectAttempt } from '../outbox/Outbox';

/** An incident to open at the service desk (R14). */
export interface ServiceDeskTicketRequest {
  /** The disruption's reference: the ServiceNow `correlation_id`, the mail's subject tag. */
  reference: string;
  context: MailContext;
  /** Number of reports so far (no personal data goes to the service desk). */
  reportCount: number;
  /** The outbox key of this ticket: an e-mail ticket's Message-ID is derived from it (a resend is the same mail). */
  outboxKey: string;
  /** The outbox's attempt (an e-mail ticket reports its hand-over and settles an attempt in doubt). */
  attempt?: EffectAttempt;
}

export interface ServiceDeskTicket {
  ticketId: string;
  /** false when an existing ticket with this reference was found (re-delivered job). */
  created: boolean;
}

/** A service-desk (ITSM) adapter, chosen by configuration (`SERVICE_DESK_ADAPTER`). */
export interface ServiceDeskAdapter {
  readonly name: string;
  /** Open the incident unless one with this reference exists; never opens a second one. */
  openTicket(request: ServiceDeskTicketRequest): Promise<ServiceDeskTicket>;
}

/** The reference that ties a ticket to a disruption. */
export function ticketReference(disruptionId: string): string {
  return `driftstorning-sesam:${disruptionId}`;
}
