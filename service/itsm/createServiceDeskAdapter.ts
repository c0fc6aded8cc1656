import type { ServiceConfig } from '../config';
import type { Mailer } from '../mail/Mailer';
import { EmailServiceDeskAdapter } from './EmailServiceDeskAdapter';
import type { ServiceDeskAdapter } from './ServiceDeskAdapter';
import { ServiceNowAdapter } from './ServiceNowAdapter';

/** The adapter the configuration chooses (the config schema has checked the required settings). */
export function createServiceDeskAdapter(config: ServiceConfig, mailer: Mailer): ServiceDeskAdapter {
  const sd = config.serviceDesk;
  if (sd.adapter === 'servicenow' && sd.serviceNow.baseUrl) {
    return new ServiceNowAdapter({
      baseUrl: sd.serviceNow.baseUrl,
      auth:
        sd.serviceNow.auth === 'bearer'
          ? { kind: 'bearer', token: sd.serviceNow.token ?? '' }
          : { kind: 'basic', username: sd.serviceNow.username ?? '', password: sd.serviceNow.password ?? '' },
      assignmentGroup: sd.serviceNow.assignmentGroup,
      callerId: sd.serviceNow.callerId,
      timeoutMs: sd.serviceNow.timeoutMs,
    });
  }
  return new EmailServiceDeskAdapter(mailer, sd.intakeEmail);
}
