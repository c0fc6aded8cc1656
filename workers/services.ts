import type { Logger } from 'pino';
import type { EngineGateway, EngineMessage, UserTaskJobResult } from '../lib/camunda/EngineGateway';
import { DependencyMissingError } from '../service/errors/DependencyMissingError';
import type { ServiceConfig } from '../service/config';
import type { ServiceDb } from '../service/db';
import type { RoleDirectory } from '../service/directory/RoleDirectory';
import type { ServiceDeskAdapter } from '../service/itsm/ServiceDeskAdapter';
import type { Mailer } from '../service/mail/Mailer';
import type { NoticeStore, SubscriberStore } from '../service/notices';
import type { OnDutySchedule } from '../service/onduty/OnDutySchedule';
import type { Outbox } from '../service/outbox/Outbox';
import type { VendorContact } from '../service/vendor/VendorContact';
import type { NoticeWebhook } from '../service/webhook/NoticeWebhook';
import type { DisruptionRegistry } from '../service/intake/DisruptionRegistry';
import type { ReportStore } from '../service/intake/ReportStore';
import { createServiceParts, type ServiceParts } from '../service/ServiceParts';
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
  subscribers: SubscriberStore;
  /** The intake's reports (personal data stays here, not in the engine): who to mail (T3, T5). */
  reports: ReportStore;
  disruptions: DisruptionRegistry;
  /** Publish a message to the engine (forward-prognosis, T2); a duplicate `messageId` counts as published. */
  publishMessage: (message: EngineMessage) => Promise<void>;
  /** Set variables on an element instance's own scope, e.g. a process instance (the approver recorded by verify-notice-approver, R3). */
  setVariables: (elementInstanceKey: string, variables: Record<string, unknown>) => Promise<void>;
  /** Complete a task listener job with a result (deny its user task operation, R3). */
  completeListenerJob: (jobKey: string, result: UserTaskJobResult) => Promise<void>;
  webhook?: NoticeWebhook;
  /** Wall clock (outbox timestamps, contact times). */
  now: () => Date;
  /**
   * The engine's time for a job (T1): what business decisions (on duty, stand-ins) are made for, so that a drill on
   * the local runtime's simulated clock (P9) or a test's pinned clock decides on its own time. From the `engineNow`
   * variable (a `=string(now())` input mapping in the model); else the service's clock.
   */
  engineTime: (job: { variables?: Record<string, unknown> }) => Date;
}

/**
 * The workers' services: the service's parts (built once, shared with the web server when `parts` is given) plus what
 * only the workers need (retry policy; messages, variables and listener results through the engine gateway; engine
 * time).
 */
export function createWorkerServices(
  config: ServiceConfig,
  db: ServiceDb,
  logger: Logger,
  overrides: Partial<WorkerServices> = {},
  engine?: Pick<EngineGateway, 'publishMessage' | 'setLocalVariables' | 'completeListenerJob'>,
  parts: ServiceParts = createServiceParts(config, db, logger, overrides.now ? { now: overrides.now } : {}),
): WorkerServices {
  const now = overrides.now ?? parts.now;
  const jobTimeoutMs = config.camunda.jobTimeoutMs;
  // T1: business time is the engine's, from the `engineNow` input mapping (`=string(now())`) the models give the jobs
  // that decide by time (on duty, stand-ins); a job without it is decided on the service's clock.
  const engineTime =
    overrides.engineTime ??
    ((job: { variables?: Record<string, unknown> }) => {
      const fromModel = Date.parse(String(job.variables?.engineNow ?? ''));
      return Number.isFinite(fromModel) ? new Date(fromModel) : now();
    });
  const { close: _close, ...shared } = parts;
  return {
    ...shared,
    logger,
    retry: config.retry,
    jobTimeoutMs,
    tasklistUrl: config.tasklistUrl,
    mailBatchSize: config.mail.batchSize,
    publishMessage: engine
      ? (message) => engine.publishMessage({ ...message, timeToLive: message.timeToLive ?? config.web.messageTtlMs })
      : async () => {
          throw new DependencyMissingError('engine client (publish message)', 'forward-prognosis');
        },
    setVariables: engine
      ? (elementInstanceKey, variables) => engine.setLocalVariables(elementInstanceKey, variables)
      : async () => {
          throw new DependencyMissingError('engine client (set variables)', 'verify-notice-approver');
        },
    completeListenerJob: engine
      ? (jobKey, result) => engine.completeListenerJob(jobKey, result)
      : async () => {
          throw new DependencyMissingError('engine client (job result)', 'verify-notice-approver');
        },
    now,
    engineTime,
    ...overrides,
  };
}
