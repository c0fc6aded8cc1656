import { Camunda8, type CamundaRestClient } from '@camunda8/sdk';
import type { Logger } from 'pino';
import type { ServiceConfig } from '../service/config';
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
  /** The engine client; built from `config.camunda` (ZEEBE_REST_ADDRESS, OAuth …) when absent. */
  camunda?: CamundaRestClient;
  /** Replace individual services (tests: a controlled clock `now`). */
  services?: Partial<WorkerServices>;
  /** The service's parts when the web server shares them (apps/service.ts); built here otherwise. */
  parts?: ServiceParts;
}

export interface RunningWorkers {
  services: WorkerServices;
  close(): Promise<void>;
}

/** The SDK client for the configured engine: the local runtime or the region's Camunda 8. */
export function createCamundaClient(config: ServiceConfig): CamundaRestClient {
  const c = config.camunda;
  const sdkConfig: Record<string, string | undefined> = {
    ZEEBE_REST_ADDRESS: c.restAddress,
    CAMUNDA_AUTH_STRATEGY: c.authStrategy,
    ZEEBE_CLIENT_ID: c.clientId,
    ZEEBE_CLIENT_SECRET: c.clientSecret,
    CAMUNDA_OAUTH_URL: c.oauthUrl,
    ZEEBE_TOKEN_AUDIENCE: c.tokenAudience,
    CAMUNDA_TOKEN_SCOPE: c.tokenScope,
    CAMUNDA_OAUTH_TOKEN: c.oauthToken,
    CAMUNDA_BASIC_AUTH_USERNAME: c.basicAuthUsername,
    CAMUNDA_BASIC_AUTH_PASSWORD: c.basicAuthPassword,
    CAMUNDA_TENANT_ID: c.tenantId,
  };
  const defined = Object.fromEntries(Object.entries(sdkConfig).filter(([, v]) => v !== undefined));
  return new Camunda8(defined as ConstructorParameters<typeof Camunda8>[0]).getCamundaRestClient();
}

/** Register one job worker per job type of the contract. */
export async function startWorkers(deps: StartWorkersDeps): Promise<RunningWorkers> {
  const camunda = deps.camunda ?? createCamundaClient(deps.config);
  const services = createWorkerServices(deps.config, deps.db, deps.logger, deps.services, camunda, deps.parts);
  const options: WorkerOptions = {
    workerName: deps.config.camunda.workerName,
    jobTimeoutMs: deps.config.camunda.jobTimeoutMs,
    maxJobsToActivate: deps.config.camunda.maxJobsToActivate,
    pollIntervalMs: deps.config.camunda.pollIntervalMs,
    sdkLogger: sdkLogger(deps.logger),
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
