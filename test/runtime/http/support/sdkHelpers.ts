/** Small readers over the SDK's REST client, used by the conformance tests. */
import type { RestClient } from './localRuntime';
import { fixture } from './localRuntime';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export function deploy(client: RestClient, ...fixtureNames: string[]) {
  return client.deployResourcesFromFiles(fixtureNames.map(fixture));
}

export async function elements(client: RestClient, processInstanceKey: string) {
  const result = await client.searchElementInstances({
    filter: { processInstanceKey },
    sort: [{ field: 'elementInstanceKey', order: 'ASC' }],
    page: { from: 0, limit: 1000 },
  } as never);
  return result.items;
}

/** `elementId:STATE` of every element instance, in creation order. */
export async function trail(client: RestClient, processInstanceKey: string): Promise<string[]> {
  return (await elements(client, processInstanceKey)).map((e) => `${e.elementId}:${e.state}`);
}

export async function activeElementIds(client: RestClient, processInstanceKey: string): Promise<string[]> {
  return (await elements(client, processInstanceKey)).filter((e) => e.state === 'ACTIVE').map((e) => e.elementId);
}

export async function instance(client: RestClient, processInstanceKey: string) {
  const result = await client.searchProcessInstances({ filter: { processInstanceKey } } as never);
  return result.items[0];
}

/** Variables of the process instance's own scope, JSON-decoded. */
export async function processVariables(client: RestClient, processInstanceKey: string): Promise<Record<string, unknown>> {
  const result = await client.searchVariables({ filter: { processInstanceKey, scopeKey: processInstanceKey }, page: { from: 0, limit: 1000 } } as never);
  return Object.fromEntries(result.items.map((v) => [v.name, JSON.parse(v.value)]));
}

export async function incidents(client: RestClient, processInstanceKey: string) {
  return (await client.searchIncidents({ filter: { processInstanceKey } } as never)).items;
}

export async function activate(client: RestClient, type: string, maxJobsToActivate = 10, requestTimeout = -1) {
  return client.activateJobs({ type, worker: 'conformance-test', timeout: 60_000, maxJobsToActivate, requestTimeout });
}

export async function openUserTasks(client: RestClient, processInstanceKey: string) {
  return (await client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } })).items;
}
