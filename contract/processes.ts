/** Process ids (= file names in bpmn/). */
export const PROCESSES = {
  /** The disruption routine (R1–R22). */
  disruption: 'driftstorning-sesam',
  /** Write, approve and publish one notice (R3, R4, R11, R21, P3). */
  publishNotice: 'publicera-driftinformation',
  /** Backup routine for acute OT referrals (R17, R19–R21, P2). */
  backupRoutine: 'reservrutin-ot',
  /** Planned maintenance (P11). */
  maintenance: 'planerat-underhall',
} as const;
export type ProcessId = (typeof PROCESSES)[keyof typeof PROCESSES];
