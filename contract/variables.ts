import { z } from 'zod';

/** Kinds of disruption the desk can assess (routine.md §3a–3c). */
export const SCOPES = ['full-it-outage', 'sesam-down', 'desk-only'] as const;
export type Scope = (typeof SCOPES)[number];

/** Product areas (R1). */
export const PRODUCT_AREAS = ['syn', 'horsel', 'rorelse', 'andning', 'tens', 'ortopedteknik'] as const;

/**
 * A notice's state (P3); the backup routine's notice (R21: in effect, ended) and planned maintenance (P11) have their own.
 * Labels: `labels.ts` (one set for forms, pages, feeds and mails, T6).
 */
export const NOTICE_STATES = ['investigating', 'identified', 'monitoring', 'resolved', 'in-effect', 'ended', 'scheduled', 'in-progress', 'completed'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];

/** What a notice is about. */
export const NOTICE_KINDS = ['disruption', 'backup-routine', 'desk-only', 'maintenance'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

const isoDateTime = z.iso.datetime({ offset: true });

/** How a report came in. */
export const REPORT_CHANNELS = ['phone', 'e-mail', 'monitor', 'other'] as const;

/**
 * One prescriber's report (R6, P1) as the service stores it. Personal data: it stays in the service's store, never
 * in the engine's variables (see {@link reportSummarySchema}) and never in logs (pino redact).
 */
export const reportSchema = z.object({
  reportId: z.string().min(1),
  receivedAt: isoDateTime,
  channel: z.enum(REPORT_CHANNELS).default('phone'),
  /** T4: only Hjälpmedel Administration has lost contact with Sesam (a 3c report); false: a user cannot reach Sesam. */
  deskOnly: z.boolean().default(false),
  reporterName: z.string().max(200).optional(),
  reporterEmail: z.email().optional(),
  reporterPhone: z.string().max(50).optional(),
  unit: z.string().max(200).optional(),
  productArea: z.enum(PRODUCT_AREAS).optional(),
  symptom: z.string().max(2000).optional(),
});
export type Report = z.infer<typeof reportSchema>;

/**
 * What the process holds of a report (P1): no personal data. The service's store has the rest; workers that mail
 * callers read it there by `disruptionId` (T3, T5).
 */
export const reportSummarySchema = z.object({
  reportId: z.string().min(1),
  receivedAt: isoDateTime,
  channel: z.enum(REPORT_CHANNELS),
  deskOnly: z.boolean().default(false),
  /** The caller left an e-mail address: they get a receipt and are told when Sesam works again. */
  hasEmail: z.boolean().default(false),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

/** Where a prognosis was entered: `it` the IT page or the IT API; `notice` the notice approval form (T2). */
export const PROGNOSIS_SOURCES = ['it', 'notice'] as const;

/**
 * IT's prognosis (T2, R17, P3): an expected restoration time, with optional text. `expectedAtText` is the time in
 * Europe/Stockholm for forms and mails (form FEEL cannot change zones), set by whoever entered it.
 */
export const prognosisSchema = z.object({
  expectedAt: isoDateTime,
  /** Absent when the approval form entered it (computed by the worker that forwards or publishes it). */
  expectedAtText: z.string().min(1).max(100).optional(),
  text: z.string().max(500).optional(),
  source: z.enum(PROGNOSIS_SOURCES).default('it'),
});
export type Prognosis = z.infer<typeof prognosisSchema>;

/** T2: VO Hjälpmedel's choice when a prognosis exists at the 4-hour mark (form `decide-backup-routine`). */
export const BACKUP_ROUTINE_DECISIONS = ['start-now', 'await-prognosis'] as const;
export type BackupRoutineDecision = (typeof BACKUP_ROUTINE_DECISIONS)[number];

/** Why the backup routine started (T2, R17, R19): shown in its notice and mails. */
export const BACKUP_ROUTINE_REASONS = ['no-prognosis', 'prognosis-passed', 'chosen'] as const;
export type BackupRoutineReason = (typeof BACKUP_ROUTINE_REASONS)[number];

/**
 * Variables every disruption instance carries (set when the intake starts it).
 * `disruptionId` is the correlation key of every message.
 */
export const disruptionSchema = z.object({
  disruptionId: z.string().min(1),
  system: z.string().default('sesam'),
  /** When the disruption started (first report) on the engine's clock (T1); the 4-hour rule counts from here (R17). */
  reportedAt: isoDateTime,
  /** The first report in Europe/Stockholm, for people (T6); set by `register-disruption`. */
  reportedAtText: z.string().optional(),
  /** Exercise run (P9): clearly marked, nothing leaves the machine. */
  drill: z.boolean().default(false),
  scope: z.enum(SCOPES).optional(),
  summary: z.string().max(2000).optional(),
});
export type Disruption = z.infer<typeof disruptionSchema>;

/** A notice as drafted and approved in the `approve-notice` form. */
export const noticeDraftSchema = z.object({
  kind: z.enum(NOTICE_KINDS),
  state: z.enum(NOTICE_STATES),
  title: z.string().min(1).max(200),
  body: z.string().min(1).max(5000),
  prognosis: prognosisSchema.optional(),
});
export type NoticeDraft = z.infer<typeof noticeDraftSchema>;

/** The system owner's approval (R3): who approved and when. */
export const noticeApprovalSchema = z.object({
  approved: z.boolean(),
  approvedBy: z.string().min(1),
  approvedAt: isoDateTime.optional(),
});
export type NoticeApproval = z.infer<typeof noticeApprovalSchema>;

/**
 * R3: who approved, as the approval task's completing task listener (`verify-notice-approver`) recorded it on the
 * process instance when it accepted the completion – the assignee, a member of the system-owner group. Not the form's
 * free-text `approvedBy`, and never a completion variable (those stay local to the approval task).
 */
export const recordedApprovalSchema = z.object({
  noticeApprovedBy: z.string().min(1),
  noticeApprovedAt: isoDateTime.optional(),
});
export type RecordedApproval = z.infer<typeof recordedApprovalSchema>;

/** Timer settings, ISO 8601 durations, with the routine's defaults. */
export const timerSettingsSchema = z.object({
  /** R17: backup routine after this long without prognosis, counted from `reportedAt`. */
  backupRoutineAfter: z.string().default('PT4H'),
  /** P4: the system owner must acknowledge within this. */
  acknowledgementTimeout: z.string().default('PT30M'),
  /** P6: SLA silver B response target. */
  slaResponseTime: z.string().default('PT1H'),
  /** P6: SLA silver B restore target. */
  slaRestoreTime: z.string().default('PT8H'),
  /** P3: next notice update due this long after the last one. */
  noticeUpdateInterval: z.string().default('PT1H'),
});
export type TimerSettings = z.infer<typeof timerSettingsSchema>;
export const DEFAULT_TIMER_SETTINGS: TimerSettings = timerSettingsSchema.parse({});

/**
 * Input of the called process `publicera-driftinformation` (set by the calling call activity's input
 * mappings; prefilled in the `approve-notice` form). The user task maps the form to `notice` and
 * `noticeApproval` (see noticeDraftSchema, noticeApprovalSchema) for `publish-notice`.
 */
export const noticeRequestSchema = z.object({
  noticeKind: z.enum(NOTICE_KINDS),
  noticeState: z.enum(NOTICE_STATES),
  noticeTitle: z.string().min(1).max(200),
  noticeBody: z.string().min(1).max(5000),
});
export type NoticeRequest = z.infer<typeof noticeRequestSchema>;

/**
 * Start variables of `planerat-underhall` (P11), besides disruptionSchema's `disruptionId` (the maintenance id,
 * correlation key) and `reportedAt` (when it was registered).
 */
export const maintenanceSchema = disruptionSchema.extend({
  maintenanceStart: isoDateTime,
  maintenanceEnd: isoDateTime,
});
export type Maintenance = z.infer<typeof maintenanceSchema>;
