import { z } from 'zod';
import { NOTIFY_ROLES } from './roles';
import { disruptionSchema, noticeApprovalSchema, noticeDraftSchema, reportSchema } from './variables';
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
  /** R16: to a reporting prescriber – notice link, please wait, 30 000. */
  reportReceived: 'report-received',
  /** R18: ask the system owner to publish special information (desk-only fault). */
  deskOnlyNoticeRequested: 'desk-only-notice-requested',
  /** R20: to Aktiv Ortopedteknik – systems down, acute OT referrals by paper until further notice. */
  backupRoutineActivated: 'backup-routine-activated',
  /** P2: to Aktiv Ortopedteknik – the system is back, enter the paper referrals. */
  backupRoutineEnded: 'backup-routine-ended',
  /** P2: to prescribers who reported – Sesam is back. */
  systemRestored: 'system-restored',
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
  prognosis: z.string().max(500).optional(),
  serviceDeskTicketId: z.string().optional(),
  publishedNotice: z.object({ noticeId: z.string(), updateNumber: z.number().int(), url: z.string() }).optional(),
  reports: z.array(reportSchema).optional(),
  slaTarget: z.enum(['response', 'restore']).optional(),
  /** R14: the on-duty decision (output of check-system-owner-on-duty), quoted in the mail to the unit manager. */
  systemOwnerOnDutyReason: z.string().max(500).optional(),
  systemOwnerContact: z.string().max(200).optional(),
  /** P4: how long the system owner has to acknowledge (ISO 8601), quoted in the R13 mail. */
  acknowledgementTimeout: z.string().optional(),
});

export const JOB_TYPES = {
  notifyRole: 'notify-role',
  checkSystemOwnerOnDuty: 'check-system-owner-on-duty',
  createServiceDeskTicket: 'create-service-desk-ticket',
  contactVendor: 'contact-vendor',
  publishNotice: 'publish-notice',
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
    input: disruptionSchema,
    output: z.object({
      systemOwnerOnDuty: z.boolean(),
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
    input: disruptionSchema.extend({ reports: z.array(reportSchema).optional() }),
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
  /** Publish an approved notice (R3, R4, R17, R18, R21, P3, P11). */
  [JOB_TYPES.publishNotice]: {
    label: 'Publicera driftinformation',
    rules: ['R3', 'R4', 'R17', 'R18', 'R21', 'P3', 'P11'],
    headers: z.object({}),
    input: disruptionSchema.extend({ notice: noticeDraftSchema, noticeApproval: noticeApprovalSchema }),
    output: z.object({
      publishedNotice: z.object({ noticeId: z.string(), updateNumber: z.number().int(), url: z.string() }),
    }),
    errors: [ERROR_CODES.noticeNotApproved] as string[],
  },
} as const;

/**
 * R3: `publish-notice` judges the approval by the assignee of the latest completed user task with this element id
 * in the same process instance as the job. Every process with a publish-notice task has one (contract test).
 */
export const APPROVAL_TASK_ELEMENT_ID = 'UserTask_ApproveNotice';
