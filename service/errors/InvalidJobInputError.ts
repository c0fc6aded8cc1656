import { JobError } from './JobError';

/**
 * A job's variables or headers do not match the contract. Not retryable: the job is failed with
 * `retries: 0` so that an operator sees an incident naming the bad fields.
 */
export class InvalidJobInputError extends JobError {
  readonly retryable = false;
  constructor(
    readonly jobType: string,
    /** `variables` or `headers`. */
    readonly part: 'variables' | 'headers',
    /** One entry per bad field: `path: problem`. */
    readonly fields: string[],
  ) {
    super(`Ogiltiga ${part === 'variables' ? 'variabler' : 'headers'} för ${jobType}: ${fields.join('; ')}`);
    this.name = 'InvalidJobInputError';
  }
}
