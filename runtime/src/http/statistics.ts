/** Camunda 8.8 element statistics: per element id, how many instances are active, completed, canceled or have an incident. */
import type { ElementInstanceRecord } from '../broker/types';

export interface ElementStatistics {
  elementId: string;
  active: number;
  canceled: number;
  incidents: number;
  completed: number;
}

export function elementStatistics(records: ElementInstanceRecord[]): ElementStatistics[] {
  const byId = new Map<string, ElementStatistics>();
  for (const r of records) {
    const s = byId.get(r.elementId) ?? { elementId: r.elementId, active: 0, canceled: 0, incidents: 0, completed: 0 };
    if (r.state === 'ACTIVE' && r.hasIncident) s.incidents++;
    else if (r.state === 'ACTIVE') s.active++;
    else if (r.state === 'COMPLETED') s.completed++;
    else s.canceled++;
    byId.set(r.elementId, s);
  }
  return [...byId.values()];
}
