/**
 * A failed call to the engine's REST API: the operation, the HTTP status (0: no answer), what it concerned (a key, a
 * BPMN element id, a message name) and the problem detail the engine answered. The one error of `EngineGateway`.
 */
export class EngineError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly detail: string,
    /** What the call concerned, e.g. `user task 2251799813685249` or `message report-received (D-20260301-1)`. */
    readonly element?: string,
    options?: { cause?: unknown },
  ) {
    super(`${operation}${element ? ` (${element})` : ''} failed (${status || 'no response'}): ${detail}`, options);
    this.name = 'EngineError';
  }

  /** Wrap whatever the SDK threw (its HTTPError with the RFC 7807 fields, a network error, a failed client set-up). */
  static from(operation: string, err: unknown, element?: string): EngineError {
    if (err instanceof EngineError) return err;
    const e = err as { response?: { statusCode?: number; body?: unknown }; statusCode?: number; detail?: string; title?: string; message?: string; code?: string };
    const status = e?.response?.statusCode ?? (typeof e?.statusCode === 'number' ? e.statusCode : 0);
    let detail = e?.detail || e?.title || '';
    if (!detail && typeof e?.response?.body === 'string') detail = e.response.body.slice(0, 500);
    if (!detail) detail = e?.code ?? e?.message ?? String(err);
    return new EngineError(operation, status, detail, element, { cause: err });
  }
}
