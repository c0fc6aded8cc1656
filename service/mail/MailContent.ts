import { escapeHtml, safeHref } from '../../lib/html/html';
import { maskPersonnummer, maskPersonnummerDeep } from '../../lib/privacy/personalData';

/** Structured mail content, rendered once as plain text and once as (escaped) HTML. */
export type MailBlock =
  | { kind: 'banner'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; rows: Array<[label: string, value: string]> }
  /** `verbatim`: items the service validated itself (the call list's phone numbers), never masked. */
  | { kind: 'list'; items: string[]; verbatim?: boolean }
  | { kind: 'links'; heading: string; links: Array<{ title: string; url: string }> };

export interface MailContent {
  subject: string;
  blocks: MailBlock[];
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

function textBlock(b: MailBlock): string {
  switch (b.kind) {
    case 'banner':
      return `*** ${b.text} ***`;
    case 'paragraph':
      return b.text;
    case 'facts': {
      const width = Math.max(...b.rows.map(([l]) => l.length));
      return b.rows.map(([l, v]) => `${`${l}:`.padEnd(width + 2)}${v}`).join('\n');
    }
    case 'links':
      return [`${b.heading}:`, ...b.links.map((l) => `- ${l.title}: ${l.url}`)].join('\n');
    case 'list':
      return b.items.map((i) => `- ${i}`).join('\n');
  }
}

function link(title: string, url: string): string {
  const href = safeHref(url);
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(title)}</a>` : `${escapeHtml(title)} (${escapeHtml(url)})`;
}

function htmlBlock(b: MailBlock): string {
  switch (b.kind) {
    case 'banner':
      return `<p style="background:#fff3cd;border:2px solid #b58900;padding:8px;font-weight:bold">${escapeHtml(b.text)}</p>`;
    case 'paragraph':
      return `<p>${escapeHtml(b.text).replace(/\n/g, '<br>')}</p>`;
    case 'facts':
      return `<table role="presentation" style="border-collapse:collapse">${b.rows
        .map(([l, v]) => `<tr><th style="text-align:left;padding:2px 12px 2px 0;vertical-align:top">${escapeHtml(l)}</th><td style="padding:2px 0">${escapeHtml(v).replace(/\n/g, '<br>')}</td></tr>`)
        .join('')}</table>`;
    case 'links':
      return `<p><strong>${escapeHtml(b.heading)}</strong></p><ul>${b.links.map((l) => `<li>${link(l.title, l.url)}</li>`).join('')}</ul>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  }
}

/**
 * Render content as plain text and HTML. All dynamic text is escaped in the HTML part. No mail carries a personnummer
 * (issue #10): any personnummer-like string in the subject or the blocks is masked before rendering – free text may come
 * from Camunda's own Tasklist, which this service does not check – except in verbatim lists (validated phone numbers).
 */
export function renderMail(content: MailContent): RenderedMail {
  const masked: MailContent = {
    subject: maskPersonnummer(content.subject),
    blocks: content.blocks.map((b) => (b.kind === 'list' && b.verbatim ? b : maskPersonnummerDeep(b))),
  };
  const text = masked.blocks.map(textBlock).join('\n\n') + '\n';
  const html =
    `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escapeHtml(masked.subject)}</title></head>` +
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.4;color:#1a1a1a">` +
    masked.blocks.map(htmlBlock).join('\n') +
    `</body></html>`;
  return { subject: masked.subject, text, html };
}
