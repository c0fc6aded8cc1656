/** Thrown with every validation finding of one resource. */
export class ModelValidationError extends Error {
  constructor(
    readonly resourceName: string,
    readonly findings: string[],
  ) {
    super(`'${resourceName}': ${findings.join('; ')}`);
    this.name = 'ModelValidationError';
  }
}
