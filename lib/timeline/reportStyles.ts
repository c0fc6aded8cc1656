/** Styles of the deviation report (`renderDeviationReport`): standalone, printable on A4, WCAG AA contrast. */
export const DEVIATION_REPORT_CSS = `
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1b1f; background: #fff; line-height: 1.5; }
* { box-sizing: border-box; }
body { margin: 0; }
a { color: #0b4f8a; text-underline-offset: 2px; }
:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; box-shadow: 0 0 0 5px #1b1b1f; }
h1 { font-size: 1.6rem; margin: 0.2em 0 0.5em; line-height: 1.25; }
h2 { font-size: 1.2rem; margin: 1.6em 0 0.5em; }
.report-main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
.report-tools { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; margin-bottom: 1rem; }
.button { display: inline-flex; align-items: center; min-height: 2.5rem; padding: 0.45rem 1rem; border: 2px solid #0b4f8a; border-radius: 6px; background: #0b4f8a; color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
.button:hover { background: #083a66; }
.report-header { border-bottom: 3px solid #1b1b1f; margin-bottom: 1rem; }
.report-org { margin: 0; color: #4a4f57; font-weight: 600; }
.report-sub { margin-top: 0; color: #4a4f57; }
.report-drill { border: 4px dashed #1b1b1f; background: #ffd400; padding: 0.5rem 1rem; font-size: 1.1rem; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.5rem 1rem; margin: 0.5rem 0 1rem; padding: 0.9rem 1rem; border: 1px solid #c9ced6; border-radius: 6px; }
.facts dt { font-size: 0.8rem; color: #4a4f57; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; }
.facts dd { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
.report-table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
.report-table th, .report-table td { border: 1px solid #9ca3af; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
.report-table thead th { background: #eceff3; }
.decision-values { margin: 0.25rem 0 0; font-size: 0.9rem; display: grid; gap: 0.2rem; }
.decision-values div { display: grid; grid-template-columns: minmax(7rem, 12rem) minmax(0, 1fr); gap: 0.5rem; }
.decision-values dt { font-weight: 600; overflow-wrap: anywhere; }
.decision-values dd { margin: 0; }
.pre-wrap { white-space: pre-wrap; overflow-wrap: anywhere; }
.nowrap { white-space: nowrap; }
.muted { color: #4a4f57; }
.write-lines p { border-bottom: 1px solid #6b7280; padding-top: 1.5rem; margin: 0; }
.report-footer { margin-top: 2rem; color: #4a4f57; font-size: 0.85rem; border-top: 1px solid #c9ced6; }
@media (max-width: 40rem) {
  table { table-layout: fixed; width: 100%; }
  th, td { overflow-wrap: anywhere; word-break: break-word; }
  .nowrap { white-space: normal; }
  dl, dt, dd { overflow-wrap: anywhere; min-width: 0; }
  .decision-values div { grid-template-columns: minmax(0, 1fr); gap: 0; }
  .facts { grid-template-columns: minmax(0, 1fr); }
}
@media print {
  .no-print { display: none !important; }
  body { font-size: 10.5pt; }
  .report-main { padding: 0; max-width: none; }
  a { color: inherit; text-decoration: none; }
  .report-table tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  @page { size: A4; margin: 16mm 14mm; }
}
`;
