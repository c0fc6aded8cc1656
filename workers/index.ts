import type { CamundaRestClient } from '@camunda8/sdk';
import type { Logger } from 'pino';
import { EngineGateway } from '../lib/camunda/EngineGateway';
import { createRestClient } from '../lib/camunda/restClient';
import { serviceConfigSpec, type ServiceConfig } from '../service/config';
import type { ServiceDb } from '../service/db';
import { registerCheckSystemOwnerOnDuty } from './checkSystemOwnerOnDuty';
import { registerContactVendor } from './contactVendor';
import { registerCreateServiceDeskTicket } from './createServiceDeskTicket';
import { registerNotifyRole } from './notifyRole';
import { registerPublishNotice } from './publishNotice';
import { registerRegisterDisruption } from './registerDisruption';
import { registerRegisterRestoration } from './registerRestoration';
import { registerForwardPrognosis } from './forwardPrognosis';
import { registerVerifyNoticeApprover } from './verifyNoticeApprover';
import { createWorkerServices, type WorkerServices } from './services';
import type { WorkerOptions } from './workerOptions';
import type { ServiceParts } from '../service/ServiceParts';
import { sdkLogger } from './sdkLogger';

export { createWorkerServices, type WorkerServices } from './services';
export { NOTIFY_ROLE, handleNotifyRole } from './notifyRole';
export { CHECK_SYSTEM_OWNER_ON_DUTY, handleCheckSystemOwnerOnDuty } from './checkSystemOwnerOnDuty';
export { CREATE_SERVICE_DESK_TICKET, handleCreateServiceDeskTicket } from './createServiceDeskTicket';
export { CONTACT_VENDOR, handleContactVendor } from './contactVendor';
export { PUBLISH_NOTICE, handlePublishNotice } from './publishNotice';
export { REGISTER_DISRUPTION, handleRegisterDisruption } from './registerDisruption';
export { REGISTER_RESTORATION, handleRegisterRestoration } from './registerRestoration';
export { FORWARD_PROGNOSIS, handleForwardPrognosis } from './forwardPrognosis';
export { VERIFY_NOTICE_APPROVER, handleVerifyNoticeApprover } from './verifyNoticeApprover';

export interface StartWorkersDeps {
  config: ServiceConfig;
  db: ServiceDb;
  logger: Logger;
  /** The engine client; built from the SDK's own variables (`createCamundaClient`) when absent. */
  camunda?: CamundaRestClient;
  /** The engine gateway over that client (apps/service.ts shares its one); built here otherwise. */
  engine?: EngineGateway;
  /** Replace individual services (tests: a controlled clock `now`). */
  services?: Partial<WorkerServices>;
  /** The service's parts when the web server shares them (apps/service.ts); built here otherwise. */
  parts?: ServiceParts;
}

export interface RunningWorkers {
  services: WorkerServices;
  close(): Promise<void>;
}

/**
 * The SDK client for the configured engine (the local runtime or the region's Camunda 8): the SDK's own variables from
 * `env` as it reads them, with the ones we validated (address, auth strategy and its credentials) from `config`.
 */
export function createCamundaClient(config: ServiceConfig, env: NodeJS.ProcessEnv = process.env): Promise<CamundaRestClient> {
  return createRestClient(env, serviceConfigSpec.passedOn(config));
}

/** Register one job worker per job type of the contract. */
export async function startWorkers(deps: StartWorkersDeps): Promise<RunningWorkers> {
  const camunda = deps.camunda ?? (await createCamundaClient(deps.config));
  const engine = deps.engine ?? new EngineGateway(camunda);
  const services = createWorkerServices(deps.config, deps.db, deps.logger, deps.services, engine, deps.parts);
  const options: WorkerOptions = {
    workerName: deps.config.camunda.workerName,
    jobTimeoutMs: deps.config.camunda.jobTimeoutMs,
    maxJobsToActivate: deps.config.camunda.maxJobsToActivate,
    pollIntervalMs: deps.config.camunda.pollIntervalMs,
    sdkLogger: sdkLogger(deps.logger),
    ...(deps.parts ? { foreground: deps.parts.foreground } : {}),
  };
  const workers = [
    registerNotifyRole(camunda, services, options),
    registerCheckSystemOwnerOnDuty(camunda, services, options),
    registerCreateServiceDeskTicket(camunda, services, options),
    registerContactVendor(camunda, services, options),
    registerPublishNotice(camunda, services, options),
    registerRegisterDisruption(camunda, services, options),
    registerRegisterRestoration(camunda, services, options),
    registerForwardPrognosis(camunda, services, options),
    registerVerifyNoticeApprover(camunda, services, options),
  ];
  deps.logger.info({ jobTypes: workers.length, restAddress: deps.config.camunda.restAddress, smtp: deps.config.mail.smtpUrl ? 'configured' : 'local capture' }, 'job workers started');
  return {
    services,
    async close() {
      await Promise.all(workers.map((w) => w.stop(10_000).catch((err: unknown) => deps.logger.warn({ err }, 'worker did not drain in time'))));
      // the mailer belongs to whoever built the parts: here only when the workers built them
      if (!deps.parts) services.mailer.close();
      deps.logger.info({}, 'job workers stopped');
    },
  };
}
