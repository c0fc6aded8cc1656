import { FaultCaseError } from './FaultCaseError';

/**
 * The steps of one fault case as they happen (actions, kills, restarts, checks), with the time since the case began
 * (elapsed, for reading only – nothing depends on it); a failure is reported with the seed and every step.
 */
export class FaultTrail {
  readonly steps: string[] = [];
  private readonly started = Date.now();

  constructor(
    readonly scenario: string,
    readonly seed: number,
  ) {}

  step(text: string): void {
    this.steps.push(`[+${((Date.now() - this.started) / 1000).toFixed(1)} s] ${text}`);
  }

  /** Run the case; any failure becomes a {@link FaultCaseError} carrying the seed and the steps. */
  async run(body: () => Promise<void>, output?: () => string): Promise<void> {
    try {
      await body();
    } catch (err) {
      if (err instanceof FaultCaseError) throw err;
      const cause = err instanceof Error ? (err.stack ?? err.message) : String(err);
      throw new FaultCaseError({ scenario: this.scenario, seed: this.seed, steps: this.steps, cause, output: output?.().split('\n').slice(-25).join('\n') });
    }
  }
}
