/** A fault case broke an invariant: the seed to replay it, the steps it took (kills included) and what failed. */
export class FaultCaseError extends Error {
  constructor(
    readonly context: { scenario: string; seed: number; steps: string[]; cause: string; output?: string },
  ) {
    super(
      `${context.scenario} (seed ${context.seed}; FAULT_SEED=${context.seed} kör om fallet) bröt en invariant:\n  ${context.cause}\n` +
        `steg:\n${context.steps.map((s, i) => `  ${String(i + 1).padStart(2)}. ${s}`).join('\n')}` +
        (context.output ? `\nsista utskrift från processerna:\n${context.output}` : ''),
    );
    this.name = 'FaultCaseError';
  }
}
