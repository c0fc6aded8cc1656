/**
 * Read endpoints of what the runtime holds beside instances and tasks (Camunda 8.8 shapes): POST /v2/jobs/search (the
 * jobs that exist now; completed jobs are not kept) and POST /v2/message-subscriptions/search (open subscriptions of
 * process instances).
 */
import type { FastifyInstance } from 'fastify';
import type { JobRecord, MessageSubscriptionRecord } from '../broker/types';
import { accessOf, type RestContext } from './RestContext';
import { SearchDefinition, withoutEmpty } from './SearchDefinition';

export function registerSearchRoutes(app: FastifyInstance, ctx: RestContext): void {
  const jobSearch = new SearchDefinition<JobRecord>('job', 'jobKey', {
    jobKey: { kind: 'key' },
    type: { kind: 'string' },
    worker: { kind: 'string' },
    state: { kind: 'enum', values: ['CANCELED', 'COMPLETED', 'CREATED', 'ERROR_THROWN', 'FAILED', 'MIGRATED', 'RETRIES_UPDATED', 'TIMED_OUT'] },
    kind: { kind: 'enum', values: ['BPMN_ELEMENT', 'EXECUTION_LISTENER', 'TASK_LISTENER', 'AD_HOC_SUB_PROCESS'] },
    listenerEventType: { kind: 'enum', values: ['ASSIGNING', 'CANCELING', 'COMPLETING', 'CREATING', 'END', 'START', 'UNSPECIFIED', 'UPDATING'] },
    retries: { kind: 'number' },
    hasFailedWithRetriesLeft: { kind: 'boolean' },
    deadline: { kind: 'date' },
    errorMessage: { kind: 'string' },
    elementId: { kind: 'string' },
    elementInstanceKey: { kind: 'key' },
    processDefinitionId: { kind: 'string' },
    processDefinitionKey: { kind: 'key' },
    processInstanceKey: { kind: 'key' },
    tenantId: { kind: 'string' },
  });
  const subscriptionSearch = new SearchDefinition<MessageSubscriptionRecord>('message subscription', 'messageSubscriptionKey', {
    messageSubscriptionKey: { kind: 'key' },
    processDefinitionId: { kind: 'string' },
    processDefinitionKey: { kind: 'key' },
    processInstanceKey: { kind: 'key' },
    elementId: { kind: 'string' },
    elementInstanceKey: { kind: 'key' },
    messageSubscriptionState: { kind: 'enum', values: ['CORRELATED', 'CREATED', 'DELETED', 'MIGRATED'] },
    messageName: { kind: 'string' },
    correlationKey: { kind: 'string' },
    tenantId: { kind: 'string' },
  });

  app.post('/v2/jobs/search', async (request) => {
    const query = jobSearch.parse(request.body);
    const readable = accessOf(ctx, request).readable('PROCESS_DEFINITION', 'READ_PROCESS_INSTANCE');
    const result = jobSearch.apply(query, ctx.broker.jobs().filter((j) => readable(j.processDefinitionId)));
    return { items: result.items.map((j) => withoutEmpty(j)), page: result.page };
  });

  app.post('/v2/message-subscriptions/search', async (request) => {
    const query = subscriptionSearch.parse(request.body);
    const readable = accessOf(ctx, request).readable('PROCESS_DEFINITION', 'READ_PROCESS_INSTANCE');
    return subscriptionSearch.apply(query, ctx.broker.messageSubscriptions().filter((s) => readable(s.processDefinitionId)));
  });
}
