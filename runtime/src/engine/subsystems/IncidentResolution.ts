import { Problem } from '../../broker/Problem';
import type { Key } from '../../broker/types';
import type { EngineParts } from '../EngineParts';
import type { Retry } from '../state/Incidents';

/**
 * Resolving an incident re-runs the step that failed (`Retry`, stored with the incident): the process
 * start, entering the element (its local variables are cleared and input mappings run again), its
 * completion, its job (activatable again when it has retries, else the incident comes back), or the task
 * listeners of its user task operation (from the first one, as Camunda re-runs the command).
 */
export class IncidentResolution {
  constructor(private readonly parts: EngineParts) {}

  resolve(key: Key, k: number): void {
    const { repos, incidents, definitions, elements, lifecycle } = this.parts;
    const inc = repos.incidents.get(k);
    if (!inc) throw Problem.notFound(`Expected to resolve incident with key '${key}', but no such incident was found`);
    if (inc.state !== 'ACTIVE') throw Problem.notFound(`Expected to resolve incident with key '${key}', but it is already resolved`);
    repos.incidents.markResolved(k);
    repos.elements.clearIncident(inc.ei, k);
    const row = elements.find(inc.ei);
    // a user task canceling its listeners is TERMINATING: its listener job or listener incident still retries
    const retry = JSON.parse(inc.retry) as Retry;
    const listenerStep = retry.op === 'taskListener' || (retry.op === 'job' && row?.state === 'TERMINATING');
    if (!row || !(row.state === 'ACTIVE' || (listenerStep && row.state === 'TERMINATING'))) return;
    row.incident = null;
    const proc = definitions.get(inc.def);
    if (retry.op === 'taskListener') {
      this.parts.taskListeners.retry(row);
      return;
    }
    if (retry.op === 'executionListener') {
      this.parts.executionListeners.retry(row);
      return;
    }
    if (retry.op === 'startProcess') {
      incidents.guard(proc, row, retry, () => this.parts.instanceLifecycle.runStart(proc, row, retry));
      return;
    }
    const el = definitions.element(proc, row.element_id);
    if (retry.op === 'job' && inc.job !== null) {
      this.parts.jobs.retryAfterIncident(proc, row, inc.job, inc.error_type, inc.error_message);
    } else if (retry.op === 'enter') {
      repos.variables.clearForReentry(row.key);
      if (row.type !== 'MULTI_INSTANCE_BODY' && elements.data(row).inner) this.parts.behaviours.multiInstance.restoreInputElement(proc, row, el);
      incidents.guard(proc, row, retry, () => lifecycle.enter(proc, row, el));
    } else {
      incidents.guard(proc, row, retry, () => lifecycle.complete(proc, row, el));
    }
  }
}
