import { SafeHtml } from './SafeHtml';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]);
}

/** Only http(s) links are rendered as links (pages and mails); anything else is shown as text. */
export function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Escapes text for XML (RSS, Atom); also drops characters XML 1.0 forbids. */
export function escapeXml(value: unknown): string {
  return String(value ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (c) => (c === "'" ? '&apos;' : HTML_ESCAPES[c]));
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(value);
}

/**
 * The only way pages are built: every interpolated value is escaped unless it is `SafeHtml`
 * (itself the result of `html`). Arrays are joined; `null`, `undefined` and `false` render nothing.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Only http(s) and relative URLs survive; anything else (javascript:, data:) becomes `#`. */
export function safeUrl(url: string): string {
  const trimmed = url.trim();
  if (/^https?:\/\//i.test(trimmed) || (trimmed.startsWith('/') && !trimmed.startsWith('//'))) return trimmed;
  return '#';
}

/** Plain text with line breaks → escaped paragraphs. */
export function paragraphs(text: string): SafeHtml {
  const parts = text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  return html`${parts.map((p) => html`<p>${p.split('\n').map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))}</p>`)}`;
}

/**
 * Plain text where http(s) URLs become links (escaped); used for captured mails in the outbox.
 */
export function linkify(text: string): SafeHtml {
  const parts: SafeHtml[] = [];
  const re = /https?:\/\/[^\s<>"']+/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const idx = m.index ?? 0;
    parts.push(html`${text.slice(last, idx)}`);
    const url = m[0].replace(/[.,;:)]+$/, '');
    parts.push(html`<a href="${safeUrl(url)}">${url}</a>`);
    last = idx + url.length;
  }
  parts.push(html`${text.slice(last)}`);
  return html`${parts}`;
}
