import type { NoticeKind, NoticeState } from '../../workers/contract';

/** Swedish labels of a notice's state (P3, P11), as shown on the notice page, in feeds and mails. */
export const NOTICE_STATE_LABELS: Record<NoticeState, string> = {
  investigating: 'Undersöker',
  identified: 'Identifierat',
  monitoring: 'Bevakas',
  resolved: 'Åtgärdat',
  scheduled: 'Planerat underhåll',
  'in-progress': 'Underhåll pågår',
  completed: 'Underhåll klart',
};

/** Swedish labels of what a notice is about. */
export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  disruption: 'Driftstörning',
  'backup-routine': 'Reservrutin gäller',
  'desk-only': 'Hjälpmedel Administration utan kontakt med Sesam',
  maintenance: 'Planerat underhåll',
};

/** States after which a notice is no longer current (P2, P11). */
export const FINAL_NOTICE_STATES: readonly NoticeState[] = ['resolved', 'completed'];

export function isFinalState(state: NoticeState): boolean {
  return FINAL_NOTICE_STATES.includes(state);
}
