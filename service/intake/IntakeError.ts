/** The intake could not hand something to the engine (unreachable, refused). Carries context, never personal data. */
export class IntakeError extends Error {
  constructor(
    message: string,
    readonly context: { operation: string; status?: number; disruptionId?: string; reportId?: string } ,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'IntakeError';
  }
}
