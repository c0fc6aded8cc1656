/**
 * Server-rendered SVG bar charts (readable without JavaScript; the numbers are in the table beside each). Every text in
 * them goes through the `html` helper, so labels from the engine are escaped.
 */
import { html } from '../html/html';
import type { SafeHtml } from '../html/SafeHtml';
import { cellText, type FigureTable } from './tables';

/** Segment colours (stacked series), with enough contrast against white and each other. */
const COLOURS = ['#0b5cab', '#b3471d', '#2e7d32', '#6d6d6d', '#7b1fa2'];

const ROW = 26;
const LABEL_W = 190;
const WIDTH = 560;
const BAR_W = WIDTH - LABEL_W - 60;

const num = (c: unknown): number => (typeof c === 'number' && Number.isFinite(c) ? c : 0);

/** A horizontal bar chart of the table's chart series (stacked when several), one bar per row. */
export function barChart(t: FigureTable, idPrefix: string): SafeHtml {
  const spec = t.chart;
  if (!spec || t.rows.length === 0) return html``;
  const totals = t.rows.map((r) => spec.series.reduce((a, i) => a + num(r[i]), 0));
  const max = Math.max(1, ...totals);
  const legend = spec.series.length > 1;
  const top = legend ? 28 : 8;
  const height = top + t.rows.length * ROW + 8;
  const titleId = `${idPrefix}-${t.id}-title`;
  const bars = t.rows.map((r, ri) => {
    const y = top + ri * ROW;
    let x = LABEL_W;
    const segments = spec.series.map((ci, si) => {
      const w = (num(r[ci]) / max) * BAR_W;
      const rect = w > 0 ? html`<rect x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW - 10}" fill="${COLOURS[si % COLOURS.length]}"><title>${cellText(r[0])}: ${t.columns[ci]} ${cellText(r[ci])}</title></rect>` : html``;
      x += w;
      return rect;
    });
    const label = cellText(r[0]);
    return html`<g><text x="${LABEL_W - 6}" y="${y + ROW / 2 + 4}" text-anchor="end" class="chart-label">${label.length > 30 ? `${label.slice(0, 29)}…` : label}</text>${segments}<text x="${(x + 4).toFixed(1)}" y="${y + ROW / 2 + 4}" class="chart-value">${spec.series.length > 1 ? String(totals[ri]) : cellText(r[spec.series[0]])}</text></g>`;
  });
  const legendItems = legend
    ? spec.series.map(
        (ci, si) => html`<g><rect x="${LABEL_W + si * 95}" y="6" width="12" height="12" fill="${COLOURS[si % COLOURS.length]}"></rect><text x="${LABEL_W + si * 95 + 16}" y="16" class="chart-legend">${t.columns[ci].slice(0, 14)}</text></g>`,
      )
    : [];
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${titleId}" xmlns="http://www.w3.org/2000/svg">
<title id="${titleId}">${t.title} (${spec.unit})</title>
${legendItems}${bars}
</svg>`;
}
