/**
 * Roles of the routine (routine.md §2) and the candidate groups that stand for them in Tasklist.
 * Ids are English (code); `label` is the Swedish name shown to users.
 */
export const ROLES = {
  /** Hjälpmedel Administration – takes prescribers' calls (R6, R16, R18, R20). */
  desk: { group: 'desk', label: 'Hjälpmedel Administration' },
  /** Systemansvarig för Sesam at Region Skåne IT – the only publisher (R3, R11, R13). */
  systemOwner: { group: 'system-owner', label: 'Systemansvarig Sesam' },
  /** Enhetschef för systemansvarig (R14). */
  unitManager: { group: 'unit-manager', label: 'Enhetschef (systemansvarigs chef)' },
  /** Aktiv Ortopedteknik – receives paper referrals in the backup routine (R19, R20). */
  orthopaedicWorkshop: { group: 'orthopaedic-workshop', label: 'Aktiv Ortopedteknik' },
  /** VO Hjälpmedel – owns the routine, watches SLA and agreements (R5, R10). */
  assistiveDevicesOperation: { group: 'assistive-devices-operation', label: 'VO Hjälpmedel' },
} as const;

export type RoleKey = keyof typeof ROLES;

/**
 * The groups whose work needs the reporters' personal data (issue #10): the desk calls prescribers back (R16, P2), the
 * system owner handles the disruption (R11), VO Hjälpmedel assists prescribers (R5). The unit manager and Aktiv
 * Ortopedteknik see disruptions without it (masked in the cockpit).
 */
export const PERSONAL_DATA_GROUPS: readonly string[] = [ROLES.desk.group, ROLES.systemOwner.group, ROLES.assistiveDevicesOperation.group];
export const CANDIDATE_GROUPS = Object.values(ROLES).map((r) => r.group);
export type CandidateGroup = (typeof ROLES)[RoleKey]['group'];

/**
 * Recipients a `notify-role` job can address (header `role`). Besides the staff roles:
 * the service desk (R14), the vendor Visma (R15) and the prescribers who reported (R16, P2).
 */
export const NOTIFY_ROLES = [
  'desk',
  'system-owner',
  'unit-manager',
  'orthopaedic-workshop',
  'assistive-devices-operation',
  'prescribers',
] as const;
export type NotifyRole = (typeof NOTIFY_ROLES)[number];
