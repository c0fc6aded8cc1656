/**
 * The local web escapes with the service's helper (one implementation in the project): every value
 * interpolated into `html` is escaped unless it is `SafeHtml`. Only what the browser scripts need is added here.
 */
import { SafeHtml } from '../../../lib/html/SafeHtml';

export { escapeHtml, html } from '../../../lib/html/html';
export { SafeHtml };
export type HtmlValue = Parameters<typeof import('../../../lib/html/html').html>[1];

/**
 * JSON for a `<script type="application/json">` block: `<`, `>`, `&` and the line separators
 * are written as \u escapes, so no value can close the script element.
 */
export function jsonForScript(value: unknown): SafeHtml {
  const json = JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return new SafeHtml(json);
}
