/** How each job worker polls (from `config.camunda`). */
export interface WorkerOptions {
  workerName: string;
  jobTimeoutMs: number;
  maxJobsToActivate: number;
  pollIntervalMs: number;
}
