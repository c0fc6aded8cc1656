/** A FEEL expression failed to parse or evaluate, or produced a value of the wrong type. */
export class FeelError extends Error {
  constructor(
    readonly expression: string,
    readonly reason: string,
    message = `failed to evaluate expression '${expression}': ${reason}`,
  ) {
    super(message);
    this.name = 'FeelError';
  }
}
