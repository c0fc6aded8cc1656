import { JobError } from './JobError';

/** A service the worker needs was not wired in (programming or configuration error). Not retryable. */
export class DependencyMissingError extends JobError {
  readonly retryable = false;
  constructor(readonly dependency: string, readonly jobType: string) {
    super(`${jobType}: tjänsten "${dependency}" är inte konfigurerad`);
    this.name = 'DependencyMissingError';
  }
}
