import type { CamundaRestClient } from '@camunda8/sdk';
import { JOB_CONTRACTS, JOB_TYPES } from '../contract';
import { ticketReference, type ServiceDeskTicket } from '../service/itsm/ServiceDeskAdapter';
import { runJob, type JobAck, type WorkerJob } from './jobRunner';
import { mailContext } from './mailContext';
import type { WorkerServices } from './services';
import type { WorkerOptions } from './workerOptions';
import { registerWorker } from './registerWorker';

/** Incident at the Servicedesk (30 000 / Ritz) when the system owner is off duty (R14). */
export const CREATE_SERVICE_DESK_TICKET = JOB_TYPES.createServiceDeskTicket;
const contract = JOB_CONTRACTS[CREATE_SERVICE_DESK_TICKET];
export const createServiceDeskTicketInput = contract.input;

export async function handleCreateServiceDeskTicket(job: WorkerJob, services: WorkerServices): Promise<JobAck> {
  return runJob(job, { jobType: CREATE_SERVICE_DESK_TICKET, input: contract.input, headers: contract.headers }, services, async (input, _headers, log) => {
    // P9: in a drill nothing leaves the machine – the ticket is a mail to the local capture.
    const adapter = input.drill ? services.drillServiceDesk : services.serviceDesk;
    const reference = ticketReference(input.disruptionId);
    const { result, duplicate } = await services.outbox.once<ServiceDeskTicket>(
      'ticket',
      { disruptionId: input.disruptionId, purpose: 'service-desk-ticket', recipient: adapter.name, update: 'once' },
      (key) => adapter.openTicket({ reference, context: mailContext(input, services), reportCount: input.reportCount ?? 1, outboxKey: key }),
      { drill: input.drill },
    );
    log.info({ adapter: adapter.name, ticketId: result.ticketId, created: result.created, duplicate }, 'service-desk ticket');
    return { kind: 'complete', variables: contract.output.parse({ serviceDeskTicketId: result.ticketId }) };
  });
}

export function registerCreateServiceDeskTicket(client: CamundaRestClient, services: WorkerServices, options: WorkerOptions) {
  return registerWorker(client, CREATE_SERVICE_DESK_TICKET, options, (job) => handleCreateServiceDeskTicket(job, services));
}
