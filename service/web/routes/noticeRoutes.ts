import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { NOTICE_STATE_LABELS, emailSchema, type NoticeStore, type SubscriberStore } from '../../notices';
import { atomFeed, jsonFeed, rssFeed, type FeedEntry, type FeedOptions } from '../views/feeds';
import { html } from '../../../lib/html/html';
import { EMBED_HEADERS } from '../plugins/securityHeaders';
import { EMBED_SCRIPT } from '../views/embedScript';
import { embedPage, messagePage, noticeDetailPage, noticeHref, noticePage, subscriptionForm } from '../views/noticeViews';
import { clientAddress } from '../../../lib/web/rateLimitKeys';
import type { ConfirmationSender } from '../../notices/SubscriptionMailer';

export interface NoticeRoutesDeps {
  notices: NoticeStore;
  subscribers: SubscriberStore;
  confirmations: ConfirmationSender;
  baseUrl: string;
  logger: Logger;
  now: () => Date;
}

function wantsDrill(request: FastifyRequest): boolean {
  const q = request.query as Record<string, unknown>;
  return q.ovning === '1' || q.ovning === 'true';
}

function sendHtml(reply: FastifyReply, body: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

/**
 * The public notice page "Driftinformation – Sesam" (R3, R4, R21, R22, P3, P9), its feeds, the embeddable status
 * and the e-mail subscription with double opt-in and one-click unsubscribe. No sign-in. Shows only what the
 * `publish-notice` worker stored after the system owner's approval (R3).
 */
export function registerNoticeRoutes(app: FastifyInstance, deps: NoticeRoutesDeps): void {
  const { notices, subscribers, baseUrl } = deps;
  // Ten subscription requests per client address in ten minutes (each may send a mail).
  const subscribeLimit = app.createRateLimit({ max: 10, timeWindow: 10 * 60_000, keyGenerator: clientAddress });
  const listOptions = (drill: boolean) => (drill ? { onlyDrill: true } : {});

  const renderMain = (request: FastifyRequest, subscription = subscriptionForm()) => {
    const drill = wantsDrill(request);
    const current = notices.current(listOptions(drill));
    const currentIds = new Set(current.map((n) => n.id));
    const past = notices.list({ ...listOptions(drill), limit: 50 }).filter((n) => !currentIds.has(n.id));
    return noticePage({ current, past, backupRoutine: notices.activeBackupRoutine(listOptions(drill)), drill, subscription, baseUrl });
  };

  app.get('/', async (_request, reply) => reply.redirect('/driftinfo'));
  app.get('/driftinformation', async (_request, reply) => reply.redirect('/driftinfo', 301));

  app.get('/driftinfo', async (request, reply) => {
    reply.header('cache-control', 'no-cache');
    return sendHtml(reply, renderMain(request));
  });

  app.get<{ Params: { id: string } }>('/driftinfo/meddelande/:id', async (request, reply) => {
    const notice = notices.get(request.params.id);
    if (!notice) {
      return sendHtml(reply, messagePage('Meddelandet finns inte', html`<p>Det finns inget meddelande med den adressen. <a href="/driftinfo">Till aktuell driftinformation</a>.</p>`), 404);
    }
    reply.header('cache-control', 'no-cache');
    return sendHtml(reply, noticeDetailPage(notice));
  });

  // Feeds (R4, P3): one entry per update; drill entries only with ?ovning=1 (P9). Conditional GET for polling readers.
  const feedEntries = (request: FastifyRequest) => {
    const drill = wantsDrill(request);
    return { drill, entries: notices.updates({ ...listOptions(drill), limit: 100 }) };
  };
  const sendFeed = (request: FastifyRequest, reply: FastifyReply, type: string, render: (entries: FeedEntry[], o: FeedOptions) => string) => {
    const { drill, entries } = feedEntries(request);
    reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=60');
    if (entries.length > 0) {
      const lastModified = new Date(entries[0].publishedAt);
      lastModified.setMilliseconds(0);
      reply.header('last-modified', lastModified.toUTCString());
      const since = Date.parse(String(request.headers['if-modified-since'] ?? ''));
      if (!Number.isNaN(since) && lastModified.getTime() <= since) return reply.code(304).send();
    }
    return reply.type(type).send(render(entries, { baseUrl, drill, now: deps.now() }));
  };
  app.get('/driftinfo/rss.xml', async (request, reply) => sendFeed(request, reply, 'application/rss+xml; charset=utf-8', rssFeed));
  app.get('/driftinfo/atom.xml', async (request, reply) => sendFeed(request, reply, 'application/atom+xml; charset=utf-8', atomFeed));
  app.get('/driftinfo/feed.json', async (request, reply) => sendFeed(request, reply, 'application/feed+json; charset=utf-8', jsonFeed));

  // Embeddable status for the intranet start page and Hemvist (R4).
  app.get('/driftinfo/status.json', async (request, reply) => {
    const drill = wantsDrill(request);
    const current = notices.current(listOptions(drill));
    const backup = notices.activeBackupRoutine(listOptions(drill));
    return reply
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'public, max-age=60')
      .type('application/json; charset=utf-8')
      .send({
        system: 'sesam',
        pageUrl: `${baseUrl}/driftinfo`,
        status: current.length === 0 ? 'operational' : 'disrupted',
        backupRoutine: backup !== undefined,
        current: current.map((n) => ({
          id: n.id,
          kind: n.kind,
          state: n.state,
          stateLabel: NOTICE_STATE_LABELS[n.state],
          title: n.title,
          url: `${baseUrl}${noticeHref(n)}`,
          updatedAt: n.updatedAt,
          updateNumber: n.updateNumber,
          drill: n.drill,
        })),
      });
  });
  app.get('/driftinfo/embed', EMBED_HEADERS, async (request, reply) => {
    const drill = wantsDrill(request);
    reply.header('cache-control', 'public, max-age=60');
    return sendHtml(reply, embedPage(notices.current(listOptions(drill)), notices.activeBackupRoutine(listOptions(drill)), baseUrl));
  });
  app.get('/driftinfo/embed.js', async (_request, reply) =>
    reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=300').type('text/javascript; charset=utf-8').send(EMBED_SCRIPT),
  );

  // E-mail subscription: double opt-in (R4).
  app.post('/driftinfo/prenumeration', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const raw = typeof body.email === 'string' ? body.email.trim() : '';
    const parsed = emailSchema.safeParse(raw);
    if (!parsed.success) {
      return sendHtml(reply, renderMain(request, subscriptionForm({ email: raw, error: 'Ange en giltig e-postadress, till exempel namn@skane.se.' })), 400);
    }
    const limit = await subscribeLimit(request);
    if (!limit.isAllowed && limit.isExceeded) {
      reply.header('retry-after', String(limit.ttlInSeconds));
      return sendHtml(reply, messagePage('För många försök', html`<p>Vänta en stund och försök igen.</p>`, 'warn'), 429);
    }
    const result = subscribers.subscribe(parsed.data);
    if (result.confirmToken) {
      try {
        await deps.confirmations.sendConfirmation(result.subscriber.email, subscribers.confirmUrl(result.confirmToken), `${baseUrl}/driftinfo`);
      } catch (err) {
        deps.logger.error({ err }, 'subscription confirmation mail failed');
        return sendHtml(
          reply,
          messagePage('Bekräftelsen kunde inte skickas', html`<p>Vi kunde inte skicka bekräftelsemejlet just nu. Försök igen om en stund.</p><p><a href="/driftinfo#prenumerera">Tillbaka</a></p>`, 'warn'),
          503,
        );
      }
    }
    // Same answer whether or not the address was known: nobody learns who subscribes.
    return sendHtml(
      reply,
      messagePage(
        'Bekräfta din prenumeration',
        html`<p>Vi har skickat ett e-postmeddelande till <strong>${parsed.data}</strong>. Öppna länken i meddelandet för att bekräfta prenumerationen.</p><p>Inget meddelande? Kontrollera skräpposten eller <a href="/driftinfo#prenumerera">försök igen</a>.</p>`,
        'ok',
      ),
    );
  });

  // GET shows a button (mail scanners that prefetch links must not confirm); POST confirms.
  app.get<{ Params: { token: string } }>('/driftinfo/prenumeration/bekrafta/:token', async (request, reply) =>
    sendHtml(
      reply,
      messagePage(
        'Bekräfta prenumeration',
        html`<p>Bekräfta att du vill få driftinformation för Sesam via e-post.</p>
<form method="post" action="/driftinfo/prenumeration/bekrafta/${encodeURIComponent(request.params.token)}"><button type="submit">Bekräfta prenumerationen</button></form>`,
      ),
    ),
  );
  app.post<{ Params: { token: string } }>('/driftinfo/prenumeration/bekrafta/:token', async (request, reply) => {
    const subscriber = subscribers.confirm(request.params.token);
    if (!subscriber) {
      return sendHtml(
        reply,
        messagePage('Länken gäller inte', html`<p>Bekräftelselänken är ogiltig, redan använd eller för gammal. <a href="/driftinfo#prenumerera">Prenumerera igen</a>.</p>`, 'warn'),
        404,
      );
    }
    return sendHtml(
      reply,
      messagePage(
        'Prenumerationen är bekräftad',
        html`<p>Du får nu driftinformation för Sesam till <strong>${subscriber.email}</strong>. Varje meddelande innehåller en länk för att avsluta prenumerationen.</p><p><a href="/driftinfo">Till aktuell driftinformation</a></p>`,
        'ok',
      ),
    );
  });

  // One-click unsubscribe (RFC 8058): mail clients POST `List-Unsubscribe=One-Click` to the header's URL.
  app.get<{ Params: { token: string } }>('/driftinfo/prenumeration/avsluta/:token', async (request, reply) => {
    const subscriber = subscribers.byUnsubscribeToken(request.params.token);
    if (!subscriber) {
      return sendHtml(reply, messagePage('Ingen prenumeration', html`<p>Prenumerationen finns inte eller är redan avslutad.</p><p><a href="/driftinfo">Till driftinformationen</a></p>`), 404);
    }
    return sendHtml(
      reply,
      messagePage(
        'Avsluta prenumeration',
        html`<p>Avsluta prenumerationen på driftinformation för Sesam för <strong>${subscriber.email}</strong>?</p>
<form method="post" action="/driftinfo/prenumeration/avsluta/${encodeURIComponent(request.params.token)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Avsluta prenumerationen</button></form>`,
      ),
    );
  });
  app.post<{ Params: { token: string } }>('/driftinfo/prenumeration/avsluta/:token', async (request, reply) => {
    const removed = subscribers.unsubscribe(request.params.token);
    deps.logger.info({ removed }, 'unsubscribe');
    return sendHtml(
      reply,
      messagePage(
        'Prenumerationen är avslutad',
        html`<p>Du får inte längre driftinformation för Sesam via e-post.</p><p><a href="/driftinfo">Till driftinformationen</a></p>`,
        'ok',
      ),
    );
  });
}
