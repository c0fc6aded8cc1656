import { Problem } from '../../broker/Problem';
import type { Variables } from '../../broker/types';

/** A key as the REST API sends it: a numeric string of at most 16 digits (JavaScript-safe). */
const KEY = /^\d{1,16}$/;

/** The key of a command's target; anything else is a 400 naming what was expected. */
export function parseKey(key: unknown, what: string): number {
  const s = typeof key === 'number' ? String(key) : key;
  if (typeof s !== 'string' || !KEY.test(s)) throw Problem.badRequest(`${what} '${String(key)}' is not a valid key (a numeric string)`);
  return Number(s);
}

/** The key of a search filter, or null when it cannot be a key (the search then finds nothing). */
export function filterKey(key: unknown): number | null {
  return KEY.test(String(key)) ? Number(key) : null;
}

/** The rows a search filter key selects: none when the key cannot be a key. */
export function rowsForKey<T>(key: unknown, list: (k: number) => T[]): T[] {
  const k = filterKey(key);
  return k === null ? [] : list(k);
}

/** Command variables: a JSON object whose integers are all safe (Zeebe keeps 64-bit integers; JSON numbers here are doubles). */
export function checkVariables(vars: unknown, what = 'variables'): Variables {
  if (vars === undefined || vars === null) return {};
  if (typeof vars !== 'object' || Array.isArray(vars)) throw Problem.badRequest(`${what} must be a JSON object`);
  const check = (v: unknown, path: string) => {
    if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) {
      throw Problem.badRequest(`${what}: '${path}' is an integer beyond 2^53 (${v}); send it as a string`);
    }
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) check(x, `${path}.${k}`);
  };
  for (const [k, v] of Object.entries(vars)) check(v, k);
  return vars as Variables;
}

/** Only the named variables (all when no names are given). */
export function pickVariables(vars: Variables, names?: string[]): Variables {
  if (!names || names.length === 0) return vars;
  const out: Variables = {};
  for (const n of names) if (n in vars) out[n] = vars[n];
  return out;
}
