import type { ElementRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';

/** Terminating element instances, their children, their jobs, user tasks, waits and called instances; no continuation. */
export class Termination {
  constructor(private readonly parts: EngineParts) {}

  /** Terminates an element instance and everything below it. */
  element(row: ElementRow): void {
    if (row.state !== 'ACTIVE') return;
    const { repos } = this.parts;
    for (const child of repos.elements.activeChildren(row.key)) this.element(child);
    const now = this.parts.clock.iso();
    repos.jobs.deleteOf(row.key);
    repos.userTasks.cancelOf(row.key, now);
    repos.incidents.resolveOf(row.key);
    this.parts.waits.close(row.key);
    if (row.type === 'CALL_ACTIVITY') {
      for (const child of repos.instances.activeCalledBy(row.key)) {
        this.element(this.parts.elements.row(child.key));
        repos.instances.markTerminated(child.key, now);
        const ck = child.key;
        this.parts.commands.afterCommit(() => this.parts.instances.settleWaiters(ck, null));
      }
    }
    repos.elements.markTerminated(row.key, now);
    row.state = 'TERMINATED';
  }

  /** Terminates everything active in a scope and drops its waiting join tokens; the scope stays. */
  children(scope: ElementRow): void {
    const { elements } = this.parts;
    for (const child of this.parts.repos.elements.activeChildren(scope.key)) this.element(child);
    const fresh = elements.row(scope.key);
    const data = elements.data(fresh);
    if (data.joins) {
      delete data.joins;
      elements.setData(scope.key, data);
    }
  }

  /** Cancels a process instance. */
  instance(pi: number): void {
    const root = this.parts.elements.row(pi);
    this.element(root);
    this.parts.repos.instances.markTerminated(pi, this.parts.clock.iso());
    this.parts.commands.afterCommit(() => this.parts.instances.settleWaiters(pi, null));
  }
}
