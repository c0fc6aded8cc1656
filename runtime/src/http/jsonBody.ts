/**
 * JSON request bodies. An empty body is "no body" (the SDK sends `content-type: application/json` on
 * bodiless calls such as resolve incident or reset clock). Integers beyond ±2^53 are refused: the runtime
 * could not keep them exactly, and giving them back rounded would lose data silently.
 */
import { Problem } from '../broker/Problem';

const LONG_DIGITS = /\d{16,}/;
const STRINGS = /"(?:[^"\\]|\\.)*"/g;
const NUMBERS = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

function findUnsafeInteger(text: string): string | undefined {
  if (!LONG_DIGITS.test(text)) return undefined;
  const withoutStrings = text.replace(STRINGS, '""');
  for (const token of withoutStrings.match(NUMBERS) ?? []) {
    if (/^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) return token;
  }
  return undefined;
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw Problem.badRequest(`Request body is not valid JSON: ${(err as Error).message}`);
  }
  const unsafe = findUnsafeInteger(text);
  if (unsafe !== undefined) {
    throw Problem.badRequest(
      `The number ${unsafe} is outside ±2^53 and cannot be stored exactly by the local runtime; send it as a string`,
    );
  }
  return value;
}
