/** Raised inside the engine when an element cannot proceed; becomes an incident, never a crash. */
export class IncidentError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = 'IncidentError';
  }
}
