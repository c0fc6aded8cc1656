import type { Mailer } from '../mail/Mailer';
import { renderMail } from '../mail/MailContent';

/** Sends the double opt-in confirmation mail (R4). */
export interface ConfirmationSender {
  sendConfirmation(email: string, confirmUrl: string, pageUrl: string): Promise<void>;
}

/** {@link ConfirmationSender} over the service's `Mailer` (nodemailer, SMTP_URL or the local capture). */
export class SubscriptionMailer implements ConfirmationSender {
  constructor(private readonly mailer: Pick<Mailer, 'send'>) {}

  async sendConfirmation(email: string, confirmUrl: string, pageUrl: string): Promise<void> {
    const rendered = renderMail({
      subject: 'Bekräfta din prenumeration på driftinformation för Sesam',
      blocks: [
        { kind: 'paragraph', text: 'Hej! Någon (förhoppningsvis du) har bett om att få driftinformation för beställningssystemet Sesam via e-post.' },
        { kind: 'paragraph', text: `Bekräfta prenumerationen genom att öppna länken och trycka på knappen:\n${confirmUrl}` },
        { kind: 'paragraph', text: 'Om det inte var du behöver du inte göra något: utan bekräftelse skickas inga fler meddelanden. Länken gäller i sju dagar.' },
        { kind: 'links', heading: 'Driftinformation – Sesam', links: [{ title: 'Aktuell driftinformation', url: pageUrl }] },
      ],
    });
    await this.mailer.send({
      ...rendered,
      to: [email],
      outboxKey: `subscription-confirmation:${confirmUrl}`,
      drill: false,
    });
  }
}
