/** Times as Swedish readers see them: Europe/Stockholm, whatever the machine's zone. */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

const full = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const short = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** "tisdag 24 november 2026 kl. 10:15" */
export function stockholmFull(ms: number): string {
  return full.format(new Date(ms));
}

/** "tis 24 nov. 14:35" */
export function stockholmShort(ms: number): string {
  return short.format(new Date(ms));
}

/** "2 h 30 min", "45 min", "1 dygn 3 h" (sign ignored). */
export function durationText(ms: number): string {
  const total = Math.floor(Math.abs(ms) / MINUTE);
  const days = Math.floor(total / (24 * 60));
  const hours = Math.floor((total % (24 * 60)) / 60);
  const minutes = total % 60;
  const parts = [days ? `${days} dygn` : '', hours ? `${hours} h` : '', minutes || total === 0 ? `${minutes} min` : ''].filter(Boolean);
  return parts.join(' ');
}

/** "om 2 h 30 min" / "för 30 min sedan" / "nu" */
export function relativeText(ms: number): string {
  if (Math.abs(ms) < MINUTE) return 'nu';
  return ms > 0 ? `om ${durationText(ms)}` : `för ${durationText(ms)} sedan`;
}

/** "4-timmarsgränsen + 20 min" / "4-timmarsgränsen − 5 min" */
export function offsetText(base: string, offsetMs: number): string {
  if (Math.abs(offsetMs) < MINUTE) return base;
  return `${base} ${offsetMs > 0 ? '+' : '−'} ${durationText(offsetMs)}`;
}
