/** The labels live in the contract (one set for forms, pages, feeds and mails, T6); re-exported for the service. */
export { NOTICE_STATE_LABELS, NOTICE_KIND_LABELS, FINAL_NOTICE_STATES, isFinalState } from '../../contract/labels';
