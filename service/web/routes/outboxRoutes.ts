import type { FastifyInstance } from 'fastify';
import type { CapturedMail } from '../../mail/SmtpCapture';
import { html, linkify } from '../../../lib/html/html';
import { page, time } from '../views/layout';

export interface CapturedMailSource {
  list(limit?: number): CapturedMail[];
}

const BRAND = 'Utkorg – lokal e-postfångst';
const NAV = [
  { href: '/utkorg', label: 'Utkorg' },
  { href: '/driftinfo', label: 'Driftinformation' },
  { href: '/intag', label: 'Intag' },
];

/**
 * Local only (MAIL_CAPTURE=true): the mails the local SMTP capture received, to see what the routine sent.
 * Mail bodies are shown as text (the HTML part is never rendered); links in the text can be followed, e.g. a
 * subscription's confirmation link.
 */
export function registerOutboxRoutes(app: FastifyInstance, deps: { capture: CapturedMailSource }): void {
  app.get('/utkorg', async (_request, reply) => {
    const mails = deps.capture.list(200);
    const body = html`<h1>Utkorg (lokal)</h1>
<p>E-post som rutinen har skickat och som den lokala e-postfångsten tagit emot. Ingenting här har lämnat datorn. Övningar är märkta.</p>
${mails.length === 0
    ? html`<p>Inga e-postmeddelanden ännu.</p>`
    : html`<table><caption class="visually-hidden">Mottagna e-postmeddelanden</caption><thead><tr><th scope="col">Mottaget</th><th scope="col">Till</th><th scope="col">Ämne</th></tr></thead><tbody>${mails.map(
        (m) => html`<tr><td>${time(m.receivedAt)}</td><td>${m.to.join(', ')}</td><td>${m.drill ? html`<span class="drill-tag">ÖVNING</span>` : html``}<a href="/utkorg/${m.id}">${m.subject || '(inget ämne)'}</a></td></tr>`,
      )}</tbody></table>`}`;
    return reply.type('text/html; charset=utf-8').send(page({ title: BRAND, body, nav: NAV, brand: BRAND, brandHref: '/utkorg' }));
  });

  app.get<{ Params: { id: string } }>('/utkorg/:id', async (request, reply) => {
    const mail = deps.capture.list(1000).find((m) => String(m.id) === request.params.id);
    if (!mail) {
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(page({ title: BRAND, body: html`<h1>Meddelandet finns inte</h1><p><a href="/utkorg">Till utkorgen</a></p>`, nav: NAV, brand: BRAND }));
    }
    const body = html`<p><a href="/utkorg">← Utkorgen</a></p>
${mail.drill ? html`<p class="drill" role="note">ÖVNING</p>` : html``}
<h1>${mail.subject || '(inget ämne)'}</h1>
<dl><dt>Från</dt><dd>${mail.from}</dd><dt>Till</dt><dd>${mail.to.join(', ')}</dd><dt>Mottaget</dt><dd>${time(mail.receivedAt)}</dd></dl>
<h2>Text</h2>
<pre>${linkify(mail.text)}</pre>`;
    return reply.type('text/html; charset=utf-8').send(page({ title: `${mail.subject} – ${BRAND}`, body, nav: NAV, brand: BRAND, brandHref: '/utkorg' }));
  });
}
