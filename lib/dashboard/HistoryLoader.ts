import type { EngineGateway } from '../camunda/EngineGateway';
import { decodeValue } from '../camunda/variables';
import { PROCESSES } from '../../contract/processes';
import { DASHBOARD_ELEMENT_IDS, disruptionFacts, isDisruptionRoot, type DisruptionFacts, type DisruptionHistory } from './history';

/** The root variables the dashboard reads. */
const VARIABLES = ['disruptionId', 'drill', 'scope', 'reportedAt', 'restoredAt', 'reportCount'] as const;

/**
 * Reads the history of every disruption from the engine through the REST API v2 only (the SDK gateway), in a fixed
 * number of searches whatever the number of disruptions: the routine's instances, every instance (to find which
 * disruption a called instance belongs to), the element instances of the milestone elements, and six root variables.
 * Works beside the local runtime and the region's Camunda 8 alike (Operate's data through the same API).
 */
export class HistoryLoader {
  constructor(private readonly engine: EngineGateway) {}

  async histories(): Promise<DisruptionHistory[]> {
    const [roots, all, elementLists, variableLists] = await Promise.all([
      this.engine.processInstances({ processDefinitionId: PROCESSES.disruption }),
      this.engine.processInstances({}),
      Promise.all(DASHBOARD_ELEMENT_IDS.map((elementId) => this.engine.elementInstancesWhere({ elementId }))),
      Promise.all(VARIABLES.map((name) => this.engine.variables({ name }))),
    ]);
    const parentOf = new Map(all.map((i) => [String(i.processInstanceKey), i.parentProcessInstanceKey ? String(i.parentProcessInstanceKey) : undefined]));
    const rootOf = (key: string): string => {
      let k = key;
      const seen = new Set<string>();
      while (parentOf.get(k) && !seen.has(k)) {
        seen.add(k);
        k = parentOf.get(k) as string;
      }
      return k;
    };
    const histories = new Map<string, DisruptionHistory>();
    for (const r of roots.filter(isDisruptionRoot)) {
      const key = String(r.processInstanceKey);
      histories.set(key, { root: { processInstanceKey: key, state: r.state, startDate: r.startDate }, variables: {}, elements: [] });
    }
    for (const v of variableLists.flat()) {
      const key = String(v.processInstanceKey);
      // root scope only (a called process has its own copies of some)
      if (v.scopeKey && String(v.scopeKey) !== key) continue;
      const h = histories.get(key);
      if (h) h.variables[v.name] = decodeValue(v.value);
    }
    for (const e of elementLists.flat()) {
      const h = histories.get(rootOf(String(e.processInstanceKey)));
      if (h) h.elements.push({ elementId: e.elementId, state: e.state, startDate: e.startDate, endDate: e.endDate });
    }
    return [...histories.values()];
  }

  async facts(): Promise<DisruptionFacts[]> {
    return (await this.histories()).map(disruptionFacts);
  }
}
