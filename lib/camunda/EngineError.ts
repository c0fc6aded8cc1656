/** A failed call to the engine's REST API, with the HTTP status and the problem detail it answered. */
export class EngineError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${operation} failed (${status || 'no response'}): ${detail}`, options);
    this.name = 'EngineError';
  }

  /** Wrap whatever the SDK threw (got HTTPError with RFC 7807 fields, or a network error). */
  static from(operation: string, err: unknown): EngineError {
    if (err instanceof EngineError) return err;
    const e = err as { response?: { statusCode?: number; body?: unknown }; statusCode?: number; detail?: string; title?: string; message?: string; code?: string };
    const status = e?.response?.statusCode ?? (typeof e?.statusCode === 'number' ? e.statusCode : 0);
    let detail = e?.detail || e?.title || '';
    if (!detail && typeof e?.response?.body === 'string') detail = e.response.body.slice(0, 500);
    if (!detail) detail = e?.code ?? e?.message ?? String(err);
    return new EngineError(operation, status, detail, { cause: err });
  }
}
