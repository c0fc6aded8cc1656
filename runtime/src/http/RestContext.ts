/** What every route module of the REST API gets. */
import type { Logger } from 'pino';
import type { Broker, ProcessDefinitionRecord } from '../broker/types';
import type { JobLongPoller } from './JobLongPoller';

export interface RestContext {
  broker: Broker;
  poller: JobLongPoller;
  /** Resolves when the runtime starts to shut down (held requests answer at once). */
  closing: Promise<void>;
  logger: Logger;
}

/** Process definitions by key, to fill definition fields (name, version tag) into other records. */
export function definitionsByKey(ctx: RestContext): Map<string, ProcessDefinitionRecord> {
  return new Map(ctx.broker.processDefinitions().map((d) => [d.processDefinitionKey, d]));
}
