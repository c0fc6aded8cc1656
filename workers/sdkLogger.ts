import type { Logger } from 'pino';

/** The SDK's logger shape (winston-like: message first, then meta). */
export interface SdkLogger {
  info: (message: string | undefined, ...meta: unknown[]) => void;
  warn: (message: string | undefined, ...meta: unknown[]) => void;
  error: (message: string | undefined, ...meta: unknown[]) => void;
  debug: (message: string | undefined, ...meta: unknown[]) => void;
  trace: (message: string | undefined, ...meta: unknown[]) => void;
}

/**
 * Routes the SDK's own log lines (polling, back-off, HTTP errors) into our pino logger, so that the
 * service writes one JSON log with our redaction: fields first, message second, `err` for errors.
 */
export function sdkLogger(logger: Logger): SdkLogger {
  const log = logger.child({ component: 'camunda-sdk' });
  const write =
    (level: 'info' | 'warn' | 'error' | 'debug' | 'trace') =>
    (message: unknown, ...meta: unknown[]): void => {
      const fields: Record<string, unknown> = {};
      for (const m of meta) {
        if (m instanceof Error) fields.err = m;
        else if (m && typeof m === 'object') Object.assign(fields, m);
      }
      if (message instanceof Error) log[level]({ ...fields, err: message }, message.message);
      else log[level](fields, typeof message === 'string' ? message : String(message));
    };
  return { info: write('info'), warn: write('warn'), error: write('error'), debug: write('debug'), trace: write('trace') };
}
