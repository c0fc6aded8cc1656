/**
 * Messages that arrive from outside the process. Every one is correlated on the disruption's id
 * (`correlationKey: "=disruptionId"` in the models).
 */
export const MESSAGES = {
  /** Another report of the same disruption (P1): a call, an e-mail, a monitor. */
  reportReceived: 'report-received',
  /** The system owner acknowledges the report (P4). */
  systemOwnerAcknowledged: 'system-owner-acknowledged',
  /** IT gives a prognosis for restoration (R17, P3, T2) – from the IT page, the IT API or a notice approval. */
  prognosisReceived: 'prognosis-received',
  /** IT reports Sesam restored (P2). */
  systemRestored: 'system-restored',
  /** Instructions from regional IT during a full-scale outage (R12). */
  itInstructionsReceived: 'it-instructions-received',
} as const;
export type MessageName = (typeof MESSAGES)[keyof typeof MESSAGES];

/**
 * Variables each message may carry (published by the intake / service with `correlationKey: disruptionId`).
 * The models read exactly these names.
 */
export const MESSAGE_VARIABLES = {
  /** P1: `newReports`, report summaries (reportSummarySchema: no personal data); the model counts them in `reportCount`. */
  [MESSAGES.reportReceived]: ['newReports'],
  /** P4: who acknowledged (display name, optional). */
  [MESSAGES.systemOwnerAcknowledged]: ['acknowledgedBy'],
  /** T2, R17, P3: IT's prognosis, an expected restoration time with optional text (`prognosisSchema`). */
  [MESSAGES.prognosisReceived]: ['prognosis'],
  /** P2: when IT reports Sesam restored (ISO 8601, optional). */
  [MESSAGES.systemRestored]: ['restoredAt'],
  /** R12: the instructions from regional IT, shown in the follow-it-instructions form. */
  [MESSAGES.itInstructionsReceived]: ['itInstructions'],
} as const satisfies Record<MessageName, readonly string[]>;
