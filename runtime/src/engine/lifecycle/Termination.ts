import type { Variables } from '../../broker/types';
import type { ElementRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';

/** What continues once an element instance that waited for canceling task listeners is terminated. */
export type AfterTermination =
  | { op: 'instanceTerminated' }
  | { op: 'activateBoundary'; boundaryId: string; vars: Variables; extra: Record<string, unknown> };

/** What continues once the children of a scope that waited for canceling task listeners are terminated (the scope stays). */
export type AfterChildren =
  | { op: 'startEventSub'; eventSubId: string; vars: Variables; extra: Record<string, unknown> }
  | { op: 'completeScope' }
  | { op: 'completeBody' };

/**
 * Terminating element instances, their children, their jobs, user tasks, waits and called instances; no
 * continuation. A user task with canceling task listeners is canceled only when they have run (Camunda 8.8):
 * its element, and every element above it that is being terminated, is TERMINATING until then, and what was to
 * follow the termination (`AfterTermination`, `AfterChildren`, stored in the element's data) runs afterwards.
 */
export class Termination {
  constructor(private readonly parts: EngineParts) {}

  /** Terminates an element instance and everything below it; false when it waits for canceling listeners (then `after` runs later). */
  element(row: ElementRow, after?: AfterTermination): boolean {
    if (row.state !== 'ACTIVE') return row.state !== 'TERMINATING';
    const { repos } = this.parts;
    let waiting = false;
    for (const child of repos.elements.activeChildren(row.key)) if (!this.element(child)) waiting = true;
    if (repos.elements.countTerminating(row.key) > 0) waiting = true;
    repos.jobs.deleteOf(row.key);
    repos.incidents.resolveOf(row.key);
    this.parts.waits.close(row.key);
    if (row.type === 'USER_TASK' && this.parts.userTasks.cancel(row)) waiting = true;
    if (row.type === 'CALL_ACTIVITY') {
      for (const child of repos.instances.activeCalledBy(row.key)) if (!this.instance(child.key)) waiting = true;
    }
    if (waiting) {
      const data = this.parts.elements.data(row);
      if (after) data.afterTermination = after;
      this.parts.elements.setData(row.key, data);
      repos.elements.markTerminating(row.key);
      row.state = 'TERMINATING';
      return false;
    }
    repos.elements.markTerminated(row.key, this.parts.clock.iso());
    row.state = 'TERMINATED';
    return true;
  }

  /** Terminates everything active in a scope and drops its waiting join tokens; the scope stays. False when `after` waits for canceling listeners. */
  children(scope: ElementRow, after?: AfterChildren): boolean {
    const { elements, repos } = this.parts;
    let waiting = false;
    for (const child of repos.elements.activeChildren(scope.key)) if (!this.element(child)) waiting = true;
    if (repos.elements.countTerminating(scope.key) > 0) waiting = true;
    const data = elements.data(elements.row(scope.key));
    if (data.joins) delete data.joins;
    if (waiting && after) data.afterChildren = after;
    elements.setData(scope.key, data);
    return !waiting;
  }

  /** Cancels a process instance (false while its canceling listeners run; it is TERMINATED after them). */
  instance(pi: number): boolean {
    const root = this.parts.elements.row(pi);
    if (!this.element(root, { op: 'instanceTerminated' })) return false;
    this.instanceTerminated(pi);
    return true;
  }

  /** A canceled user task's listeners have run: its element, and whatever waited for it, finish terminating. */
  resume(row: ElementRow): void {
    const fresh = this.parts.elements.row(row.key);
    if (fresh.state === 'TERMINATING' && !this.waiting(fresh)) this.finish(fresh);
  }

  private finish(row: ElementRow): void {
    const { elements, repos } = this.parts;
    repos.elements.markTerminated(row.key, this.parts.clock.iso());
    row.state = 'TERMINATED';
    const after = elements.data(row).afterTermination;
    if (after?.op === 'instanceTerminated') this.instanceTerminated(row.pi);
    if (after?.op === 'activateBoundary') {
      const scope = elements.scopeOf(row);
      if (scope.state === 'ACTIVE') this.parts.lifecycle.activateTriggered(this.parts.definitions.get(row.def), after.boundaryId, scope, after.vars, after.extra);
    }
    const parentKey = row.type === 'PROCESS' ? (repos.instances.get(row.pi)?.parent_ei ?? null) : row.scope;
    if (parentKey === null) return;
    const parent = elements.row(parentKey);
    if (parent.state === 'TERMINATING') {
      if (!this.waiting(parent)) this.finish(parent);
      return;
    }
    const data = elements.data(parent);
    if (parent.state !== 'ACTIVE' || !data.afterChildren || repos.elements.countTerminating(parent.key) > 0) return;
    const next = data.afterChildren;
    delete data.afterChildren;
    elements.setData(parent.key, data);
    this.continueScope(parent, next);
  }

  private continueScope(scope: ElementRow, after: AfterChildren): void {
    const proc = this.parts.definitions.get(scope.def);
    if (after.op === 'startEventSub') this.parts.behaviours.eventSubProcess.begin(proc, scope, after.eventSubId, after.vars, after.extra);
    else if (after.op === 'completeScope') this.parts.lifecycle.maybeCompleteScope(proc, scope);
    else {
      const el = this.parts.definitions.element(proc, scope.element_id);
      this.parts.incidents.guard(proc, scope, { op: 'complete' }, () => this.parts.lifecycle.complete(proc, scope, el));
    }
  }

  /** Does a TERMINATING element still wait: for children, its own user task, or called instances? */
  private waiting(row: ElementRow): boolean {
    const { repos } = this.parts;
    if (repos.elements.countActiveChildren(row.key) > 0) return true;
    if (row.type === 'USER_TASK' && repos.userTasks.openOf(row.key)) return true;
    return row.type === 'CALL_ACTIVITY' && repos.instances.activeCalledBy(row.key).length > 0;
  }

  private instanceTerminated(pi: number): void {
    this.parts.repos.instances.markTerminated(pi, this.parts.clock.iso());
    this.parts.commands.afterCommit(() => this.parts.instances.settleWaiters(pi, null));
  }
}
