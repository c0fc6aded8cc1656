/** How each job worker polls (from `config.camunda`). */
import type { SdkLogger } from './sdkLogger';
import type { ForegroundGate } from '../lib/concurrency/ForegroundGate';

export interface WorkerOptions {
  workerName: string;
  jobTimeoutMs: number;
  maxJobsToActivate: number;
  pollIntervalMs: number;
  /** The SDK's worker logs (poll errors, back-off) routed into pino. */
  sdkLogger?: SdkLogger;
  /** Foreground first (issue #12): a job's handler starts once the intake is quiet (at most the gate's longest wait). */
  foreground?: Pick<ForegroundGate, 'quiet'>;
}
