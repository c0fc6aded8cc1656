import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBroker } from '../../../runtime/src/broker/createBroker';
import type { Broker } from '../../../runtime/src/broker/types';

export const fixture = (name: string) => ({ name, content: readFileSync(join(__dirname, 'fixtures', name)) });

export async function memoryBroker(): Promise<Broker> {
  return createBroker({ databasePath: ':memory:' });
}

/** Activates exactly the jobs of a type (fails when none). */
export function activateOne(broker: Broker, type: string, fetchVariable?: string[]) {
  const jobs = broker.activateJobs({ type, worker: 'test', timeout: 60000, maxJobsToActivate: 1, fetchVariable });
  if (jobs.length !== 1) throw new Error(`expected one activatable '${type}' job, got ${jobs.length}`);
  return jobs[0];
}

export function activeElementIds(broker: Broker, processInstanceKey: string): string[] {
  return broker
    .elementInstances({ processInstanceKey })
    .filter((e) => e.state === 'ACTIVE')
    .map((e) => e.elementId);
}

export function rootVariables(broker: Broker, processInstanceKey: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of broker.variables({ processInstanceKey, scopeKey: processInstanceKey })) out[v.name] = JSON.parse(v.value);
  return out;
}
