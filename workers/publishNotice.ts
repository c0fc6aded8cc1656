import type { CamundaRestClient } from '@camunda8/sdk';
import { z } from 'zod';
import { ERROR_CODES, JOB_CONTRACTS, JOB_TYPES, RELATED_DOCUMENTS } from '../contract';
import { MailDeliveryError } from '../service/errors/MailDeliveryError';
import { NoticeNotApprovedError } from '../service/errors/NoticeNotApprovedError';
import { renderMail } from '../service/mail/MailContent';
import { noticeUpdateMail } from '../service/mail/templates';
import { runJob, type JobAck, type JobOutcome, type WorkerJob } from './jobRunner';
import { mailContext, prognosisText } from './mailContext';
import { NoticeClosedError } from '../service/notices/NoticeClosedError';
import type { WorkerServices } from './services';
import type { WorkerOptions } from './workerOptions';
import { registerWorker } from './registerWorker';

/** Publish an approved notice (R3, R4, R17, R18, R21, P3, P11). */
export const PUBLISH_NOTICE = JOB_TYPES.publishNotice;
const contract = JOB_CONTRACTS[PUBLISH_NOTICE];
/**
 * The contract's input, except that a missing or incomplete approval (no `noticeApproval`, or an empty
 * `approvedBy` from a form left blank) is not bad input: the approver is the one the approval task's completing
 * listener recorded (`noticeApprovedBy`, R3), and `approved: false` is a refusal.
 */
export const publishNoticeInput = contract.input.extend({
  noticeApproval: z
    .object({
      approved: z.boolean().default(false),
      approvedBy: z.string().default(''),
      approvedAt: contract.input.shape.noticeApproval.shape.approvedAt,
    })
    .default({ approved: false, approvedBy: '' }),
});

/** publish-notice locks its job this long (mailing every subscriber takes longer than one mail). */
export const PUBLISH_TIMEOUT_FACTOR = 5;

/**
 * Run `tasks` in batches of `size` concurrent calls; returns the errors (all tasks are attempted).
 * `afterBatch` runs between batches (to extend the job's lock on long lists).
 */
async function inBatches(tasks: Array<() => Promise<unknown>>, size: number, afterBatch: () => Promise<void>): Promise<unknown[]> {
  const errors: unknown[] = [];
  for (let i = 0; i < tasks.length; i += size) {
    const results = await Promise.allSettled(tasks.slice(i, i + size).map((t) => t()));
    for (const r of results) if (r.status === 'rejected') errors.push(r.reason);
    if (i + size < tasks.length) await afterBatch();
  }
  return errors;
}

/**
 * R3: refuses (BPMN error NOTICE_NOT_APPROVED) unless "approved" was ticked. Who approved was decided when the
 * approval task completed: its completing listener (verify-notice-approver) let only a member of the system-owner
 * group complete it and recorded the approver (`noticeApprovedBy`), which this worker trusts.
 * Stores the notice update in the notice store (idempotent on the job key), mails every confirmed
 * subscriber once per update (outbox), and posts to the CMS webhook when configured (not in drills).
 */
