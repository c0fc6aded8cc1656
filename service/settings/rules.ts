import type { CrossFieldRule } from '../../lib/config/ConfigSpec';
import type { ServiceConfig } from '../config';
import { DIRECTORY_ROLES } from './routine';

/** Rules between settings. They see a partly parsed value when single settings failed, hence the defensive reads. */
type Rule = CrossFieldRule<ServiceConfig>;

/** The SDK's auth strategies and what each needs (the SDK itself would only fail at the first call). */
const camundaAuth: Rule = (c, problem) => {
  const cam = c.camunda ?? {};
  if (cam.authStrategy === 'OAUTH') {
    if (!cam.clientId) problem('camunda.clientId', 'ZEEBE_CLIENT_ID is required when CAMUNDA_AUTH_STRATEGY=OAUTH');
    if (!cam.clientSecret) problem('camunda.clientSecret', 'ZEEBE_CLIENT_SECRET is required when CAMUNDA_AUTH_STRATEGY=OAUTH');
    if (!cam.oauthUrl) problem('camunda.oauthUrl', 'CAMUNDA_OAUTH_URL is required when CAMUNDA_AUTH_STRATEGY=OAUTH');
  }
  if (cam.authStrategy === 'BEARER' && !cam.oauthToken) problem('camunda.oauthToken', 'CAMUNDA_OAUTH_TOKEN is required when CAMUNDA_AUTH_STRATEGY=BEARER');
  if (cam.authStrategy === 'BASIC' && (!cam.basicAuthUsername || !cam.basicAuthPassword)) {
    problem('camunda.basicAuthUsername', 'CAMUNDA_BASIC_AUTH_USERNAME and CAMUNDA_BASIC_AUTH_PASSWORD are required when CAMUNDA_AUTH_STRATEGY=BASIC');
  }
};

const serviceNow: Rule = (c, problem) => {
  if (c.serviceDesk?.adapter !== 'servicenow') return;
  const sn = c.serviceDesk.serviceNow ?? {};
  const auth = sn.auth ?? 'basic';
  if (!sn.baseUrl) problem('serviceDesk.serviceNow.baseUrl', 'SERVICENOW_URL is required when SERVICE_DESK_ADAPTER=servicenow');
  if (auth === 'basic' && (!sn.username || !sn.password)) problem('serviceDesk.serviceNow.username', 'SERVICENOW_USERNAME and SERVICENOW_PASSWORD are required for basic auth');
  if (auth === 'bearer' && !sn.token) problem('serviceDesk.serviceNow.token', 'SERVICENOW_TOKEN is required for bearer auth');
};

const officeHours: Rule = (c, problem) => {
  const { start, end } = c.onDuty ?? {};
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
  if (typeof start === 'string' && typeof end === 'string' && hhmm.test(start) && hhmm.test(end) && start >= end) problem('onDuty', 'office hours: start must be before end');
};

/** Real delivery (SMTP_URL): the placeholder addresses of the local set-up must have been replaced. */
const noPlaceholdersWithRealMail: Rule = (c, problem) => {
  if (!c.mail?.smtpUrl) return;
  const isPlaceholder = (email: unknown) => typeof email === 'string' && email.endsWith('.example');
  const placeholders: string[] = [];
  for (const role of DIRECTORY_ROLES) {
    const list = c.directory?.[role];
    if (Array.isArray(list) && list.some((r) => isPlaceholder(r?.email))) placeholders.push(`directory.${role}`);
  }
  if ((c.serviceDesk?.adapter ?? 'email') === 'email' && isPlaceholder(c.serviceDesk?.intakeEmail)) placeholders.push('serviceDesk.intakeEmail');
  if (isPlaceholder(c.vendor?.supportEmail)) placeholders.push('vendor.supportEmail');
  for (const p of placeholders) problem(p, 'still a local placeholder address (*.example) while SMTP_URL sends real mail');
};

export const serviceRules: readonly Rule[] = [camundaAuth, serviceNow, officeHours, noPlaceholdersWithRealMail];
