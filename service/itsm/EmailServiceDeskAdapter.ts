import type { Mailer } from '../mail/Mailer';
import { renderMail } from '../mail/MailContent';
import { serviceDeskTicketMail } from '../mail/templates';
import type { ServiceDeskAdapter, ServiceDeskTicket, ServiceDeskTicketRequest } from './ServiceDeskAdapter';

/**
 * The default adapter: an e-mail to the service desk's intake address (R14). The service desk opens the
 * incident from the mail; our ticket id is the reference in the subject. Exactly once through the outbox
 * of the caller (the mail's Message-ID is derived from the outbox key).
 */
export class EmailServiceDeskAdapter implements ServiceDeskAdapter {
  readonly name = 'email';

  constructor(
    private readonly mailer: Mailer,
    private readonly intakeEmail: string,
  ) {}

  async openTicket(request: ServiceDeskTicketRequest): Promise<ServiceDeskTicket> {
    const rendered = renderMail(serviceDeskTicketMail({ ...request.context, reportCount: request.reportCount }, request.reference));
    await this.mailer.send({ ...rendered, to: [this.intakeEmail], outboxKey: request.outboxKey, drill: request.context.drill }, request.attempt);
    return { ticketId: `${request.context.drill ? 'ÖVNING-' : ''}E-POST-${request.context.disruptionId}`, created: true };
  }
}
