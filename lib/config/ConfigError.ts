/** A configuration is invalid (the service's or the local runtime's): one error listing every problem, one line each. */
export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    /** The first line of the message; default "Ogiltig konfiguration (n fel)". */
    heading = `Ogiltig konfiguration (${problems.length} fel)`,
  ) {
    super(`${heading}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
