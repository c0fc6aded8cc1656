import { JobError } from './JobError';

/**
 * publish-notice found no completed approval task in its process instance. Technical: on Camunda 8 the
 * search is eventually consistent, so the job is retried; if it never appears, the model lacks an approval
 * task before publishing and the incident says so.
 */
export class ApprovalNotVisibleError extends JobError {
  readonly retryable = true;
  constructor(
    readonly processInstanceKey: string,
    readonly elementId: string,
  ) {
    super(`Ingen slutförd godkännandeuppgift (${elementId}) i processinstans ${processInstanceKey}: driftinformation publiceras bara efter godkännande av systemansvarig`);
    this.name = 'ApprovalNotVisibleError';
  }
}
