import type { z } from 'zod';
import type { Logger } from 'pino';
import type { CamundaRestClient } from '@camunda8/sdk';
import { JOB_CONTRACTS, JOB_TYPES, NOTIFY_TEMPLATES, type NotifyRole, type NotifyTemplate } from '../contract';
import { RoleDirectory } from '../service/directory/RoleDirectory';
import { renderMail } from '../service/mail/MailContent';
import { callListMail, notifyMail } from '../service/mail/templates';
import { runJob, type JobAck, type WorkerJob } from './jobRunner';
import type { StoredReport } from '../service/intake/ReportStore';
import { mailContext } from './mailContext';
import type { WorkerServices } from './services';
import type { WorkerOptions } from './workerOptions';
import { registerWorker } from './registerWorker';

/** E-mail a role (R13, R14, R16, R18, R20, P2, P3, P4, P6, P8). Headers: `role`, `template`. */
export const NOTIFY_ROLE = JOB_TYPES.notifyRole;
const contract = JOB_CONTRACTS[NOTIFY_ROLE];

export const notifyRoleInput = contract.input;
export const notifyRoleHeaders = contract.headers;

/**
 * Templates that may legitimately go out more than once per disruption: the occurrence is the SLA target,
 * or the element instance (a new reminder). All others go out once per disruption and recipient.
 */
function occurrence(template: NotifyTemplate, input: z.infer<typeof notifyRoleInput>, job: WorkerJob): string {
  if (template === NOTIFY_TEMPLATES.slaBreached) return `sla-${input.slaTarget ?? 'unknown'}`;
  if (template === NOTIFY_TEMPLATES.noticeUpdateDue) return `reminder-${job.elementInstanceKey}`;
  return 'once';
}

/** Recipients of a directory role, plus the current stand-in for the system owner (P5). */
function directoryRecipients(role: NotifyRole, services: WorkerServices, job: WorkerJob): string[] {
  if (!RoleDirectory.isDirectoryRole(role)) return [];
  const emails = services.directory.recipients(role).map((r) => r.email.toLowerCase());
  if (role === 'system-owner') {
    const standIn = services.onDuty.decide(services.engineTime(job)).standIn;
    if (standIn?.email) emails.push(standIn.email.toLowerCase());
  }
  return [...new Set(emails)];
}

/**
 * The callers of the disruption a `prescribers` mail goes to, from the service's store (their personal data never
 * enters the engine). The receipt (T5, R16): callers with an e-mail and no receipt yet, claimed for this job, so
 * concurrent receipt jobs never mail the same caller. "Sesam works again" (T3, P2): every caller with an e-mail.
 */
function callers(template: NotifyTemplate, disruptionId: string, services: WorkerServices, job: WorkerJob): StoredReport[] {
  if (template === NOTIFY_TEMPLATES.reportReceived) return services.reports.claimReceipts(disruptionId, job.jobKey);
  return services.reports.ofDisruption(disruptionId).filter((r) => r.report.reporterEmail);
}

/**
 * P2, R16: callers who left no e-mail address cannot be mailed that Sesam works again; the desk gets a call list
 * (name, unit, phone) instead – each caller once per disruption, even when the job is delivered twice. Desk-only and
 * monitor reports are not callers.
 */
async function sendDeskCallList(template: NotifyTemplate, input: z.infer<typeof notifyRoleInput>, services: WorkerServices, log: Logger): Promise<number> {
  const purpose = `${template}-call-list`;
  const unreachable = services.reports
    .ofDisruption(input.disruptionId)
    .map((s) => s.report)
    .filter((r) => !r.reporterEmail && !r.deskOnly && r.channel !== 'monitor' && (r.reporterPhone || r.reporterName));
  const pending = unreachable.filter((r) => !services.outbox.has({ disruptionId: input.disruptionId, purpose: `${purpose}-entry`, recipient: r.reportId, update: 'once' }));
  if (pending.length === 0) return 0;
  const update = pending.map((r) => r.reportId).sort().join(',');
  const rendered = renderMail(
    callListMail(template, mailContext(input, services), pending.map((r) => ({ name: r.reporterName, unit: r.unit, phone: r.reporterPhone, receivedAt: r.receivedAt }))),
  );
  for (const desk of services.directory.recipients('desk')) {
    const parts = { disruptionId: input.disruptionId, purpose, recipient: desk.email, update };
    await services.outbox.once('mail', parts, (key) => services.mailer.send({ ...rendered, to: [desk.email], outboxKey: key, drill: input.drill }), { drill: input.drill });
  }
  for (const r of pending) services.outbox.record('mail', { disruptionId: input.disruptionId, purpose: `${purpose}-entry`, recipient: r.reportId, update: 'once' }, { listedIn: update }, { drill: input.drill });
  log.info({ template, callListEntries: pending.length }, 'desk asked to call prescribers without e-mail');
  return pending.length;
}

export async function handleNotifyRole(job: WorkerJob, services: WorkerServices): Promise<JobAck> {
  return runJob(job, { jobType: NOTIFY_ROLE, input: notifyRoleInput, headers: notifyRoleHeaders }, services, async (input, headers, log) => {
    const template = headers.template as NotifyTemplate;
    const toCallers = headers.role === 'prescribers';
    const recipients = toCallers
      ? [...new Set(callers(template, input.disruptionId, services, job).map((r) => r.report.reporterEmail!.trim().toLowerCase()))]
      : directoryRecipients(headers.role, services, job);
    if (toCallers && template === NOTIFY_TEMPLATES.systemRestored) await sendDeskCallList(template, input, services, log);
    if (recipients.length === 0) {
      log.info({ role: headers.role, template }, 'no recipient with an e-mail address: nothing to send');
      return { kind: 'complete', variables: {} };
    }
    const rendered = renderMail(notifyMail(template, mailContext(input, services)));
    const update = occurrence(template, input, job);
    let sent = 0;
    for (const to of recipients) {
      const parts = { disruptionId: input.disruptionId, purpose: template, recipient: to, update };
      const { duplicate } = await services.outbox.once(
        'mail',
        parts,
        (key) => services.mailer.send({ ...rendered, to: [to], outboxKey: key, drill: input.drill }),
        { drill: input.drill },
      );
      if (!duplicate) sent += 1;
    }
    log.info({ role: headers.role, template, recipientCount: recipients.length, sent }, 'role notified');
    return { kind: 'complete', variables: {} };
  });
}

export function registerNotifyRole(client: CamundaRestClient, services: WorkerServices, options: WorkerOptions) {
  return registerWorker(client, NOTIFY_ROLE, options, (job) => handleNotifyRole(job, services));
}
