import pino, { type DestinationStream, type Logger } from 'pino';
import { maskPersonalData, PERSONAL_KEYS } from '../privacy/personalData';

/**
 * The service's logger. No personal data in logs: e-mail addresses, names, phone numbers and the
 * personal fields of reports are redacted by path (`redact`, keys from lib/privacy), and any e-mail address, Swedish
 * phone number or personnummer that slips into a message or an error text is masked by the `logMethod` hook.
 *
 * Convention: fields first, message second, `err` for errors; per job a child logger
 * `child({ jobKey, jobType, processInstanceKey })`.
 */

/** Redaction paths: each personal key at the top level and up to two levels deep. */
export const REDACT_PATHS = [
  ...PERSONAL_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
  // `name` only where it is a person's (an error's `name` must stay readable)
  'name',
  'recipient.name',
  'recipients[*].name',
  'standIn.name',
  'standIns[*].name',
  'report.name',
];

/** Mask personnummer, e-mail addresses and phone numbers in free text (lib/privacy). */
export { maskPersonalData };

function maskDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  // Errors are left to the `err` serializer (which masks them); plain copies would lose message and stack.
  if (depth <= 0 || value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth - 1));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskDeep(v, depth - 1)]));
}

export interface LoggerOptions {
  level?: string;
  /** Where to write (tests capture the output); default stdout. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'driftstorning-sesam' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: {
        err: (err: unknown) => {
          const s = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
          // type, message and stack live on the serializer's prototype: copy them explicitly
          const all = { ...s, type: s.type, message: s.message, stack: s.stack };
          return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, typeof v === 'string' ? maskPersonalData(v) : v]));
        },
      },
      formatters: {
        // Catch-all: an address or phone number inside any logged string field (e.g. an outbox key) is masked.
        log: (obj) => maskDeep(obj, 3) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskPersonalData(a) : a)) as Parameters<typeof method>;
          return method.apply(this, masked);
        },
      },
    },
    options.destination,
  );
}

export type { Logger };
