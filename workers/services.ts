import type { Logger } from 'pino';
import type { CamundaRestClient } from '@camunda8/sdk';
import type { ApprovalSource } from '../service/approvals/ApprovalSource';
import { EngineApprovalSource } from '../service/approvals/EngineApprovalSource';
import { DependencyMissingError } from '../service/errors/DependencyMissingError';
import { captureSmtpUrl, effectiveSmtpUrl, noticePageUrl, type ServiceConfig } from '../service/config';
import type { ServiceDb } from '../service/db';
import { RoleDirectory } from '../service/directory/RoleDirectory';
import type { ServiceDeskAdapter } from '../service/itsm/ServiceDeskAdapter';
import { createServiceDeskAdapter } from '../service/itsm/createServiceDeskAdapter';
import { EmailServiceDeskAdapter } from '../service/itsm/EmailServiceDeskAdapter';
import { Mailer } from '../service/mail/Mailer';
import { SqliteNoticeStore, SqliteSubscriberStore, type NoticeStore, type SubscriberStore } from '../service/notices';
import { OnDutySchedule } from '../service/onduty/OnDutySchedule';
import { Outbox } from '../service/outbox/Outbox';
import { VendorContact } from '../service/vendor/VendorContact';
import { NoticeWebhook } from '../service/webhook/NoticeWebhook';
import { ReportStore } from '../service/intake/ReportStore';
import type { RetryPolicy } from './jobRunner';

/** Everything the handlers use. Handlers are pure glue over these. */
export interface WorkerServices {
  logger: Logger;
  retry: RetryPolicy;
  /** The job timeout the workers activate with (publish-notice: 5×). */
  jobTimeoutMs: number;
  noticePageUrl: string;
  tasklistUrl: string;
  mailBatchSize: number;
  mailer: Mailer;
  outbox: Outbox;
  directory: RoleDirectory;
  onDuty: OnDutySchedule;
  serviceDesk: ServiceDeskAdapter;
  /** Used instead of `serviceDesk` in drills (P9): a mail to the local capture. */
  drillServiceDesk: ServiceDeskAdapter;
  vendor: VendorContact;
  notices: NoticeStore;
  /** Who completed the approval task (R3): the engine's user-task record. */
  approvals: ApprovalSource;
  subscribers: SubscriberStore;
  /** The intake's reports (personal data stays here, not in the engine): who to mail (T3, T5). */
  reports: ReportStore;
  /** Publish a message to the engine (forward-prognosis, T2). */
  publishMessage: (message: { name: string; correlationKey: string; variables: Record<string, unknown>; messageId?: string; timeToLive?: number }) => Promise<void>;
  webhook?: NoticeWebhook;
  /** Wall clock (outbox timestamps, contact times). */
  now: () => Date;
  /**
   * The engine's time for a job (T1): what business decisions (on duty, stand-ins) are made for, so that a drill on
   * the local runtime's simulated clock (P9) or a test's pinned clock decides on its own time. From the `engineNow`
   * variable (a `=now()` input mapping in the model); else the job's deadline minus the job timeout; else the wall clock.
   */
  engineTime: (job: { deadline?: unknown; variables?: Record<string, unknown> }) => Date;
}

/** Build the services from the configuration (one SQLite handle shared with the service web). */
export function createWorkerServices(
  config: ServiceConfig,
  db: ServiceDb,
  logger: Logger,
  overrides: Partial<WorkerServices> = {},
  camunda?: CamundaRestClient,
): WorkerServices {
  const now = overrides.now ?? (() => new Date());
  const jobTimeoutMs = config.camunda.jobTimeoutMs;
  // An explicitly injected clock wins (tests); otherwise the engine's time from the job's deadline.
  const engineTime =
    overrides.engineTime ??
    ((job: { deadline?: unknown; variables?: Record<string, unknown> }) => {
      const fromModel = Date.parse(String(job.variables?.engineNow ?? ''));
      if (Number.isFinite(fromModel)) return new Date(fromModel);
      if (overrides.now) return now();
      const deadline = Number(job.deadline);
      return Number.isFinite(deadline) && deadline > jobTimeoutMs ? new Date(deadline - jobTimeoutMs) : now();
    });
  const mailer =
    overrides.mailer ??
    new Mailer({ smtpUrl: effectiveSmtpUrl(config), captureUrl: captureSmtpUrl(config), from: config.mail.from, poolMaxConnections: config.mail.poolMaxConnections }, logger);
  const outbox = overrides.outbox ?? new Outbox(db, { leaseMs: config.outbox.leaseMs, now });
  const directory = overrides.directory ?? new RoleDirectory(config.directory);
  const publicBaseUrl = config.web.publicBaseUrl;
  return {
    logger,
    retry: config.retry,
    jobTimeoutMs: config.camunda.jobTimeoutMs,
    noticePageUrl: noticePageUrl(config),
    tasklistUrl: config.tasklistUrl,
    mailBatchSize: config.mail.batchSize,
    mailer,
    outbox,
    directory,
    onDuty: new OnDutySchedule(config.onDuty, directory.displayName('unit-manager')),
    serviceDesk: createServiceDeskAdapter(config, mailer),
    drillServiceDesk: new EmailServiceDeskAdapter(mailer, config.serviceDesk.intakeEmail),
    vendor: new VendorContact(mailer, outbox, config.vendor, now),
    notices: new SqliteNoticeStore(db, { publicBaseUrl }),
    approvals: camunda
      ? new EngineApprovalSource(camunda)
      : {
          latestApproval: async () => {
            throw new DependencyMissingError('approvals (engine client)', 'publish-notice');
          },
        },
    subscribers: new SqliteSubscriberStore(db, { publicBaseUrl }),
    reports: new ReportStore(db),
    publishMessage: camunda
      ? async (message) => {
          await camunda.publishMessage({ ...message, variables: message.variables as never, timeToLive: message.timeToLive ?? config.web.messageTtlMs });
        }
      : async () => {
          throw new DependencyMissingError('engine client (publish message)', 'forward-prognosis');
        },
    webhook: config.webhook.url ? new NoticeWebhook({ url: config.webhook.url, token: config.webhook.token, timeoutMs: config.webhook.timeoutMs }) : undefined,
    now,
    engineTime,
    ...overrides,
  };
}
