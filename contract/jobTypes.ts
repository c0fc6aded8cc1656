import { z } from 'zod';
import { NOTIFY_ROLES } from './roles';
import {
  BACKUP_ROUTINE_REASONS,
  NOTICE_KINDS,
  disruptionSchema,
  noticeApprovalSchema,
  noticeDraftSchema,
  prognosisSchema,
  recordedApprovalSchema,
  timerSettingsSchema,
} from './variables';
import { ERROR_CODES } from './errors';

/**
 * The job types of the routine: the one place where each type's headers, input variables,
 * output variables and BPMN errors are written down. The models (`bpmn/`), the element templates
 * and the workers (`workers/*.ts`) all refer to these; the contract test keeps them in step.
 */

/** Mail templates of `notify-role` (header `template`). */
export const NOTIFY_TEMPLATES = {
  /** R13: report the disruption to the system owner at once. */
  disruptionReported: 'disruption-reported',
  /** R14: the system owner is off duty – to the unit manager. */
  systemOwnerOffDuty: 'system-owner-off-duty',
  /** P4: the system owner did not acknowledge in time – to the unit manager. */
  acknowledgementOverdue: 'acknowledgement-overdue',
  /** R16, T5: the receipt to a caller who left an e-mail – notice link, please wait, 30 000. */
  reportReceived: 'report-received',
  /** R18: ask the system owner to publish special information (desk-only fault). */
  deskOnlyNoticeRequested: 'desk-only-notice-requested',
  /** R20: to Aktiv Ortopedteknik – systems down, acute OT referrals by paper until further notice. */
  backupRoutineActivated: 'backup-routine-activated',
  /** P2: to Aktiv Ortopedteknik – the system is back, enter the paper referrals. */
  backupRoutineEnded: 'backup-routine-ended',
  /** P2, T3: to every caller who left an e-mail – Sesam is back. */
  systemRestored: 'system-restored',
  /** T2: a prognosis exists at the 4-hour mark – VO Hjälpmedel decides whether to start the backup routine now. */
  backupRoutineDecisionRequested: 'backup-routine-decision-requested',
  /** P6, R10: an SLA target was breached – to VO Hjälpmedel. */
  slaBreached: 'sla-breached',
  /** P3: the next notice update is due – to the system owner. */
  noticeUpdateDue: 'notice-update-due',
  /** P8: the post-incident review is waiting – to VO Hjälpmedel. */
  reviewDue: 'review-due',
} as const;
export const NOTIFY_TEMPLATE_IDS = Object.values(NOTIFY_TEMPLATES) as [string, ...string[]];
export type NotifyTemplate = (typeof NOTIFY_TEMPLATES)[keyof typeof NOTIFY_TEMPLATES];

/** Variables a notice link or status may take from the process (optional everywhere). */
const noticeContextSchema = z.object({
  prognosis: prognosisSchema.optional(),
  serviceDeskTicketId: z.string().optional(),
  publishedNotice: z.object({ noticeId: z.string(), updateNumber: z.number().int(), url: z.string() }).optional(),
  /** P1: how many reports the disruption has (the reports themselves live in the service's store). */
  reportCount: z.number().int().min(0).optional(),
  slaTarget: z.enum(['response', 'restore']).optional(),
  /** R14: the on-duty decision (output of check-system-owner-on-duty), quoted in the mail to the unit manager. */
  systemOwnerOnDutyReason: z.string().max(500).optional(),
  systemOwnerContact: z.string().max(200).optional(),
  /** P4: how long the system owner has to acknowledge (ISO 8601), quoted in the R13 mail. */
  acknowledgementTimeout: z.string().optional(),
  /** P4: when the acknowledgement is due, in Europe/Stockholm (T6). */
  acknowledgementDueText: z.string().optional(),
  /** T2: why the backup routine started. */
  backupRoutineReason: z.enum(BACKUP_ROUTINE_REASONS).optional(),
  /** T2: the 4-hour mark in Europe/Stockholm. */
  backupRoutineDueText: z.string().optional(),
  /** The engine's time when the job was created (`=now()` input mapping, T1): business time for on-duty and stand-ins. */
  engineNow: z.string().optional(),
});

