/**
 * The dashboard's figures as tables: one definition that the page (a table beside each chart) and the CSV export
 * both print, so they always show the same numbers.
 */
import { formatDateTime } from '../timeline/format';
import { MILESTONE_LABELS, MILESTONES, SCOPE_KEYS, SCOPE_SHORT, type Dashboard, type Figures, type MinuteStats, type ScopeKey } from './history';

export type Cell = string | number | undefined;

/** How a table is drawn: bars per row from one numeric column, or stacked from several. */
export interface ChartSpec {
  /** Columns (indexes into `columns`) drawn as bar segments, stacked in this order. */
  series: number[];
  /** What the bars count ("antal", "minuter"). */
  unit: string;
}

export interface FigureTable {
  /** Stable id ("per-manad"), also the CSV's table name. */
  id: string;
  title: string;
  columns: string[];
  rows: Cell[][];
  chart?: ChartSpec;
}

export interface FigureSection {
  /** "verkliga" or "ovningar" (the CSV's first column). */
  id: 'verkliga' | 'ovningar';
  title: string;
  count: number;
  tables: FigureTable[];
}

const stat = (s: MinuteStats): Cell[] => [s.n, s.median, s.mean, s.max];

function tablesOf(f: Figures): FigureTable[] {
  const scopeColumns = SCOPE_KEYS.map((k) => SCOPE_SHORT[k]);
  return [
    {
      id: 'per-manad',
      title: 'Driftstörningar per månad och omfattning',
      columns: ['Månad', ...scopeColumns, 'Totalt'],
      rows: f.perMonth.map((m) => [m.month, ...SCOPE_KEYS.map((k) => m.byScope[k]), m.total]),
      chart: { series: SCOPE_KEYS.map((_, i) => i + 1), unit: 'antal' },
    },
    {
      id: 'tider',
      title: 'Tid från första anmälan (minuter)',
      columns: ['Mått', 'Antal', 'Median', 'Medel', 'Max'],
      rows: [['Varaktighet till åter i drift', ...stat(f.duration)], ...MILESTONES.map((m) => [MILESTONE_LABELS[m], ...stat(f.milestones[m])])],
      chart: { series: [2], unit: 'minuter (median)' },
    },
    {
      id: 'handelser',
      title: 'Reservrutin, SLA och anmälningar',
      columns: ['Händelse', 'Antal'],
      rows: [
        ['Driftstörningar', f.disruptions],
        ['Reservrutinen aktiverad', f.backupRoutineActivations],
        ['SLA: svarstid överskriden', f.slaResponseBreaches],
        ['SLA: åtgärdstid överskriden', f.slaRestoreBreaches],
        ['Anmälningar totalt', f.reports.total],
        ['Anmälningar per driftstörning, medel', f.reports.meanPerDisruption],
        ['Anmälningar per driftstörning, max', f.reports.max],
      ],
      chart: { series: [1], unit: 'antal' },
    },
    {
      id: 'anmalningar',
      title: 'Anmälningar per driftstörning',
      columns: ['Driftstörning', 'Anmälningar'],
      rows: f.rows.map((r) => [r.disruptionId, r.reportCount]),
      chart: { series: [1], unit: 'antal' },
    },
    {
      id: 'per-storning',
      title: 'Varje driftstörning (minuter från första anmälan)',
      columns: [
        'Driftstörning',
        'Första anmälan',
        'Omfattning',
        'Varaktighet',
        ...MILESTONES.map((m) => MILESTONE_LABELS[m]),
        'Reservrutin',
        'SLA svarstid överskriden',
        'SLA åtgärdstid överskriden',
        'Anmälningar',
      ],
      rows: f.rows.map((r) => [
        r.disruptionId,
        formatDateTime(r.reportedAt),
        SCOPE_SHORT[(r.scope ?? 'unassessed') as ScopeKey],
        r.durationMin,
        ...MILESTONES.map((m) => r.minutesTo[m]),
        r.backupRoutineStartedAt ? 'Ja' : 'Nej',
        r.slaResponseBreached ? 'Ja' : 'Nej',
        r.slaRestoreBreached ? 'Ja' : 'Nej',
        r.reportCount,
      ]),
      chart: { series: [3], unit: 'minuter till åter i drift' },
    },
  ];
}

export function dashboardSections(d: Dashboard): FigureSection[] {
  return [
    { id: 'verkliga', title: 'Driftstörningar', count: d.real.disruptions, tables: tablesOf(d.real) },
    { id: 'ovningar', title: 'Övningar (P9)', count: d.drills.disruptions, tables: tablesOf(d.drills) },
  ];
}

/** A cell as both the page and the CSV print it: numbers with a decimal comma, nothing as "–". */
export function cellText(c: Cell): string {
  if (c === undefined || c === '') return '–';
  if (typeof c === 'number') return String(c).replace('.', ',');
  return c;
}

function csvField(value: string): string {
  return /[";\n\r]/.test(value) || /^[=+\-@]/.test(value) ? `"${(/^[=+\-@]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"` : value;
}

/**
 * The same numbers as the page, one line per cell (semicolon separated, UTF-8 with BOM for Excel):
 * `urval;tabell;rad;kolumn;värde`. A value that could start a spreadsheet formula is quoted with a leading apostrophe.
 */
export function dashboardCsv(d: Dashboard): string {
  const lines = [['urval', 'tabell', 'rad', 'kolumn', 'värde']];
  for (const section of dashboardSections(d)) {
    for (const t of section.tables) {
      for (const row of t.rows) {
        const rowName = cellText(row[0]);
        t.columns.slice(1).forEach((col, i) => lines.push([section.id, t.id, rowName, col, cellText(row[i + 1])]));
      }
    }
  }
  return `\uFEFF${lines.map((l) => l.map(csvField).join(';')).join('\r\n')}\r\n`;
}
