/** zod pieces shared by the request schemas of the REST API v2 (Camunda 8.8 request shapes). */
import { z } from 'zod';

/** Camunda's `<default>` tenant: the only tenant of a cluster without multi-tenancy. */
export const DEFAULT_TENANT = '<default>';

const KEY_PATTERN = /^-?\d{1,19}$/;

/** A Camunda key (int64) in a body: a string of digits; a safe integer is accepted and turned into a string. */
export const keySchema = z.union([
  z.string().regex(KEY_PATTERN, 'expected a key (a string of digits)'),
  z
    .number()
    .int('expected a key (a string of digits)')
    .refine((n) => Number.isSafeInteger(n), 'expected a key (a string of digits)')
    .transform(String),
]);

export function isKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

/** A JSON object of variables (`{}` when null). Arrays and scalars are refused as in Camunda. */
export const variablesSchema = z
  .record(z.string(), z.unknown(), { error: 'expected a JSON object of variables' })
  .nullish()
  .transform((v) => v ?? {});

/** Only `<default>` exists: multi-tenancy is disabled, as in a Camunda cluster without it. */
export const tenantIdSchema = z
  .string()
  .nullish()
  .refine((t) => t == null || t === '' || t === DEFAULT_TENANT, {
    message: `multi-tenancy is disabled in the local runtime: the only tenant is '${DEFAULT_TENANT}'`,
  });

export const tenantIdsSchema = z
  .array(z.string())
  .nullish()
  .refine((ts) => ts == null || ts.every((t) => t === DEFAULT_TENANT), {
    message: `multi-tenancy is disabled in the local runtime: the only tenant is '${DEFAULT_TENANT}'`,
  });

export const operationReferenceSchema = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).nullish();

const DIGITS = /^\s*-?\d+\s*$/;

/**
 * A number field also takes a string of digits, as Camunda's REST gateway (Jackson's scalar coercion) does: the
 * official clients send int64 values as strings (`"timeout": "30000"`, `"requestTimeout"`, `"timeToLive"`, …).
 */
export function lenientNumber<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && DIGITS.test(v) ? Number(v) : v), schema);
}

export const nonNegativeInt = (what: string) =>
  lenientNumber(
    z
      .number({ error: `${what} must be a number` })
      .int(`${what} must be a whole number`)
      .min(0, `${what} must not be negative`)
      .max(Number.MAX_SAFE_INTEGER, `${what} is too large`),
  );

/** Ten years in ms: the longest duration (timeout, time to live, back-off, clock step) the runtime accepts. */
export const MAX_DURATION_MS = 10 * 365 * 24 * 3_600_000;

/** A duration in ms, 0 to ten years (a deadline beyond that could not be kept exactly). */
export const durationMs = (what: string, positive = false) =>
  lenientNumber(
    z
      .number({ error: `${what} must be a number` })
      .int(`${what} must be a whole number`)
      .min(positive ? 1 : 0, positive ? `${what} must be positive` : `${what} must not be negative`)
      .max(MAX_DURATION_MS, `${what} must be at most ten years (${MAX_DURATION_MS} ms)`),
  );

/** Latest instant the runtime's clock accepts (9999-12-31T23:59:59.999Z). */
export const MAX_EPOCH_MS = 253_402_300_799_999;
