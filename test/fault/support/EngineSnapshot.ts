import type { CamundaRestClient } from '@camunda8/sdk';

type Entry = { what: string; state: string };
const FINAL = new Set(['COMPLETED', 'TERMINATED', 'CANCELED', 'CANCELLED', 'RESOLVED']);

/**
 * What the engine has acknowledged through its REST API at one moment: every process instance, element instance
 * (timers, waits, tasks, jobs' service tasks) and user task, by key, with its state. A later snapshot must still hold
 * every one of them, in the same state or a later one (ACTIVE → COMPLETED, never back): nothing the engine answered is
 * lost by a crash.
 */
export class EngineSnapshot {
  private constructor(readonly entries: Map<string, Entry>) {}

  static async take(engine: CamundaRestClient): Promise<EngineSnapshot> {
    const entries = new Map<string, Entry>();
    const page = { from: 0, limit: 10_000 };
    const instances = (await engine.searchProcessInstances({ filter: {}, page } as never)).items as unknown as Array<{ processInstanceKey: string; processDefinitionId: string; state: string }>;
    for (const i of instances) entries.set(`process instance ${i.processInstanceKey}`, { what: i.processDefinitionId, state: i.state });
    const elements = (await engine.searchElementInstances({ filter: {}, page } as never)).items as unknown as Array<{ elementInstanceKey: string; elementId: string; state: string }>;
    for (const e of elements) entries.set(`element instance ${e.elementInstanceKey}`, { what: e.elementId, state: e.state });
    const tasks = (await engine.searchUserTasks({ filter: {}, page } as never)).items as unknown as Array<{ userTaskKey: string; elementId: string; state: string }>;
    for (const t of tasks) entries.set(`user task ${t.userTaskKey}`, { what: t.elementId, state: t.state });
    return new EngineSnapshot(entries);
  }

  /** What of this snapshot `later` lost or took back (empty: nothing). */
  lostIn(later: EngineSnapshot): string[] {
    const lost: string[] = [];
    for (const [key, before] of this.entries) {
      const after = later.entries.get(key);
      if (!after) lost.push(`${key} (${before.what}, ${before.state}) finns inte längre`);
      else if (FINAL.has(before.state) && !FINAL.has(after.state)) lost.push(`${key} (${before.what}) gick från ${before.state} tillbaka till ${after.state}`);
    }
    return lost;
  }

  count(what: string, state?: string): number {
    return [...this.entries.values()].filter((e) => e.what === what && (!state || e.state === state)).length;
  }
}
