/**
 * Long polling of job activation as the Camunda gateway does it: answer at once when jobs can be
 * activated, otherwise hold the request until jobs of the type appear (`broker.onJobsAvailable`) or
 * `requestTimeout` passes. A request whose client went away activates nothing. `releaseAll()` answers
 * every held poll with no jobs (shutdown).
 */
import type { ActivatedJob, Broker } from '../broker/types';

export type ActivationRequest = Parameters<Broker['activateJobs']>[0];

/** Camunda's default long-polling timeout. */
export const DEFAULT_LONG_POLL_MS = 10_000;

interface HeldPoll {
  finish(jobs: ActivatedJob[]): void;
}

export class JobLongPoller {
  private readonly held = new Set<HeldPoll>();
  private closed = false;

  constructor(private readonly broker: Broker) {}

  /** Number of polls waiting now. */
  get waiting(): number {
    return this.held.size;
  }

  /**
   * @param requestTimeout ms to hold; 0 or absent = default; negative = no long polling.
   * @param clientGone true once the client closed the connection.
   */
  activate(request: ActivationRequest, requestTimeout: number | undefined, clientGone: () => boolean, onClientGone: (cb: () => void) => void): Promise<ActivatedJob[]> {
    const first = this.broker.activateJobs(request);
    // setTimeout holds at most 2^31 - 1 ms
    const timeoutMs = !requestTimeout ? DEFAULT_LONG_POLL_MS : Math.min(requestTimeout, 2_147_483_647);
    if (first.length > 0 || timeoutMs < 0 || this.closed) return Promise.resolve(first);

    return new Promise<ActivatedJob[]>((resolve, reject) => {
      let done = false;
      let scheduled = false;
      const settle = () => {
        done = true;
        unsubscribe();
        clearTimeout(timer);
        this.held.delete(poll);
      };
      const poll: HeldPoll = {
        finish: (jobs) => {
          if (done) return;
          settle();
          resolve(jobs);
        },
      };
      const tryActivate = () => {
        scheduled = false;
        if (done) return;
        if (clientGone()) return poll.finish([]);
        try {
          const jobs = this.broker.activateJobs(request);
          if (jobs.length > 0) poll.finish(jobs);
        } catch (err) {
          // answered as a problem by the request's error handler, never an uncaught exception
          settle();
          reject(err);
        }
      };
      // The broker may notify from inside its own processing: activate on the next turn.
      const unsubscribe = this.broker.onJobsAvailable(request.type, () => {
        if (done || scheduled) return;
        scheduled = true;
        setImmediate(tryActivate);
      });
      const timer = setTimeout(() => poll.finish([]), timeoutMs);
      onClientGone(() => poll.finish([]));
      this.held.add(poll);
    });
  }

  /** Answer every held poll with no jobs and refuse to hold new ones (shutdown). */
  releaseAll(): void {
    this.closed = true;
    for (const poll of [...this.held]) poll.finish([]);
  }
}
