/** The service configuration is invalid; `problems` lists every problem found (one line each). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ogiltig konfiguration (${problems.length} fel):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
