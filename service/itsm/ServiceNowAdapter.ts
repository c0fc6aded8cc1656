import { ServiceDeskError } from '../errors/ServiceDeskError';
import { renderMail } from '../mail/MailContent';
import { serviceDeskTicketMail } from '../mail/templates';
import type { ServiceDeskAdapter, ServiceDeskTicket, ServiceDeskTicketRequest } from './ServiceDeskAdapter';

export interface ServiceNowOptions {
  baseUrl: string;
  auth: { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };
  assignmentGroup?: string;
  callerId?: string;
  timeoutMs?: number;
}

interface IncidentRecord {
  sys_id: string;
  number: string;
}

/**
 * A ServiceNow-style Table API (`/api/now/table/incident`). Before creating, the incident is looked up
 * by the disruption's reference in `correlation_id`, so a re-delivered job never opens a second ticket.
 */
export class ServiceNowAdapter implements ServiceDeskAdapter {
  readonly name = 'servicenow';

  constructor(private readonly options: ServiceNowOptions) {}

  private headers(): Record<string, string> {
    const a = this.options.auth;
    const authorization = a.kind === 'basic' ? `Basic ${Buffer.from(`${a.username}:${a.password}`).toString('base64')}` : `Bearer ${a.token}`;
    return { authorization, accept: 'application/json', 'content-type': 'application/json' };
  }

  private url(path: string): string {
    return `${this.options.baseUrl.replace(/\/+$/, '')}${path}`;
  }

  private async call(operation: 'lookup' | 'create', path: string, init: RequestInit): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(this.url(path), { ...init, headers: this.headers(), signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
    } catch (err) {
      throw new ServiceDeskError(this.name, operation, undefined, (err as Error).message, { cause: err });
    }
    const text = await res.text();
    if (!res.ok) throw new ServiceDeskError(this.name, operation, res.status, text.slice(0, 300));
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new ServiceDeskError(this.name, operation, res.status, 'svaret är inte JSON', { cause: err });
    }
  }

  /** The existing incident for this reference, if any. */
  async find(reference: string): Promise<IncidentRecord | undefined> {
    const query = new URLSearchParams({ sysparm_query: `correlation_id=${reference}`, sysparm_fields: 'sys_id,number', sysparm_limit: '1' });
    const body = (await this.call('lookup', `/api/now/table/incident?${query}`, { method: 'GET' })) as { result?: IncidentRecord[] };
    return body.result?.[0];
  }

  async openTicket(request: ServiceDeskTicketRequest): Promise<ServiceDeskTicket> {
    const existing = await this.find(request.reference);
    if (existing) return { ticketId: existing.number, created: false };
    const content = renderMail(serviceDeskTicketMail({ ...request.context, reportCount: request.reportCount }, request.reference));
    const payload: Record<string, string> = {
      short_description: content.subject,
      description: content.text,
      correlation_id: request.reference,
      correlation_display: 'Driftstörning Sesam',
      category: 'software',
      impact: '1',
      urgency: '1',
    };
    if (this.options.assignmentGroup) payload.assignment_group = this.options.assignmentGroup;
    if (this.options.callerId) payload.caller_id = this.options.callerId;
    const body = (await this.call('create', '/api/now/table/incident', { method: 'POST', body: JSON.stringify(payload) })) as { result?: IncidentRecord };
    if (!body.result?.number) throw new ServiceDeskError(this.name, 'create', 201, 'svaret saknar ärendenummer (result.number)');
    return { ticketId: body.result.number, created: true };
  }
}
