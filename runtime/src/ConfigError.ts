/** The runtime's configuration is invalid: one error listing every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid runtime configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
