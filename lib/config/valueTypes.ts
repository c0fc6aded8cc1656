import { z } from 'zod';

/**
 * Value types shared by the configurations (service, local runtime, local web). Each takes text from the environment
 * and typed values from a file or from code alike.
 */

const PORT_RANGE = 'must be a port number between 0 and 65535';

/** A TCP port; 0 = any free port. */
export function port() {
  return z.coerce.number({ error: 'must be a port number (0-65535; 0 = any free port)' }).int('must be a whole port number').min(0, PORT_RANGE).max(65535, PORT_RANGE);
}

const FLAG_TEXT = ['true', 'false', '1', '0', 'yes', 'no'] as const;

/** true/false; from the environment also 1/0 and yes/no. */
export function flag() {
  return z.union([z.boolean(), z.enum(FLAG_TEXT).transform((v) => v === 'true' || v === '1' || v === 'yes')], { error: 'must be true or false' });
}

/** A whole number > 0 (milliseconds, counts). */
export function positiveInt() {
  return z.coerce.number({ error: 'must be a number' }).int('must be a whole number').positive('must be greater than 0');
}

/** A whole number ≥ 0. */
export function nonNegativeInt() {
  return z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative');
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A pino level. */
export function logLevel() {
  return z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` });
}

/** Not empty. */
export function text() {
  return z.string().min(1, 'must not be empty');
}
