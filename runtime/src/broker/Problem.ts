/**
 * A failure the REST layer turns into RFC 7807 problem JSON. The broker throws it for every
 * client mistake; status is 400, 404 or 409 as Camunda 8 answers (never 503: the SDK retries 503).
 */
export class Problem extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 500 | 504,
    readonly title: string,
    readonly detail: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(`${title}: ${detail}`);
    this.name = 'Problem';
  }

  static badRequest(detail: string, context: Record<string, unknown> = {}) {
    return new Problem(400, 'INVALID_ARGUMENT', detail, context);
  }
  /** No valid credentials (Basic authentication). */
  static unauthorized(detail: string, context: Record<string, unknown> = {}) {
    return new Problem(401, 'UNAUTHORIZED', detail, context);
  }
  /** Authenticated, but not authorized (Camunda's FORBIDDEN rejection). */
  static forbidden(detail: string, context: Record<string, unknown> = {}) {
    return new Problem(403, 'FORBIDDEN', detail, context);
  }
  static notFound(detail: string, context: Record<string, unknown> = {}) {
    return new Problem(404, 'NOT_FOUND', detail, context);
  }
  static conflict(detail: string, context: Record<string, unknown> = {}) {
    return new Problem(409, 'INVALID_STATE', detail, context);
  }
  /** A message with the same messageId is still buffered (Zeebe: ALREADY_EXISTS). */
  static alreadyExists(detail: string, context: Record<string, unknown> = {}) {
    return new Problem(409, 'ALREADY_EXISTS', detail, context);
  }
  /** awaitCompletion ran out of time (Camunda answers 504 DEADLINE_EXCEEDED). */
  static deadlineExceeded(detail: string, context: Record<string, unknown> = {}) {
    return new Problem(504, 'DEADLINE_EXCEEDED', detail, context);
  }
}
