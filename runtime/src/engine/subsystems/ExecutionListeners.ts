import type { Variables } from '../../broker/types';
import type { ElementRow, JobRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef, ExecutionListenerDef } from '../model/ProcessModel';
import type { Retry } from '../state/Incidents';

/** What follows once an element's listeners of one event have run. */
export type ListenerContinuation = 'enter' | 'complete' | 'startProcess' | 'completeProcess';

/** The listeners in progress on an element instance (its `data.executionListener`). */
export interface ListenersInProgress {
  event: 'start' | 'end';
  index: number;
  then: ListenerContinuation;
  /** startProcess: how the process starts once its start listeners have run. */
  start?: Extract<Retry, { op: 'startProcess' }>;
}

/**
 * Execution listeners (Camunda 8.8, `zeebe:executionListeners`): `start` listeners run when an element is activated
 * (after its input mappings, before it does anything), `end` listeners when it completes (after its output mappings,
 * before the flow goes on); a process's own listeners before its start event and when it completes. Each listener is a
 * job (kind EXECUTION_LISTENER, listenerEventType START / END), one after the other in model order; the variables of
 * its completion are set as a job's are (the nearest scope that has them, else the process). A listener job without
 * retries left is an EXECUTION_LISTENER_NO_RETRIES incident on the element (resolved: the job runs again); a failing
 * type or retries expression an EXTRACT_VALUE_ERROR (resolved: the listener is created again). Terminating the
 * element drops its listener job; no end listeners run then.
 */
export class ExecutionListeners {
  constructor(private readonly parts: EngineParts) {}

  /** The listeners of an event of an element (or, `el` null, of the process itself). */
  of(proc: ProcessDefinition, el: ElementDef | null, event: 'start' | 'end'): ExecutionListenerDef[] {
    return ((el ? el.executionListeners : proc.model.executionListeners) ?? []).filter((l) => l.eventType === event);
  }

  /** Starts the listeners of `event` on `row`; true when there are any (then `then` continues after the last one). */
  begin(proc: ProcessDefinition, row: ElementRow, el: ElementDef | null, event: 'start' | 'end', then: ListenerContinuation, start?: Extract<Retry, { op: 'startProcess' }>): boolean {
    if (this.of(proc, el, event).length === 0) return false;
    // already running (a scope asked to complete again while its end listeners run)
    if (this.parts.elements.data(this.parts.elements.row(row.key)).executionListener) return true;
    const progress: ListenersInProgress = { event, index: 0, then, ...(start ? { start } : {}) };
    this.store(row, progress);
    this.createJob(proc, row, el, progress);
    return true;
  }

  /** A listener job completed: its variables, then the next listener or what follows. */
  jobCompleted(job: JobRow, vars: Variables): void {
    const { elements } = this.parts;
    const row = elements.find(job.ei);
    if (!row || row.state !== 'ACTIVE') return;
    const progress = elements.data(row).executionListener;
    if (!progress) return;
    const proc = this.parts.definitions.get(job.def);
    const el = row.type === 'PROCESS' ? null : this.parts.definitions.element(proc, row.element_id);
    this.parts.variables.propagate(row.key, row.pi, vars, proc.tenant);
    const next = { ...progress, index: progress.index + 1 };
    if (next.index < this.of(proc, el, progress.event).length) {
      this.store(row, next);
      this.createJob(proc, row, el, next);
      return;
    }
    this.store(row, undefined);
    this.continueAfter(proc, elements.row(row.key), el, progress);
  }

  /** An incident on creating a listener job was resolved: the listener is created again. */
  retry(row: ElementRow): void {
    const progress = this.parts.elements.data(row).executionListener;
    if (!progress) return;
    const proc = this.parts.definitions.get(row.def);
    const el = row.type === 'PROCESS' ? null : this.parts.definitions.element(proc, row.element_id);
    this.createJob(proc, row, el, progress);
  }

  private continueAfter(proc: ProcessDefinition, row: ElementRow, el: ElementDef | null, progress: ListenersInProgress): void {
    const { incidents, lifecycle } = this.parts;
    const then = progress.then;
    if (then === 'startProcess') {
      const how: Extract<Retry, { op: 'startProcess' }> = { ...(progress.start ?? { op: 'startProcess' }), listenersDone: true };
      incidents.guard(proc, row, how, () => this.parts.instanceLifecycle.runStart(proc, row, how));
    } else if (then === 'completeProcess') {
      this.parts.instanceLifecycle.complete(row);
    } else if (el && then === 'enter') {
      incidents.guard(proc, row, { op: 'enter' }, () => lifecycle.enterBehaviour(proc, row, el));
    } else if (el) {
      incidents.guard(proc, row, { op: 'complete' }, () => lifecycle.leave(proc, row, el));
    }
  }

  private store(row: ElementRow, progress: ListenersInProgress | undefined): void {
    const data = this.parts.elements.data(this.parts.elements.row(row.key));
    if (progress) data.executionListener = progress;
    else delete data.executionListener;
    this.parts.elements.setData(row.key, data);
  }

  private createJob(proc: ProcessDefinition, row: ElementRow, el: ElementDef | null, progress: ListenersInProgress): void {
    const listener = this.of(proc, el, progress.event)[progress.index];
    this.parts.incidents.guard(proc, row, { op: 'executionListener' }, () =>
      this.parts.jobs.createListenerJob(proc, row, listener, 'EXECUTION_LISTENER', progress.event.toUpperCase(), {}),
    );
  }
}
