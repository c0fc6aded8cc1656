/**
 * Messages that arrive from outside the process. Every one is correlated on the disruption's id
 * (`correlationKey: "=disruptionId"` in the models).
 */
export const MESSAGES = {
  /** Another report of the same disruption (P1): a call, an e-mail, a monitor. */
  reportReceived: 'report-received',
  /** The system owner acknowledges the report (P4). */
  systemOwnerAcknowledged: 'system-owner-acknowledged',
  /** IT gives a prognosis for restoration (R17, P3). */
  prognosisReceived: 'prognosis-received',
  /** IT reports Sesam restored (P2). */
  systemRestored: 'system-restored',
  /** Instructions from regional IT during a full-scale outage (R12). */
  itInstructionsReceived: 'it-instructions-received',
} as const;
export type MessageName = (typeof MESSAGES)[keyof typeof MESSAGES];