export async function handlePublishNotice(job: WorkerJob, services: WorkerServices): Promise<JobAck> {
  return runJob(job, { jobType: PUBLISH_NOTICE, input: publishNoticeInput, headers: contract.headers }, services, async (input, _headers, log) => {
    // R3: the approver (a member of the system-owner group) was decided when the approval task completed, by its
    // completing listener, which recorded `noticeApprovedBy` – not the form's free-text `approvedBy`.
    const approval = input.noticeApproval;
    if (!approval.approved) {
      const refusal = new NoticeNotApprovedError(input.disruptionId, input.noticeApprovedBy, 'not-approved');
      log.warn({ reason: 'not-approved' }, 'notice not approved: not published (R3)');
      return { kind: 'error', errorCode: ERROR_CODES.noticeNotApproved, errorMessage: refusal.message } satisfies JobOutcome;
    }
    const approvedBy = input.noticeApprovedBy;

    const notice = input.notice;
    // T2: a prognosis is shown as its time in Swedish (with its text); its ISO time goes to status.json.
    const prognosis = prognosisText(notice.prognosis);
    let published: ReturnType<typeof services.notices.publish>;
    try {
      published = services.notices.publish({
        disruptionId: input.disruptionId,
        drill: input.drill,
        kind: notice.kind,
        state: notice.state,
        title: notice.title,
        body: notice.body,
        ...(prognosis ? { prognosis: `Sesam beräknas fungera igen ${prognosis}.`, prognosisAt: notice.prognosis!.expectedAt } : {}),
        approvedBy,
        approvedAt: input.noticeApprovedAt ?? approval.approvedAt,
        idempotencyKey: job.jobKey,
      });
    } catch (err) {
      if (!(err instanceof NoticeClosedError)) throw err;
      // T3: Sesam is back; this update was waiting for approval and is obsolete. Nothing is published.
      log.info({ state: notice.state, kind: notice.kind }, 'disruption already restored: obsolete notice update not published');
      return { kind: 'complete', variables: {} };
    }
    const links = services.notices.get(published.noticeId)?.links ?? RELATED_DOCUMENTS.map((d) => ({ title: d.title, url: d.url }));
    const ctx = { ...mailContext({ ...input, prognosis: notice.prognosis, publishedNotice: published }, services), reportCount: undefined };
    const update = `${published.noticeId}#${published.updateNumber}`;

    const subscribers = services.subscribers.confirmed();
    let sent = 0;
    // Keep the job locked while mailing a long list, so that it is not activated a second time meanwhile.
    const lockMs = services.jobTimeoutMs * PUBLISH_TIMEOUT_FACTOR;
    let lockedAt = Date.now();
    const extendLock = async () => {
      if (Date.now() - lockedAt < lockMs / 2) return;
      lockedAt = Date.now();
      await job.modifyJobTimeout({ newTimeoutMs: lockMs }).catch((err: unknown) => log.warn({ err }, 'could not extend the job timeout'));
    };
    const errors = await inBatches(
      subscribers.map((s) => async () => {
        const parts = { disruptionId: input.disruptionId, purpose: 'notice-update', recipient: s.email, update };
        const rendered = renderMail(noticeUpdateMail(ctx, { ...notice, updateNumber: published.updateNumber, links }, s.unsubscribeUrl));
        const { duplicate } = await services.outbox.once(
          'mail',
          parts,
          (key, attempt) => services.mailer.send({ ...rendered, to: [s.email], outboxKey: key, drill: input.drill, headers: services.subscribers.unsubscribeHeaders(s) }, attempt),
          { drill: input.drill },
        );
        if (!duplicate) sent += 1;
      }),
      services.mailBatchSize,
      extendLock,
    );
    if (errors.length > 0) {
      // The notice is stored; a retry re-sends only to the subscribers not yet reached.
      const first = errors[0];
      throw first instanceof MailDeliveryError
        ? new MailDeliveryError(first.outboxKey, first.smtpHost, { cause: first.cause, scope: `${errors.length} av ${subscribers.length} prenumeranter ej nådda` })
        : first;
    }

    if (services.webhook && !input.drill) {
      const webhook = services.webhook;
      await services.outbox.once('webhook', { disruptionId: input.disruptionId, purpose: 'notice-webhook', recipient: webhook.url, update }, () =>
        webhook.post({
          event: 'notice.published',
          disruptionId: input.disruptionId,
          noticeId: published.noticeId,
          updateNumber: published.updateNumber,
          url: published.url,
          kind: notice.kind,
          state: notice.state,
          title: notice.title,
          body: notice.body,
          prognosis,
          prognosisAt: notice.prognosis?.expectedAt,
          links,
          publishedAt: services.now().toISOString(),
        }),
      );
    }
    log.info({ noticeId: published.noticeId, updateNumber: published.updateNumber, created: published.created, subscriberCount: subscribers.length, sent }, 'notice published');
    return {
      kind: 'complete',
      variables: contract.output.parse({ publishedNotice: { noticeId: published.noticeId, updateNumber: published.updateNumber, url: published.url } }),
    };
  });
}

export function registerPublishNotice(client: CamundaRestClient, services: WorkerServices, options: WorkerOptions) {
  // Mailing every subscriber takes longer than a single mail.
  return registerWorker(client, PUBLISH_NOTICE, options, (job) => handlePublishNotice(job, services), PUBLISH_TIMEOUT_FACTOR);
}
