/**
 * The one decoding path for variable values: the REST API v2 sends every variable value as a JSON string (in search
 * results, user-task variables, element-instance variables).
 */

/** A value as the engine holds it; a text that is not JSON (a truncated value) is kept as its text. */
export function decodeValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** `[{name, value: JSON}]` → `{name: value}` (a later item of the same name wins). */
export function decodeVariables(items: readonly { name: string; value: string }[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of items) out[v.name] = decodeValue(v.value);
  return out;
}
