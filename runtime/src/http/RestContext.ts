/** What every route module of the REST API gets. */
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Broker, ProcessDefinitionRecord } from '../broker/types';
import { access, type ApiAuth } from './authentication';
import type { JobLongPoller } from './JobLongPoller';

export interface RestContext {
  broker: Broker;
  poller: JobLongPoller;
  /** Resolves when the runtime starts to shut down (held requests answer at once). */
  closing: Promise<void>;
  logger: Logger;
  /** Who may call (Basic authentication) and what they may do (authorizations). */
  auth: ApiAuth;
  /** The clock may be moved (RUNTIME_CLOCK_CONTROL): Camunda's `zeebe.clock.controlled`. */
  clockControl: boolean;
}

/** Process definitions by key, to fill definition fields (name, version tag) into other records. */
export function definitionsByKey(ctx: RestContext): Map<string, ProcessDefinitionRecord> {
  return new Map(ctx.broker.processDefinitions().map((d) => [d.processDefinitionKey, d]));
}

/** The caller's permissions for this request. */
export function accessOf(ctx: RestContext, request: FastifyRequest) {
  return access(ctx.auth, request);
}

/** The BPMN process id of a process instance (authorizations are per process id), or undefined when unknown. */
export function processIdOfInstance(ctx: RestContext, processInstanceKey: string): string | undefined {
  return ctx.broker.processInstances({ processInstanceKey })[0]?.processDefinitionId;
}
