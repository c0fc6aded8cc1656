import { Problem } from '../../broker/Problem';
import type { Key, Variables } from '../../broker/types';
import type { DefinitionHead } from '../../store/DefinitionRepository';
import { parseKey, pickVariables } from '../command/input';
import type { EngineParts } from '../EngineParts';
import type { ProcessDefinition } from '../model/Definitions';

/** Max delay of a Node.js timer. */
const MAX_TIMEOUT = 2_147_483_647;

interface Waiter {
  resolve: (v: Variables) => void;
  reject: (e: Error) => void;
  fetch?: string[];
  timer: NodeJS.Timeout;
}

export interface CreateInstanceRequest {
  processDefinitionId?: string;
  processDefinitionKey?: Key;
  processDefinitionVersion?: number;
  startInstructions?: Array<{ elementId: string }>;
}

/**
 * Process instance commands: create (by key, by id and version, or the latest version; optional start
 * instructions), cancel (root instances only; children go with them), set variables, and the in-memory
 * waiters of `awaitCompletion`, settled after the commit that completes or terminates the instance.
 */
export class ProcessInstances {
  private readonly waiters = new Map<number, Set<Waiter>>();

  constructor(private readonly parts: EngineParts) {}

  /** Resolves and checks what to start (outside the command: nothing is written). */
  resolve(req: CreateInstanceRequest): { proc: ProcessDefinition; startElements: string[] } {
    const { repos } = this.parts;
    let defRow: DefinitionHead | undefined;
    if (req.processDefinitionKey !== undefined && req.processDefinitionKey !== null) {
      defRow = repos.definitions.findActive(parseKey(req.processDefinitionKey, 'processDefinitionKey'));
      if (!defRow) throw Problem.notFound(`Expected to find process definition with key '${req.processDefinitionKey}', but none found`);
    } else if (req.processDefinitionId) {
      const v = req.processDefinitionVersion;
      defRow = v === undefined || v === null || v === -1 ? this.parts.definitions.latest(req.processDefinitionId) : repos.definitions.byVersion(req.processDefinitionId, v);
      if (!defRow) {
        throw Problem.notFound(
          `Expected to find process definition with process ID '${req.processDefinitionId}'${v !== undefined && v !== -1 ? ` and version '${v}'` : ''}, but none found`,
        );
      }
    } else {
      throw Problem.badRequest('Expected either processDefinitionId or processDefinitionKey, but none given');
    }
    const proc = this.parts.definitions.get(defRow.key);
    const starts = req.startInstructions?.map((s) => s.elementId) ?? [];
    for (const s of starts) {
      const e = proc.model.elements[s];
      if (!e) throw Problem.badRequest(`Expected to start process instance at element '${s}', but no such element exists in '${proc.processId}'`);
      if (e.parent !== null || e.kind === 'boundaryEvent' || e.triggeredByEvent) {
        throw Problem.badRequest(`Expected to start process instance at element '${s}', but it is not a direct child of the process or is an event`);
      }
    }
    if (starts.length === 0 && !proc.model.noneStart) {
      throw Problem.badRequest(`Expected to create instance of process with none start event, but '${proc.processId}' has no none start event`);
    }
    return { proc, startElements: starts };
  }

  create(proc: ProcessDefinition, vars: Variables, startElements: string[]): number {
    return this.parts.instanceLifecycle.start(proc, vars, { startElements });
  }

  cancel(key: Key, pi: number): void {
    const inst = this.parts.repos.instances.get(pi);
    if (!inst) throw Problem.notFound(`Expected to cancel a process instance with key '${key}', but no such process was found`);
    if (inst.state !== 'ACTIVE') throw Problem.notFound(`Expected to cancel a process instance with key '${key}', but it is not active`);
    if (inst.parent_pi !== null) {
      throw Problem.conflict(`Expected to cancel a process instance with key '${key}', but it is created by a parent process instance. Cancel the root process instance '${inst.parent_pi}' instead.`);
    }
    this.parts.termination.instance(pi);
  }

  setVariables(elementInstanceKey: Key, k: number, vars: Variables, local: boolean): void {
    const r = this.parts.elements.find(k);
    if (!r) throw Problem.notFound(`Expected to update variables for element with key '${elementInstanceKey}', but no such element was found`);
    if (r.state !== 'ACTIVE') throw Problem.notFound(`Expected to update variables for element with key '${elementInstanceKey}', but it is not active`);
    const proc = this.parts.definitions.get(r.def);
    if (local) this.parts.variables.setLocal(r.key, r.pi, vars, proc.tenant);
    else this.parts.variables.propagate(r.key, r.pi, vars, proc.tenant);
  }

  awaitCompletion(processInstanceKey: Key, timeoutMs: number, fetchVariables?: string[]): Promise<Variables> {
    const pi = parseKey(processInstanceKey, 'processInstanceKey');
    const inst = this.parts.repos.instances.get(pi);
    if (!inst) return Promise.reject(Problem.notFound(`Process instance '${processInstanceKey}' not found`));
    if (inst.state === 'COMPLETED') return Promise.resolve(pickVariables(this.parts.variables.local(pi), fetchVariables));
    if (inst.state === 'TERMINATED') return Promise.reject(Problem.conflict(`Process instance '${processInstanceKey}' was terminated`));
    return new Promise<Variables>((resolve, reject) => {
      const set = this.waiters.get(pi) ?? new Set<Waiter>();
      this.waiters.set(pi, set);
      const waiter: Waiter = {
        resolve,
        reject,
        fetch: fetchVariables,
        timer: setTimeout(() => {
          set.delete(waiter);
          reject(Problem.deadlineExceeded(`Expected process instance '${processInstanceKey}' to complete within ${timeoutMs} ms, but it did not`));
        }, Math.max(0, Math.min(timeoutMs, MAX_TIMEOUT))),
      };
      waiter.timer.unref();
      set.add(waiter);
    });
  }

  /** After the commit: the instance completed with root variables `vars`, or was terminated (null). */
  settleWaiters(pi: number, vars: Variables | null): void {
    const set = this.waiters.get(pi);
    if (!set) return;
    this.waiters.delete(pi);
    for (const w of set) {
      clearTimeout(w.timer);
      if (vars) w.resolve(pickVariables(vars, w.fetch));
      else w.reject(Problem.conflict(`Process instance '${pi}' was terminated before it completed`));
    }
  }

  close(): void {
    for (const [pi, set] of this.waiters) {
      for (const w of set) {
        clearTimeout(w.timer);
        w.reject(Problem.conflict(`The runtime shut down before process instance '${pi}' completed`));
      }
    }
    this.waiters.clear();
  }
}
