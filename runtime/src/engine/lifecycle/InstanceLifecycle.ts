import type { Variables } from '../../broker/types';
import type { ElementRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';
import type { ProcessDefinition } from '../model/Definitions';
import type { Retry } from '../state/Incidents';

export interface StartOptions {
  startElements?: string[];
  /** The call activity instance that starts this child instance. */
  parent?: ElementRow;
  /** The correlation key of the message that started it (one active instance per key). */
  startCorrelationKey?: string;
  /** The message (or timer) start event that started it, and the message's variables. */
  messageStart?: string;
  startVars?: Variables;
}

/** Process instances begin and end: the instance row, its root scope, its start, its completion. */
export class InstanceLifecycle {
  constructor(private readonly parts: EngineParts) {}

  start(proc: ProcessDefinition, vars: Variables, opts: StartOptions): number {
    const pi = this.parts.keys.next();
    const now = this.parts.clock.iso();
    this.parts.repos.instances.insert({
      key: pi,
      def: proc.key,
      process_id: proc.processId,
      version: proc.version,
      name: proc.name,
      state: 'ACTIVE',
      start: now,
      parent_pi: opts.parent?.pi ?? null,
      parent_ei: opts.parent?.key ?? null,
      tenant: proc.tenant,
      start_ck: opts.startCorrelationKey ?? null,
    });
    this.parts.elements.insertProcess(proc, pi, now);
    this.parts.variables.setLocal(pi, pi, vars, proc.tenant);
    const root = this.parts.elements.row(pi);
    const retry: Retry = { op: 'startProcess', messageStart: opts.messageStart, startElements: opts.startElements, startVars: opts.startVars };
    this.parts.incidents.guard(proc, root, retry, () => this.runStart(proc, root, retry));
    return pi;
  }

  /** Opens the process's event subprocess subscriptions and activates its start element(s). */
  runStart(proc: ProcessDefinition, root: ElementRow, how: Extract<Retry, { op: 'startProcess' }>): void {
    const { lifecycle } = this.parts;
    if (!how.listenersDone && this.parts.executionListeners.begin(proc, root, null, 'start', 'startProcess', how)) return;
    this.parts.behaviours.eventSubProcess.open(proc, root, proc.model.eventSubprocesses);
    if (how.messageStart) {
      lifecycle.activateTriggered(proc, how.messageStart, root, how.startVars ?? {}, {});
    } else if (how.startElements && how.startElements.length > 0) {
      for (const s of how.startElements) lifecycle.activate(proc, s, root);
    } else if (proc.model.noneStart) {
      lifecycle.activate(proc, proc.model.noneStart, root);
    }
  }

  /** The root scope completed: the instance completes, a calling activity continues, a buffered start message may start the next one. */
  complete(root: ElementRow): void {
    const { repos } = this.parts;
    const pi = root.pi;
    this.parts.waits.close(pi);
    const now = this.parts.clock.iso();
    this.parts.elements.markCompleted(pi, now);
    repos.instances.markCompleted(pi, now);
    const inst = repos.instances.get(pi);
    const vars = this.parts.variables.local(pi);
    this.parts.commands.afterCommit(() => this.parts.instances.settleWaiters(pi, vars));
    if (inst?.parent_ei !== null && inst?.parent_ei !== undefined) this.parts.behaviours.callActivity.childCompleted(inst.parent_ei, vars);
    if (inst?.start_ck) {
      const processId = inst.process_id;
      const ck = inst.start_ck;
      this.parts.commands.defer(() => this.parts.messages.startFromBufferedMessage(processId, ck));
    }
  }
}
