import { z } from 'zod';
import { setting } from '../../lib/config/Setting';

/** The routine's own settings: links in mails, who the roles are, office hours, the vendor. */

const LOCAL_DOMAIN = 'region-skane.example';
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');

/** A person (or function mailbox) that a role resolves to. `userId` is the login used in Tasklist. */
export const recipientSchema = z.strictObject({ name: z.string().min(1), email: z.email(), userId: z.string().min(1).optional() });
export type Recipient = z.infer<typeof recipientSchema>;

/** Roles → recipients (R13, R14, R20, P6). `prescribers` is not here: they come from the reports. */
export const DIRECTORY_ROLES = ['desk', 'system-owner', 'unit-manager', 'orthopaedic-workshop', 'assistive-devices-operation'] as const;
export type DirectoryRole = (typeof DIRECTORY_ROLES)[number];

const defaultDirectory: Record<DirectoryRole, Recipient[]> = {
  desk: [{ name: 'Hjälpmedel Administration', email: `hjalpmedel-administration@${LOCAL_DOMAIN}`, userId: 'desk' }],
  'system-owner': [{ name: 'Systemansvarig Sesam', email: `systemansvarig-sesam@${LOCAL_DOMAIN}`, userId: 'systemansvarig' }],
  'unit-manager': [{ name: 'Enhetschef IT', email: `enhetschef-it@${LOCAL_DOMAIN}`, userId: 'enhetschef' }],
  'orthopaedic-workshop': [{ name: 'Aktiv Ortopedteknik', email: `remisser@aktiv-ortopedteknik.example` }],
  'assistive-devices-operation': [{ name: 'VO Hjälpmedel', email: `vo-hjalpmedel@${LOCAL_DOMAIN}`, userId: 'vo-hjalpmedel' }],
};

const directorySchema = z.strictObject(
  Object.fromEntries(DIRECTORY_ROLES.map((r) => [r, z.array(recipientSchema).min(1, `role ${r} needs at least one recipient`)])) as Record<DirectoryRole, z.ZodArray<typeof recipientSchema>>,
);

const standInSchema = z
  .strictObject({
    from: z.iso.date(),
    to: z.iso.date(),
    /** Display name shown in forms and the timeline. */
    name: z.string().min(1),
    /** Where the stand-in gets the system owner's mails while appointed. */
    email: z.email().optional(),
  })
  .refine((s) => s.from <= s.to, { message: 'stand-in "from" must not be after "to"' });

/** Settings at the root of the configuration. */
export const linkSettings = {
  noticePageUrl: setting({ env: 'NOTICE_PAGE_URL', type: z.url().optional(), shownDefault: '`PUBLIC_BASE_URL` + `/driftinfo`', doc: 'the public notice page (R4); mails link to it when no notice is published yet' }),
  tasklistUrl: setting({ env: 'TASKLIST_URL', type: z.url().default('http://localhost:8081/'), doc: 'the task list (Tasklist); mails that ask for an action link to it (P4: "Kvittera driftstörningen i uppgiftslistan")' }),
  directory: setting({
    type: directorySchema.default(defaultDirectory),
    shownDefault: 'local placeholders (`*.example`)',
    doc: 'per role (`desk`, `system-owner`, `unit-manager`, `orthopaedic-workshop`, `assistive-devices-operation`) a list of `{name, email, userId?}`, at least one each; `userId` is the Tasklist login of the R3 approval check',
  }),
};

/** P5: when the system owner is on duty. Times are local time in Europe/Stockholm. */
export const onDutySettings = {
  systemOwnerName: setting({ env: 'SYSTEM_OWNER_NAME', type: z.string().min(1).default('Systemansvarig Sesam'), doc: 'display name in on-duty decisions' }),
  timeZone: setting({ type: z.literal('Europe/Stockholm').default('Europe/Stockholm'), doc: 'office hours are Swedish local time' }),
  workDays: setting({ type: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]), doc: 'ISO weekdays of office hours (1 = Monday … 7 = Sunday)' }),
  start: setting({ env: 'OFFICE_HOURS_START', type: hhmm.default('08:00'), doc: 'start of office hours (local time)' }),
  end: setting({ env: 'OFFICE_HOURS_END', type: hhmm.default('16:30'), doc: 'end of office hours (local time)' }),
  holidayTypes: setting({
    type: z.array(z.enum(['public', 'bank', 'school', 'optional', 'observance'])).default(['public', 'bank']),
    doc: '`date-holidays` types that are days off (`bank` covers midsommarafton, julafton and nyårsafton)',
  }),
  standIns: setting({ type: z.array(standInSchema).default([]), doc: 'stand-ins for the system owner: `{from, to, name, email?}` (dates inclusive)' }),
};

export const vendorSettings = {
  name: setting({ env: 'VENDOR_NAME', type: z.string().default('Visma'), doc: 'the vendor of Sesam' }),
  supportEmail: setting({ env: 'VENDOR_SUPPORT_EMAIL', type: z.email().default('support@visma.example'), doc: "the vendor's support address (R15)" }),
  customerReference: setting({ type: z.string().default('Region Skåne – Hjälpmedel Skåne'), doc: "the region's customer number at the vendor, quoted in every contact" }),
};
