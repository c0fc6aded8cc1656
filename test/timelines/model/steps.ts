/**
 * The step vocabulary of an outage timeline: what staff, callers and IT do, through the interfaces they use.
 * Times are relative (to the engine clock, to the 4-hour mark of the targeted disruption, to the latest prognosis),
 * resolved when the step runs, so that one timeline means the same at any start instant.
 *
 * `d` picks the disruption a step acts on: the timeline's disruptions in the order they started, `d` modulo their
 * number. A step that cannot apply (no open task of its kind, no disruption yet) is skipped and printed as such.
 */
import type { Scope } from '../../../contract';

/** What a relative time is counted from. */
export type Anchor = 'now' | 'mark' | 'prognosis';

export interface RelativeTime {
  anchor: Anchor;
  offsetMin: number;
}

export interface CallerSpec {
  /** Which caller (the same caller may call twice). */
  caller: number;
  /** Leaves an e-mail address (else a phone number only). */
  email: boolean;
  /** The desk itself lost contact with Sesam (3c); false: a prescriber cannot reach Sesam. */
  deskOnly: boolean;
}

export type ApprovalHow = 'approve' | 'refuse' | 'unauthorised';

export type Step =
  | ({ kind: 'report' } & CallerSpec)
  | { kind: 'concurrentReports'; calls: CallerSpec[] }
  | { kind: 'assess'; d: number; scope: Scope }
  | { kind: 'acknowledge'; d: number; via: 'task' | 'api' }
  | { kind: 'prognosis'; d: number; at: RelativeTime; withText: boolean }
  | { kind: 'approve'; d: number; how: ApprovalHow; pick: 'oldest' | 'newest'; typedPrognosis?: RelativeTime }
  | { kind: 'decide'; d: number; decision: 'start-now' | 'await-prognosis' }
  | { kind: 'clock'; d: number; to: RelativeTime }
  | { kind: 'restore'; d: number }
  | { kind: 'itInstructions'; d: number }
  | { kind: 'followInstructions'; d: number }
  | { kind: 'connectMobile'; d: number }
  | { kind: 'reconcile'; d: number; received: number; entered: number }
  | { kind: 'review'; d: number };

export type StepKind = Step['kind'];

/** A named start instant: whether the system owner is on duty depends on it (P5). */
export interface StartInstant {
  /** ISO 8601 with the Stockholm offset. */
  iso: string;
  /** Swedish note: "kontorstid", "midsommarafton", … */
  note: string;
}

export interface Timeline {
  start: StartInstant;
  /** How far the service's clock is behind the engine's (minutes): a drill clock moved as in the README (T1). */
  serviceLagMin: number;
  /** Every report is a drill (P9). */
  drill: boolean;
  steps: Step[];
}

/** Start instants: office hours, night, weekend, Swedish holidays, DST changes, the edges of office hours. */
export const START_INSTANTS: StartInstant[] = [
  { iso: '2026-11-24T10:15:00+01:00', note: 'vardag, kontorstid' },
  { iso: '2026-11-25T02:40:00+01:00', note: 'vardag, natt' },
  { iso: '2026-11-28T13:05:00+01:00', note: 'lördag' },
  { iso: '2026-06-19T11:00:00+02:00', note: 'midsommarafton' },
  { iso: '2026-12-24T09:30:00+01:00', note: 'julafton' },
  { iso: '2026-03-28T23:50:00+01:00', note: 'natten då sommartid börjar' },
  { iso: '2026-10-25T00:30:00+02:00', note: 'natten då vintertid börjar' },
  { iso: '2026-11-23T16:20:00+01:00', note: 'strax före kontorstidens slut' },
  { iso: '2026-11-23T07:55:00+01:00', note: 'strax före kontorstid' },
];

/** The routine's 4-hour rule (R17, R19), as the models' default `backupRoutineAfter`. */
export const BACKUP_ROUTINE_AFTER_MIN = 4 * 60;
