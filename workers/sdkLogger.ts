import type { Logger } from 'pino';

/** The SDK's logger shape (winston-like: message first, then meta). */
export interface SdkLogger {
  info: (message: string | undefined, ...meta: unknown[]) => void;
  warn: (message: string | undefined, ...meta: unknown[]) => void;
  error: (message: string | undefined, ...meta: unknown[]) => void;
  debug: (message: string | undefined, ...meta: unknown[]) => void;
  trace: (message: string | undefined, ...meta: unknown[]) => void;
}

/** Network codes that mean "the engine cannot be reached" – a state of the engine, not a fault of ours. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * An error as logged: the engine unreachable as its code and message only – its stack (the SDK's, a hundred frames)
 * says nothing, and formatting it for every worker at once cost the intake its answers when the engine went down
 * (issue #12) – any other error whole.
 */
function logged(err: Error): unknown {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && UNREACHABLE.has(code) ? { type: err.name, code, message: err.message } : err;
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
        if (m instanceof Error) fields.err = logged(m);
        else if (m && typeof m === 'object') Object.assign(fields, m);
      }
      if (message instanceof Error) log[level]({ ...fields, err: logged(message) }, message.message);
      else log[level](fields, typeof message === 'string' ? message : String(message));
    };
  return { info: write('info'), warn: write('warn'), error: write('error'), debug: write('debug'), trace: write('trace') };
}
