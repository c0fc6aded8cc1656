/**
 * Personal data in free text (issue #10): what it looks like and how it is masked. Used before text reaches the engine
 * or a mail (personnummer), in logs (addresses, phone numbers, personnummer) and in the cockpit for the roles that do
 * not need to see personal data (everything).
 *
 * Masks are Swedish, because staff read them: `[personnummer]`, `[e-post]`, `[telefon]`.
 */

export const MASKS = { personnummer: '[personnummer]', email: '[e-post]', phone: '[telefon]', hidden: '[dold]' } as const;

/**
 * A Swedish personnummer or samordningsnummer, as people write it: `ÅÅMMDD-NNNN`, `ÅÅMMDD+NNNN`, `ÅÅÅÅMMDD-NNNN`, or the
 * digits without a separator (10 or 12), or with a space. Groups: century, year, month, day, separator, number.
 * Not when glued to letters, digits, `-` or `_` on either side (a disruption id `SESAM-20261125-1234` is not one).
 */
const PERSONNUMMER = /(?<![\p{L}\p{N}_-])((?:19|20)?)(\d{2})(\d{2})(\d{2})([-+ ]?)(\d{4})(?![\p{L}\p{N}_])(?!-[\p{L}\p{N}_])/gu;

function plausibleDate(month: string, day: string): boolean {
  const m = Number(month);
  const d = Number(day);
  // A samordningsnummer adds 60 to the day.
  return m >= 1 && m <= 12 && ((d >= 1 && d <= 31) || (d >= 61 && d <= 91));
}

/** The Luhn check of the ten digits ÅÅMMDDNNNC. */
function luhn(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < tenDigits.length; i++) {
    let n = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (n > 9) n -= 9;
    sum += n;
  }
  return sum % 10 === 0;
}

/**
 * Is this match personnummer-like? With `-` or `+` the shape says it (a mistyped check digit is still someone's
 * number); written as bare digits or with a space, it must also pass the Luhn check, so that phone numbers and other
 * digit runs are left alone.
 */
function personnummerLike(year: string, month: string, day: string, separator: string, number: string): boolean {
  if (!plausibleDate(month, day)) return false;
  if (separator === '-' || separator === '+') return true;
  return luhn(`${year}${month}${day}${number}`);
}

/** Mask every personnummer-like string in `text` (before it reaches the engine or a mail). */
export function maskPersonnummer(text: string): string {
  return text.replace(PERSONNUMMER, (match: string, _century: string, year: string, month: string, day: string, separator: string, number: string) =>
    personnummerLike(year, month, day, separator, number) ? MASKS.personnummer : match,
  );
}

/** Does `text` hold a personnummer-like string? */
export function hasPersonnummer(text: string): boolean {
  return maskPersonnummer(text) !== text;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** Swedish phone numbers (07x-xxx xx xx, +46 …, 040-…); the service desk's "30 000" is not personal. */
const PHONE = /(?:\+46|0046|\b0)[\s-]?\d{1,3}(?:[\s-]?\d{2,3}){2,4}\b/g;

/** Mask personnummer, e-mail addresses and phone numbers in free text (logs; pages for roles without the need). */
export function maskPersonalData(text: string): string {
  return maskPersonnummer(text).replace(EMAIL, MASKS.email).replace(PHONE, MASKS.phone);
}

/**
 * Keys whose values are a person's data wherever they appear (reports, recipients, subscribers): the logger redacts
 * them by path, the cockpit hides them from roles that do not need them.
 */
export const PERSONAL_KEYS = [
  'email',
  'emails',
  'to',
  'cc',
  'bcc',
  'from',
  'replyTo',
  'recipient',
  'recipients',
  'displayName',
  'phone',
  'reporterName',
  'reporterEmail',
  'reporterPhone',
  'approvedBy',
  'acknowledgedBy',
  'reports',
  'subscriber',
  'subscribers',
] as const;

const PERSONAL_KEY_SET = new Set<string>(PERSONAL_KEYS);

/**
 * A copy of `value` without personal data: values under personal keys hidden, every string masked
 * ({@link maskPersonalData}). Arrays and plain objects are followed to `depth` levels; deeper values are hidden.
 */
export function withoutPersonalData<T>(value: T, depth = 8): T {
  return strip(value, depth) as T;
}

function strip(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth <= 0) return MASKS.hidden;
  if (Array.isArray(value)) return value.map((v) => strip(v, depth - 1));
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, PERSONAL_KEY_SET.has(String(k)) ? MASKS.hidden : strip(v, depth - 1)]));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = PERSONAL_KEY_SET.has(k) ? MASKS.hidden : strip(v, depth - 1);
  return out;
}

/** A copy of a JSON value with every personnummer-like string in it masked (free text on its way to the engine). */
export function maskPersonnummerDeep<T>(value: T): T {
  const mask = (v: unknown): unknown => {
    if (typeof v === 'string') return maskPersonnummer(v);
    if (Array.isArray(v)) return v.map(mask);
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, mask(x)]));
    }
    return v;
  };
  return mask(value) as T;
}
