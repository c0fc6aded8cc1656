import type { Mailer } from '../mail/Mailer';
import { renderMail } from '../mail/MailContent';
import { vendorContactMail, type MailContext } from '../mail/templates';
import type { Outbox } from '../outbox/Outbox';

export interface VendorSettings {
  name: string;
  supportEmail: string;
  customerReference: string;
}

/** R15, R8: the vendor (Visma) is told the disruption's facts by e-mail to its support address, once. */
export class VendorContact {
  constructor(
    private readonly mailer: Mailer,
    private readonly outbox: Outbox,
    private readonly vendor: VendorSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Returns when the vendor was (first) contacted. A re-delivered job gets the first time back. */
  async contact(ctx: MailContext, replyTo?: string): Promise<{ contactedAt: string; duplicate: boolean }> {
    const parts = { disruptionId: ctx.disruptionId, purpose: 'vendor-contact', recipient: this.vendor.supportEmail, update: 'once' };
    const { result, duplicate } = await this.outbox.once(
      'mail',
      parts,
      async (key, attempt) => {
        const sent = await this.mailer.send({ ...renderMail(vendorContactMail(ctx, this.vendor)), to: [this.vendor.supportEmail], outboxKey: key, drill: ctx.drill, replyTo }, attempt);
        return { contactedAt: this.now().toISOString(), messageId: sent.messageId };
      },
      { drill: ctx.drill },
    );
    return { contactedAt: result.contactedAt, duplicate };
  }
}
