import type { ElementRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';
import type { ProcessDefinition } from '../model/Definitions';
import type { ElementDef } from '../model/ProcessModel';
import type { AfterChildren, AfterTermination } from '../lifecycle/Termination';
import type { ListenersInProgress } from '../subsystems/ExecutionListeners';

/** What an element instance keeps beside its row: parallel join tokens (on a scope), multi-instance progress (on a body). */
export interface ElementData {
  joins?: Record<string, Record<string, number>>;
  mi?: { items: unknown[]; next: number; completed: number; total: number };
  inner?: boolean;
  /** A TERMINATING element: what follows once it is terminated (`lifecycle/Termination.ts`). */
  afterTermination?: AfterTermination;
  /** A scope whose children are being terminated: what follows once they are. */
  afterChildren?: AfterChildren;
  /** Compensation (`subsystems/Compensations.ts`): a thrower's handlers still running, a handler's thrower, an activity compensated. */
  compensationPending?: number;
  compensationOf?: number;
  compensated?: boolean;
  /** Execution listeners running on the element (`subsystems/ExecutionListeners.ts`). */
  executionListener?: ListenersInProgress;
}

/** Element instances: rows with their flow scope, state and data. */
export class ElementInstances {
  constructor(private readonly parts: EngineParts) {}

  private get repo() {
    return this.parts.repos.elements;
  }

  /** A new ACTIVE element instance in `scope` (type: Camunda's type, or MULTI_INSTANCE_BODY). */
  insert(proc: ProcessDefinition, el: ElementDef, scope: ElementRow, type = el.type, data: ElementData | null = null): ElementRow {
    const key = this.parts.keys.next();
    const now = this.parts.clock.iso();
    const json = data ? JSON.stringify(data) : null;
    this.repo.insert({ key, pi: scope.pi, def: proc.key, element_id: el.id, type, name: el.name, scope: scope.key, start: now, data: json });
    return { key, pi: scope.pi, def: proc.key, element_id: el.id, type, name: el.name, state: 'ACTIVE', scope: scope.key, start: now, end: null, incident: null, data: json };
  }

  /** The root element instance of a new process instance (same key as the instance). */
  insertProcess(proc: ProcessDefinition, pi: number, start: string): void {
    this.repo.insert({ key: pi, pi, def: proc.key, element_id: proc.processId, type: 'PROCESS', name: proc.name, scope: null, start, data: null });
  }

  row(key: number): ElementRow {
    const r = this.repo.get(key);
    if (!r) throw new Error(`element instance ${key} missing`);
    return r;
  }

  find(key: number): ElementRow | undefined {
    return this.repo.get(key);
  }

  isActive(key: number): boolean {
    return this.repo.stateOf(key) === 'ACTIVE';
  }

  /** The element instance's flow scope (the process instance for top-level elements). */
  scopeOf(row: ElementRow): ElementRow {
    return this.row(row.scope ?? row.pi);
  }

  data(row: ElementRow): ElementData {
    return row.data ? (JSON.parse(row.data) as ElementData) : {};
  }

  setData(key: number, data: ElementData): void {
    this.repo.setData(key, JSON.stringify(data));
  }

  /** An instance of a multi-instance activity inside its body. */
  isInner(row: ElementRow): boolean {
    return row.type !== 'MULTI_INSTANCE_BODY' && this.data(row).inner === true;
  }

  markCompleted(key: number, at = this.parts.clock.iso()): void {
    this.repo.markCompleted(key, at);
  }
}