export const JOB_TYPES = {
  notifyRole: 'notify-role',
  checkSystemOwnerOnDuty: 'check-system-owner-on-duty',
  createServiceDeskTicket: 'create-service-desk-ticket',
  contactVendor: 'contact-vendor',
  publishNotice: 'publish-notice',
  registerDisruption: 'register-disruption',
  registerRestoration: 'register-restoration',
  forwardPrognosis: 'forward-prognosis',
  verifyNoticeApprover: 'verify-notice-approver',
} as const;
export type JobType = (typeof JOB_TYPES)[keyof typeof JOB_TYPES];

export const JOB_CONTRACTS = {
  /** E-mail a role (R13, R14, R16, R18, R20, P2, P3, P4, P6, P8). */
  [JOB_TYPES.notifyRole]: {
    label: 'Skicka notifiering',
    rules: ['R13', 'R14', 'R16', 'R18', 'R20', 'P2', 'P3', 'P4', 'P6', 'P8'],
    headers: z.object({ role: z.enum(NOTIFY_ROLES), template: z.enum(NOTIFY_TEMPLATE_IDS) }),
    input: disruptionSchema.extend(noticeContextSchema.shape),
    output: z.object({}),
    errors: [] as string[],
  },
  /** Office hours, Swedish public holidays and stand-ins (R14, P5). */
  [JOB_TYPES.checkSystemOwnerOnDuty]: {
    label: 'Kontrollera om systemansvarig är i tjänst',
    rules: ['R14', 'P5'],
    headers: z.object({}),
    // T1: decided on the engine's clock – the model must map `engineNow` (`=string(now())`) into this job
    input: disruptionSchema.extend({ engineNow: z.string().min(1), acknowledgementTimeout: z.string().optional() }),
    output: z.object({
      systemOwnerOnDuty: z.boolean(),
      /** P4, T6: when the acknowledgement is due (engine time + acknowledgementTimeout), in Europe/Stockholm. */
      acknowledgementDueText: z.string().optional(),
      /** Swedish reason, shown in forms and the timeline ("Helgdag: Juldagen"). */
      systemOwnerOnDutyReason: z.string(),
      /** Who to contact now: the system owner or a stand-in (display name, no contact data). */
      systemOwnerContact: z.string(),
    }),
    errors: [] as string[],
  },
  /** Incident at the Servicedesk (30 000 / Ritz) (R14). */
  [JOB_TYPES.createServiceDeskTicket]: {
    label: 'Skapa ärende hos Servicedesk',
    rules: ['R14'],
    headers: z.object({}),
    input: disruptionSchema.extend({ reportCount: noticeContextSchema.shape.reportCount }),
    output: z.object({ serviceDeskTicketId: z.string().min(1) }),
    errors: [] as string[],
  },
  /** Contact the vendor Visma (R15, R8). */
  [JOB_TYPES.contactVendor]: {
    label: 'Kontakta systemleverantör',
    rules: ['R15', 'R8'],
    headers: z.object({}),
    input: disruptionSchema.extend({ serviceDeskTicketId: z.string().optional() }),
    output: z.object({ vendorContactedAt: z.iso.datetime({ offset: true }) }),
    errors: [] as string[],
  },
  /**
   * Publish an approved notice (R3, R4, R17, R18, R21, P3, P11). The approval was decided when the approval task
   * completed (`verify-notice-approver`), which recorded the approver: publish-notice trusts the process.
   */
  [JOB_TYPES.publishNotice]: {
    label: 'Publicera driftinformation',
    rules: ['R3', 'R4', 'R17', 'R18', 'R21', 'P3', 'P11'],
    headers: z.object({}),
    input: disruptionSchema.extend({ notice: noticeDraftSchema, noticeApproval: noticeApprovalSchema }).extend(recordedApprovalSchema.shape),
    output: z.object({
      /** Absent when Sesam was restored before the update could be published (T3: obsolete, not public). */
      publishedNotice: z.object({ noticeId: z.string(), updateNumber: z.number().int(), url: z.string() }).optional(),
    }),
    errors: [ERROR_CODES.noticeNotApproved] as string[],
  },
  /**
   * T1, T6: the disruption's times for people (Europe/Stockholm), computed once the engine has set `reportedAt`: the
   * first report, the 4-hour mark (when `backupRoutineAfter` is set), a planned maintenance's start and end (P11).
   */
  [JOB_TYPES.registerDisruption]: {
    label: 'Registrera driftstörningen',
    rules: ['T1', 'T6', 'R17', 'P1', 'P11'],
    headers: z.object({}),
    input: disruptionSchema.extend({
      backupRoutineAfter: timerSettingsSchema.shape.backupRoutineAfter.optional(),
      maintenanceStart: z.iso.datetime({ offset: true }).optional(),
      maintenanceEnd: z.iso.datetime({ offset: true }).optional(),
    }),
    output: z.object({
      reportedAtText: z.string().min(1),
      /** R17: the 4-hour mark (first report + backupRoutineAfter), ISO 8601. */
      backupRoutineDueAt: z.iso.datetime({ offset: true }).optional(),
      backupRoutineDueText: z.string().min(1).optional(),
      maintenanceStartText: z.string().min(1).optional(),
      maintenanceEndText: z.string().min(1).optional(),
    }),
    errors: [] as string[],
  },
  /**
   * T3, P2: Sesam is restored. Closes the disruption's notices in the service's store (only a final state may be
   * published from now on) and says what had been published, so that the resolved notice follows whatever was public.
   */
  [JOB_TYPES.registerRestoration]: {
    label: 'Registrera att Sesam fungerar igen',
    rules: ['T3', 'P2', 'R21'],
    headers: z.object({}),
    input: disruptionSchema.extend({ restoredAt: z.string().optional() }),
    output: z.object({
      restoredAtText: z.string().min(1),
      /** Kinds of notice published for this disruption before restoration (empty: nothing was public). */
      publishedNoticeKinds: z.array(z.enum(NOTICE_KINDS)),
    }),
    errors: [] as string[],
  },
  /**
   * T2: a prognosis entered in the notice approval form reaches the main process as the message `prognosis-received`
   * (source `notice`), like one from the IT page – only when it differs from the one the process already has.
   */
  [JOB_TYPES.forwardPrognosis]: {
    label: 'Skicka prognosen till driftstörningen',
    rules: ['T2', 'R17', 'P3'],
    headers: z.object({}),
    input: disruptionSchema.extend({
      prognosisExpectedAt: z.string().min(1),
      prognosisText: z.string().max(500).optional(),
      /** The prognosis the process had when the approval started. */
      prognosis: prognosisSchema.optional(),
    }),
    output: z.object({ prognosisForwarded: z.boolean() }),
    errors: [] as string[],
  },
  /**
   * R3, as a completing task listener of the approval task (Camunda 8.8): the completion is denied unless the task's
   * assignee is in the system-owner group, in the same step as the completion; when accepted, the approver is recorded
   * on the process instance (`recordedApprovalSchema`). A listener job reads the task from the job (`userTask`), has no
   * output variables (Camunda refuses them on listener jobs) and answers with a job result (`denied`, `deniedReason`).
   */
  [JOB_TYPES.verifyNoticeApprover]: {
    label: 'Kontrollera godkännaren av driftinformation',
    rules: ['R3'],
    headers: z.object({}),
    input: z.object({}),
    output: z.object({}),
    errors: [] as string[],
  },
} as const;

/**
 * R3: the approval user task of every process that publishes a notice (contract test); its completing task listener
 * `verify-notice-approver` lets only a member of the system-owner group complete it.
 */
export const APPROVAL_TASK_ELEMENT_ID = 'UserTask_ApproveNotice';

/**
 * The job types that are task listeners (`zeebe:taskListener`) rather than service tasks: on which user task and at
 * which event (Camunda 8.8 event types). The models (contract test, lint rule `known-job-type`) hold them there only.
 */
export const TASK_LISTENER_JOB_TYPES: Partial<Record<JobType, { eventType: 'creating' | 'assigning' | 'updating' | 'completing' | 'canceling'; elementId: string }>> = {
  [JOB_TYPES.verifyNoticeApprover]: { eventType: 'completing', elementId: APPROVAL_TASK_ELEMENT_ID },
};
