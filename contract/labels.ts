import type { NoticeKind, NoticeState, Scope } from './variables';

/**
 * The one set of Swedish labels of a notice's state (P3, P11, T6): the approval form's options, the notice page,
 * the feeds and the mails all use these words (a test compares the forms' option labels with them).
 */
export const NOTICE_STATE_LABELS: Record<NoticeState, string> = {
  investigating: 'Felsökning pågår',
  identified: 'Felet är identifierat',
  monitoring: 'Åtgärdat – bevakas',
  resolved: 'Åtgärdat',
  'in-effect': 'Gäller tills vidare',
  ended: 'Har upphört',
  scheduled: 'Planerat underhåll',
  'in-progress': 'Underhåll pågår',
  completed: 'Underhåll klart',
};

/** Swedish labels of what a notice is about. */
export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  disruption: 'Driftstörning',
  'backup-routine': 'Reservrutin för akuta OT-remisser',
  'desk-only': 'Hjälpmedel Administration utan kontakt med Sesam',
  maintenance: 'Planerat underhåll',
};

/** States after which a notice is no longer current (P2, P11, T3). */
export const FINAL_NOTICE_STATES: readonly NoticeState[] = ['resolved', 'ended', 'completed'];

export function isFinalState(state: NoticeState): boolean {
  return FINAL_NOTICE_STATES.includes(state);
}

/** Swedish labels of the disruption's scope (routine.md §3a–3c), as the desk chooses it. */
export const SCOPE_LABELS: Record<Scope, string> = {
  'full-it-outage': 'Fullskaligt IT-haveri i Region Skåne',
  'sesam-down': 'Sesam nås inte av någon användare, övrig IT fungerar',
  'desk-only': 'Endast Hjälpmedel Administration saknar kontakt med Sesam',
};
