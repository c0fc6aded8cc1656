import type { Variables } from '../../broker/types';
import { FeelError } from '../../feel/FeelError';
import type { ElementRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';
import type { ProcessDefinition } from '../model/Definitions';
import { IncidentError } from './IncidentError';

/** The step an incident re-runs when it is resolved (stored with the incident). */
export type Retry =
  | { op: 'job' }
  | { op: 'enter' }
  | { op: 'startProcess'; messageStart?: string; startElements?: string[]; startVars?: Variables; listenersDone?: boolean }
  | { op: 'complete' }
  | { op: 'taskListener' }
  | { op: 'executionListener' };

/** Incidents: raised on an element instance, and the savepoint guard that turns a failing step into one. */
export class Incidents {
  constructor(private readonly parts: EngineParts) {}

  /** Runs fn in a savepoint; an IncidentError / FeelError rolls it back and raises an incident instead. */
  guard(proc: ProcessDefinition, row: ElementRow, retry: Retry, fn: () => void): void {
    const deferredMark = this.parts.commands.deferredMark();
    try {
      this.parts.repos.transaction(fn);
    } catch (err) {
      if (err instanceof IncidentError || err instanceof FeelError) {
        this.parts.commands.dropDeferredSince(deferredMark);
        const type = err instanceof IncidentError ? err.errorType : 'EXTRACT_VALUE_ERROR';
        this.raise(proc, row, type, err.message, null, retry);
        return;
      }
      throw err;
    }
  }

  raise(proc: ProcessDefinition, row: ElementRow, errorType: string, message: string, jobKey: number | null, retry: Retry): number {
    const key = this.parts.keys.next();
    this.parts.repos.incidents.insert({
      key,
      error_type: errorType,
      error_message: message,
      element_id: row.element_id,
      ei: row.key,
      job: jobKey,
      pi: row.pi,
      def: proc.key,
      creation: this.parts.clock.iso(),
      tenant: proc.tenant,
      retry: JSON.stringify(retry),
    });
    this.parts.repos.elements.setIncident(row.key, key);
    this.parts.log?.warn({ incidentKey: String(key), errorType, elementId: row.element_id, processInstanceKey: String(row.pi) }, 'incident raised');
    return key;
  }
}
