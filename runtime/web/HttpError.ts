/** An error to show the user: HTTP status and a Swedish message (never a stack trace). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly userMessage: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(`${status}: ${userMessage}`);
    this.name = 'HttpError';
  }
}
