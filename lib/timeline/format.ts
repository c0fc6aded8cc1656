const DATE_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** `2026-11-25 20:15:03` in Swedish time; empty for nothing, the text itself when it is no date. */
export function formatDateTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return DATE_TIME.format(d);
}

/** `2 h 05 min`, `45 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export function durationBetween(from: string | null | undefined, to: string | null | undefined): string {
  if (!from || !to) return '';
  return formatDuration(Date.parse(to) - Date.parse(from));
}

/** A variable value for display: strings as they are, everything else as indented JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '–';
  return JSON.stringify(value, null, 2);
}

/** Real wall-clock time, even when the runtime has replaced `Date` with its controlled clock. */
export function realNow(): number {
  return performance.timeOrigin + performance.now();
}
