import type { StoredMail } from '../../support/ScriptedSmtpServer';

function subjectOf(raw: string): string {
  const m = /^subject:\s*(.*(?:\r?\n[ \t].*)*)/im.exec(raw);
  return (m?.[1] ?? '').replace(/\r?\n[ \t]/g, ' ').trim();
}

/**
 * The mails the SMTP server stored, checked against the outbox's guarantee (docs/workers.md): a mail is one Message-ID;
 * copies of it only where the service died or the connection broke between the end of the data and the answer (at most
 * two, both with the same Message-ID); one mail per recipient and purpose (never the same message under two ids).
 */
export class MailLedger {
  constructor(private readonly stored: readonly StoredMail[]) {}

  /** Message-IDs stored more than once → copies. */
  copies(): Map<string, number> {
    const out = new Map<string, number>();
    for (const m of this.stored) out.set(m.messageId, (out.get(m.messageId) ?? 0) + 1);
    return new Map([...out].filter(([, n]) => n > 1));
  }

  /** Recipient + subject pairs that arrived under more than one Message-ID (the same mail sent as two). */
  sentAsTwo(): string[] {
    const ids = new Map<string, Set<string>>();
    for (const m of this.stored) {
      for (const to of m.to) {
        const key = `${to} · ${subjectOf(m.raw)}`;
        ids.set(key, (ids.get(key) ?? new Set()).add(m.messageId));
      }
    }
    return [...ids].filter(([, s]) => s.size > 1).map(([k, s]) => `${k}: ${s.size} Message-ID`);
  }

  /** Distinct mails (Message-IDs) that reached `address`. */
  mailsTo(address: string): number {
    return new Set(this.stored.filter((m) => m.to.includes(address)).map((m) => m.messageId)).size;
  }

  /** Every violation of the guarantee: more than `maxCopies` copies of a mail, more than `maxDuplicated` mails with copies, a mail sent as two. */
  violations(maxCopies: number, maxDuplicated: number): string[] {
    const out: string[] = [];
    const copies = this.copies();
    for (const [id, n] of copies) if (n > maxCopies) out.push(`${id} kom ${n} gånger (högst ${maxCopies})`);
    if (copies.size > maxDuplicated) out.push(`${copies.size} brev kom två gånger (högst ${maxDuplicated}): ${[...copies.keys()].join(', ')}`);
    for (const two of this.sentAsTwo()) out.push(`samma brev med olika Message-ID: ${two}`);
    return out;
  }
}
