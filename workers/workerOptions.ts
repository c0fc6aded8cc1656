/** How each job worker polls (from `config.camunda`). */
import type { SdkLogger } from './sdkLogger';

export interface WorkerOptions {
  workerName: string;
  jobTimeoutMs: number;
  maxJobsToActivate: number;
  pollIntervalMs: number;
  /** The SDK's worker logs (poll errors, back-off) routed into pino. */
  sdkLogger?: SdkLogger;
}
