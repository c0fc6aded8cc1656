import type { Logger } from 'pino';
import { captureSmtpUrl, effectiveSmtpUrl, noticePageUrl, type ServiceConfig } from './config';
import type { ServiceDb } from './db';
import { RoleDirectory } from './directory/RoleDirectory';
import { DisruptionRegistry } from './intake/DisruptionRegistry';
import { ReportStore } from './intake/ReportStore';
import type { ServiceDeskAdapter } from './itsm/ServiceDeskAdapter';
import { createServiceDeskAdapter } from './itsm/createServiceDeskAdapter';
import { EmailServiceDeskAdapter } from './itsm/EmailServiceDeskAdapter';
import { Mailer } from './mail/Mailer';
import { SqliteNoticeStore, SqliteSubscriberStore, type NoticeStore, type SubscriberStore } from './notices';
import { OnDutySchedule } from './onduty/OnDutySchedule';
import { Outbox } from './outbox/Outbox';
import { ForegroundGate } from '../lib/concurrency/ForegroundGate';
import { VendorContact } from './vendor/VendorContact';
import { NoticeWebhook } from './webhook/NoticeWebhook';

/**
 * The service's domain objects, built once from the configuration on one SQLite handle and shared by the web server
 * (notice page, intake, /it) and the job workers: one mailer, one outbox, one notice store, one clock.
 */
export interface ServiceParts {
  /** The service's clock (outbox timestamps, publication times, report ages). Tests pin it. */
  now: () => Date;
  noticePageUrl: string;
  mailer: Mailer;
  outbox: Outbox;
  directory: RoleDirectory;
  onDuty: OnDutySchedule;
  serviceDesk: ServiceDeskAdapter;
  /** Used instead of `serviceDesk` in drills (P9): a mail to the local capture. */
  drillServiceDesk: ServiceDeskAdapter;
  vendor: VendorContact;
  notices: NoticeStore;
  subscribers: SubscriberStore;
  /** The intake's reports; personal data stays here, not in the engine (T3, T5). */
  reports: ReportStore;
  /** The disruptions the intake allocated, started or adopted (P1). */
  disruptions: DisruptionRegistry;
  /** Foreground first (issue #12): the intake's calls are answered before background work goes on. */
  foreground: ForegroundGate;
  webhook?: NoticeWebhook;
  /** Stop what holds resources (the mailer's SMTP pool). */
  close(): void;
}

export interface ServicePartsOptions {
  now?: () => Date;
  /** When this process runs the local SMTP capture on `db`: whether it stored a Message-ID (settles mails in doubt). */
  captureLedger?: (messageId: string) => boolean;
}

export function createServiceParts(config: ServiceConfig, db: ServiceDb, logger: Logger, options: ServicePartsOptions = {}): ServiceParts {
  const now = options.now ?? (() => new Date());
  const publicBaseUrl = config.web.publicBaseUrl.replace(/\/+$/, '');
  const mailer = new Mailer(
    {
      smtpUrl: effectiveSmtpUrl(config),
      captureUrl: captureSmtpUrl(config),
      from: config.mail.from,
      poolMaxConnections: config.mail.poolMaxConnections,
      connectionTimeoutMs: 10_000,
      ...(options.captureLedger ? { captureLedger: options.captureLedger } : {}),
    },
    logger,
  );
  const outbox = new Outbox(db, { leaseMs: config.outbox.leaseMs, now });
  const directory = new RoleDirectory(config.directory);
  const foreground = new ForegroundGate({ quietMs: config.web.foregroundQuietMs, maxWaitMs: config.web.foregroundMaxWaitMs });
  return {
    now,
    noticePageUrl: noticePageUrl(config),
    mailer,
    outbox,
    directory,
    onDuty: new OnDutySchedule(config.onDuty, directory.displayName('unit-manager')),
    serviceDesk: createServiceDeskAdapter(config, mailer),
    drillServiceDesk: new EmailServiceDeskAdapter(mailer, config.serviceDesk.intakeEmail),
    vendor: new VendorContact(mailer, outbox, config.vendor, now),
    notices: new SqliteNoticeStore(db, { publicBaseUrl, now }),
    subscribers: new SqliteSubscriberStore(db, { publicBaseUrl, now }),
    reports: new ReportStore(db),
    disruptions: new DisruptionRegistry(db),
    foreground,
    ...(config.webhook.url ? { webhook: new NoticeWebhook({ url: config.webhook.url, token: config.webhook.token, timeoutMs: config.webhook.timeoutMs }) } : {}),
    close: () => {
      foreground.releaseAll();
      mailer.close();
    },
  };
}
