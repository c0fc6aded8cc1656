import { NOTICE_STATE_LABELS, type Notice, type NoticeUpdate } from '../../notices';
import { escapeXml, html, paragraphs, safeUrl } from '../../../lib/html/html';

/**
 * Feeds of the notice updates (R4, P3): RSS 2.0, Atom 1.0 and JSON Feed 1.1. One entry per update.
 * Titles are plain text (escaped once for XML); content is an HTML fragment built with `html` (so user
 * text is HTML-escaped) and then escaped again for XML – a `<script>` in a notice stays text everywhere.
 */

export type FeedEntry = NoticeUpdate & { notice: Notice };

export interface FeedOptions {
  baseUrl: string;
  drill: boolean;
  now: Date;
}

const FEED_TITLE = 'Driftinformation – Sesam';
const FEED_DESCRIPTION = 'Driftinformation för beställningssystemen Sesam S2, Websesam och Visma webSesam (Region Skåne, Hjälpmedel Skåne).';

function entryTitle(e: FeedEntry): string {
  return `${e.notice.drill ? 'ÖVNING: ' : ''}[${NOTICE_STATE_LABELS[e.state]}] ${e.title}${e.updateNumber > 1 ? ` (uppdatering ${e.updateNumber})` : ''}`;
}

function entryUrl(e: FeedEntry): string {
  return `${e.notice.url}#uppdatering-${e.updateNumber}`;
}

function entryId(e: FeedEntry, baseUrl: string): string {
  return `${baseUrl}/driftinfo/meddelande/${encodeURIComponent(e.noticeId)}/uppdatering/${e.updateNumber}`;
}

/** The HTML content of an entry (escaped user text; links per R21/R22). */
export function entryHtml(e: FeedEntry): string {
  return html`${e.notice.drill ? html`<p><strong>ÖVNING</strong></p>` : html``}<p><strong>${NOTICE_STATE_LABELS[e.state]}</strong></p>${paragraphs(e.body)}${
    e.prognosis ? html`<p>Prognos: ${e.prognosis}</p>` : html``
  }${e.links.length ? html`<ul>${e.links.map((l) => html`<li><a href="${safeUrl(l.url)}">${l.title}</a></li>`)}</ul>` : html``}`.value;
}

function entryText(e: FeedEntry): string {
  return [
    e.notice.drill ? 'ÖVNING' : '',
    `Status: ${NOTICE_STATE_LABELS[e.state]}`,
    e.body,
    e.prognosis ? `Prognos: ${e.prognosis}` : '',
    ...e.links.map((l) => `${l.title}: ${l.url}`),
  ]
    .filter(Boolean)
    .join('\n\n');
}

function feedUrl(baseUrl: string, file: string, drill: boolean): string {
  return `${baseUrl}/driftinfo/${file}${drill ? '?ovning=1' : ''}`;
}

export function rssFeed(entries: FeedEntry[], o: FeedOptions): string {
  const updated = entries[0]?.publishedAt ?? o.now.toISOString();
  const items = entries
    .map(
      (e) => `<item>
<title>${escapeXml(entryTitle(e))}</title>
<link>${escapeXml(entryUrl(e))}</link>
<guid isPermaLink="false">${escapeXml(entryId(e, o.baseUrl))}</guid>
<pubDate>${new Date(e.publishedAt).toUTCString()}</pubDate>
<category>${escapeXml(NOTICE_STATE_LABELS[e.state])}</category>
<description>${escapeXml(entryHtml(e))}</description>
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${escapeXml((o.drill ? 'ÖVNING – ' : '') + FEED_TITLE)}</title>
<link>${escapeXml(`${o.baseUrl}/driftinfo`)}</link>
<atom:link href="${escapeXml(feedUrl(o.baseUrl, 'rss.xml', o.drill))}" rel="self" type="application/rss+xml"/>
<description>${escapeXml(FEED_DESCRIPTION)}</description>
<language>sv-se</language>
<lastBuildDate>${new Date(updated).toUTCString()}</lastBuildDate>
<ttl>5</ttl>
${items}
</channel>
</rss>
`;
}

export function atomFeed(entries: FeedEntry[], o: FeedOptions): string {
  const updated = entries[0]?.publishedAt ?? o.now.toISOString();
  const items = entries
    .map(
      (e) => `<entry>
<id>${escapeXml(entryId(e, o.baseUrl))}</id>
<title type="text">${escapeXml(entryTitle(e))}</title>
<link rel="alternate" type="text/html" href="${escapeXml(entryUrl(e))}"/>
<published>${escapeXml(new Date(e.publishedAt).toISOString())}</published>
<updated>${escapeXml(new Date(e.publishedAt).toISOString())}</updated>
<author><name>${escapeXml('Region Skåne IT, systemansvarig Sesam')}</name></author>
<category term="${escapeXml(e.state)}" label="${escapeXml(NOTICE_STATE_LABELS[e.state])}"/>
<content type="html">${escapeXml(entryHtml(e))}</content>
</entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">
<id>${escapeXml(`${o.baseUrl}/driftinfo${o.drill ? '?ovning=1' : ''}`)}</id>
<title type="text">${escapeXml((o.drill ? 'ÖVNING – ' : '') + FEED_TITLE)}</title>
<subtitle type="text">${escapeXml(FEED_DESCRIPTION)}</subtitle>
<link rel="self" type="application/atom+xml" href="${escapeXml(feedUrl(o.baseUrl, 'atom.xml', o.drill))}"/>
<link rel="alternate" type="text/html" href="${escapeXml(`${o.baseUrl}/driftinfo`)}"/>
<updated>${escapeXml(new Date(updated).toISOString())}</updated>
${items}
</feed>
`;
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function jsonFeed(entries: FeedEntry[], o: FeedOptions): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: (o.drill ? 'ÖVNING – ' : '') + FEED_TITLE,
      description: FEED_DESCRIPTION,
      home_page_url: `${o.baseUrl}/driftinfo`,
      feed_url: feedUrl(o.baseUrl, 'feed.json', o.drill),
      language: 'sv',
      authors: [{ name: 'Region Skåne IT, systemansvarig Sesam' }],
      items: entries.map((e) => ({
        id: entryId(e, o.baseUrl),
        url: entryUrl(e),
        title: entryTitle(e),
        content_html: entryHtml(e),
        content_text: entryText(e),
        date_published: new Date(e.publishedAt).toISOString(),
        tags: [NOTICE_STATE_LABELS[e.state], e.notice.kind, ...(e.notice.drill ? ['ÖVNING'] : [])],
        _driftinfo: {
          notice_id: e.noticeId,
          update_number: e.updateNumber,
          state: e.state,
          kind: e.notice.kind,
          drill: e.notice.drill,
          disruption_id: e.notice.disruptionId,
        },
      })),
    },
    null,
    2,
  );
}
