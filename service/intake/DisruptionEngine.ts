/** What the intake needs from the engine (Camunda 8 REST API v2 through @camunda8/sdk). */
export interface ActiveDisruption {
  disruptionId: string;
  processInstanceKey: string;
  drill: boolean;
  reportedAt?: string;
  /** IT reported Sesam restored (`restoredAt` set by `system-restored`, P2): takes no new reports. */
  restored: boolean;
}

/** What the intake needs to know of an open disruption to attach a report to it (P1, T4). */
export interface DisruptionState {
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' | undefined;
  /** `restoredAt` is set (`system-restored`, P2). */
  restored: boolean;
  /** The desk's assessment (`scope`), once made. */
  scope?: 'full-it-outage' | 'sesam-down' | 'desk-only';
}

export interface DisruptionEngine {
  /** State, restoration and scope of a disruption instance in one look (T4). */
  disruptionState(processInstanceKey: string): Promise<DisruptionState>;
  /** Active instances of the disruption process with their `disruptionId` and `drill` variables. */
  activeDisruptions(): Promise<ActiveDisruption[]>;
  /** Start the disruption process; returns the process instance key. */
  startDisruption(variables: Record<string, unknown>): Promise<string>;
  /** Publish a message correlated on the disruption id; a duplicate `messageId` counts as published. */
  publishMessage(message: { name: string; correlationKey: string; variables: Record<string, unknown>; messageId?: string }): Promise<void>;
}
