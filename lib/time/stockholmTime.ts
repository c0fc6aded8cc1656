/**
 * Times for people (T6): Swedish words, Europe/Stockholm, whatever the machine's zone. Forms cannot convert zones
 * (form FEEL has no time zones), so workers put these texts into variables (`reportedAtText`, `prognosis.expectedAtText`).
 */
const PARTS = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "tisdag 1 december 2026 kl. 14.30" in Europe/Stockholm; the input itself when it is no time. */
export function stockholmText(value: string | number | Date): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const p = Object.fromEntries(PARTS.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.weekday} ${p.day} ${p.month} ${p.year} kl. ${p.hour}.${p.minute}`;
}

/** Add an ISO 8601 duration of days, hours, minutes and seconds ("PT4H", "P1DT2H30M", "PT90S") to an instant. */
export function addIsoDuration(from: Date, iso: string): Date {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) throw new RangeError(`not an ISO 8601 duration of days, hours, minutes, seconds: ${iso}`);
  const [, d, h, min, s] = m;
  const ms = ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60_000 + Number(s ?? 0) * 1000;
  return new Date(from.getTime() + ms);
}

/** A non-negative ISO 8601 duration in seconds (milliseconds kept): "PT12.345S". */
export function isoSeconds(ms: number): string {
  return `PT${(Math.max(0, ms) / 1000).toFixed(3).replace(/\.?0+$/, '') || '0'}S`;
}

/** The UTC offset ("+01:00") of Europe/Stockholm at an instant. */
function stockholmOffsetAt(instantMs: number): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instantMs))
      .map((x) => [x.type, x.value]),
  );
  const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  const minutes = Math.round((local - instantMs) / 60_000);
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A local time in Sweden without zone ("2026-12-01T14:30", what `<input type="datetime-local">` sends) as ISO 8601 with
 * Europe/Stockholm's offset at that time ("2026-12-01T14:30:00+01:00"); undefined for anything else. In the hour that
 * does not exist (spring DST change) the offset before the change is used; in the repeated hour, the first one.
 */
export function fromStockholmLocal(local: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (Number.isNaN(asUtc)) return undefined;
  // Try the offsets of the hours around it; the first one that maps back to the same local time wins.
  for (const guess of [asUtc - 3_600_000, asUtc - 7_200_000]) {
    const offset = stockholmOffsetAt(guess);
    const sign = offset.startsWith('-') ? -1 : 1;
    const instant = asUtc - sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
    if (stockholmOffsetAt(instant) === offset) return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${offset}`;
  }
  const offset = stockholmOffsetAt(asUtc - 3_600_000);
  return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${offset}`;
}
