/**
 * Steps of a disruption as the people and systems around the routine take them: start it as the intake does,
 * complete a person's task with the form's variables, publish a message from outside (IT, the intake, the
 * system owner), and look at what the engine did. Jobs are answered by the autopilot (`pilot`, mocked
 * workers of every job type); a test takes a job over where its path depends on the answer.
 */
import type { ProcessInstanceEvent } from '@camunda8/process-test';
import type { CamundaRestClient } from '@camunda8/sdk';
import { Autopilot } from './autopilot';
import type { HandledJob, Vars } from './autopilot';
import { ROUTINE_JOB_TYPES, ROUTINE_OUTPUTS } from './mockedWorkers';
import { basicAuth } from '../../runtime/http/support/localRuntime';
import type { RoutineHarness } from './routineProcessTest';

export type { Vars } from './autopilot';

export interface UserTaskItem {
  userTaskKey: string;
  elementId: string;
  name?: string;
  processInstanceKey: string;
  processDefinitionId?: string;
  candidateGroups: string[];
  formKey?: string;
  state: string;
}

/** An instance of the tree: the root or one called by a call activity (`calledBy`: that element's id). */
export interface TreeInstance {
  key: string;
  processDefinitionId: string;
  /** The instance that called it, and its call activity's element id. */
  parentKey?: string;
  calledBy?: string;
  state: string;
}

/** A started disruption. `instance` is what CamundaAssert.assertThat takes. */
export interface Disruption {
  processInstanceKey: string;
  disruptionId: string;
  instance: ProcessInstanceEvent;
}

/** Where a user task is: its element, and optionally the call activity whose instance holds it. */
export type TaskSelector = string | { elementId: string; calledBy?: string };

/** The service's default time to live of published messages (docs/service-web.md). */
export const MESSAGE_TTL_MS = 86_400_000;

let sequence = 0;

export class Scenario {
  readonly rest: CamundaRestClient;
  /** Mocked workers of every job type of the routine, started for this test. */
  readonly pilot: Autopilot;

  constructor(private readonly h: RoutineHarness) {
    this.rest = h.camunda().getCamundaRestClient();
    this.pilot = new Autopilot(this.rest, ROUTINE_JOB_TYPES, ROUTINE_OUTPUTS);
  }

  /** The REST API v2 of the runtime (for the few requests the SDK has no method for). */
  restAddress(): string {
    return this.h.runtime().restAddress;
  }

  /** The engine's clock (moved by `increaseTime`). */
  async engineNow(): Promise<Date> {
    const res = await fetch(`${this.h.runtime().monitoringAddress}/actuator/clock`, { headers: { authorization: basicAuth() } });
    const body = (await res.json()) as { epochMilli: number };
    return new Date(body.epochMilli);
  }

  /**
   * Start a disruption as the intake does (T1: `reportAge`, how long ago the call came in, never a wall-clock
   * `reportedAt`; the first report's summary without personal data). `extra` adds or overrides start variables
   * (timer settings, `drill`, an explicit `reportedAt`); a value `undefined` leaves the variable out.
   */
  async startDisruption(extra: Vars = {}): Promise<Disruption> {
    const disruptionId = `D-TEST-${Date.now()}-${++sequence}`;
    const variables: Vars = {
      disruptionId,
      system: 'sesam',
      drill: false,
      reportAge: 'PT0S',
      report: { reportId: `${disruptionId}-R1`, receivedAt: (await this.engineNow()).toISOString(), channel: 'phone', deskOnly: false, hasEmail: true },
      reportCount: 1,
      ...extra,
    };
    for (const [k, v] of Object.entries(variables)) if (v === undefined) delete variables[k];
    const created = await this.h.context().createProcessInstance({ processDefinitionId: 'driftstorning-sesam', variables });
    const processInstanceKey = String(created.processInstanceKey);
    return { processInstanceKey, disruptionId, instance: { processInstanceKey, processDefinitionKey: String(created.processDefinitionKey) } };
  }

  /** The instance and every instance it called (call activities), transitively. */
  async instanceTree(rootKey: string): Promise<TreeInstance[]> {
    type Item = { processInstanceKey: string; processDefinitionId: string; parentElementInstanceKey?: string; state: string };
    const root = (await this.rest.searchProcessInstances({ filter: { processInstanceKey: rootKey } } as never)).items[0] as unknown as Item | undefined;
    if (!root) throw new Error(`no process instance ${rootKey}`);
    const all: TreeInstance[] = [{ key: rootKey, processDefinitionId: root.processDefinitionId, state: root.state }];
    const queue = [rootKey];
    while (queue.length) {
      const parent = queue.shift()!;
      const children = await this.rest.searchProcessInstances({ filter: { parentProcessInstanceKey: parent }, page: { from: 0, limit: 100 } } as never);
      for (const c of children.items as unknown as Item[]) {
        const caller = c.parentElementInstanceKey ? await this.rest.getElementInstance(String(c.parentElementInstanceKey)) : undefined;
        all.push({ key: String(c.processInstanceKey), processDefinitionId: c.processDefinitionId, parentKey: parent, calledBy: caller?.elementId, state: c.state });
        queue.push(String(c.processInstanceKey));
      }
    }
    return all;
  }

  /** The open user tasks of the tree (optionally only `elementId`, optionally only in instances called by `calledBy`). */
  async openUserTasks(rootKey: string, selector?: TaskSelector): Promise<UserTaskItem[]> {
    const sel = typeof selector === 'string' ? { elementId: selector } : selector;
    const tree = await this.instanceTree(rootKey);
    const keys = new Set(tree.filter((i) => sel?.calledBy === undefined || i.calledBy === sel.calledBy).map((i) => i.key));
    const filter = { state: 'CREATED', ...(sel ? { elementId: sel.elementId } : {}) };
    const found = await this.rest.searchUserTasks({ filter, page: { from: 0, limit: 1000 } } as never);
    return (found.items as unknown as UserTaskItem[])
      .filter((t) => keys.has(String(t.processInstanceKey)))
      .map((t) => ({ ...t, userTaskKey: String(t.userTaskKey), processInstanceKey: String(t.processInstanceKey) }));
  }

  /** Wait for the open user task `selector` somewhere in the instance tree of `rootKey`. */
  async userTask(rootKey: string, selector: TaskSelector, timeoutMs = 10_000): Promise<UserTaskItem> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [task] = await this.openUserTasks(rootKey, selector);
      if (task) return task;
      if (Date.now() > deadline) throw new Error(`no open user task ${JSON.stringify(selector)} in the instance tree of ${rootKey}; trail:\n${(await this.trail(rootKey)).join('\n')}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** A person completes their task with the form's values. */
  async completeUserTask(rootKey: string, selector: TaskSelector, variables: Vars): Promise<UserTaskItem> {
    const task = await this.userTask(rootKey, selector);
    await this.rest.completeUserTask({ userTaskKey: task.userTaskKey, variables });
    return task;
  }

  /**
   * The system owner writes and approves a notice (form approve-notice) in the publish process called by
   * `calledBy` (any, when not given) and the mocked publish worker publishes it; returns the task and the job.
   */
  async approveAndPublish(rootKey: string, calledBy?: string, form: Vars = {}): Promise<{ task: UserTaskItem; job: HandledJob }> {
    const task = await this.userTask(rootKey, { elementId: 'UserTask_ApproveNotice', calledBy });
    const selector = { type: 'publish-notice', processInstanceKey: task.processInstanceKey };
    const before = this.pilot.jobs(selector).filter((j) => j.outcome !== 'held').length;
    await this.rest.completeUserTask({ userTaskKey: task.userTaskKey, variables: { approvedBy: 'systemansvarig', approved: true, ...form } });
    const jobs = await this.pilot.completed(selector, before + 1);
    return { task, job: jobs.at(-1)! };
  }

  /**
   * Something outside (IT, the intake, the system owner) publishes a message about this disruption, with the
   * service's time to live (MESSAGE_TTL_MS, 24 h): a catch event that opens later still gets it.
   */
  async publish(name: string, disruptionId: string, variables: Vars = {}): Promise<void> {
    await this.rest.publishMessage({ name, correlationKey: disruptionId, variables, timeToLive: MESSAGE_TTL_MS } as never);
  }

  /** Element instances of the instance tree, as "processId/elementId:STATE". */
  async trail(rootKey: string): Promise<string[]> {
    const out: string[] = [];
    for (const inst of await this.instanceTree(rootKey)) {
      const res = await this.rest.searchElementInstances({
        filter: { processInstanceKey: inst.key },
        sort: [{ field: 'elementInstanceKey', order: 'ASC' }],
        page: { from: 0, limit: 1000 },
      } as never);
      for (const e of res.items as unknown as { elementId: string; state: string }[]) out.push(`${inst.processDefinitionId}/${e.elementId}:${e.state}`);
    }
    return out;
  }

  /** Ids of the elements of the tree that ever ran (any state), as "processId/elementId". */
  async visited(rootKey: string): Promise<Set<string>> {
    return new Set((await this.trail(rootKey)).map((t) => t.replace(/:[A-Z]+$/, '')));
  }

  /** Elements of the tree active now, as "processId/elementId". */
  async active(rootKey: string): Promise<string[]> {
    return (await this.trail(rootKey)).filter((t) => t.endsWith(':ACTIVE')).map((t) => t.replace(/:ACTIVE$/, ''));
  }

  /** How often element `processId/elementId` of the tree reached `state`. */
  async count(rootKey: string, element: string, state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' = 'COMPLETED'): Promise<number> {
    return (await this.trail(rootKey)).filter((t) => t === `${element}:${state}`).length;
  }

  /** Variables of one process instance (its own scope), parsed. */
  async variables(processInstanceKey: string): Promise<Vars> {
    const res = await this.rest.searchVariables({ filter: { processInstanceKey, scopeKey: processInstanceKey }, page: { from: 0, limit: 1000 } } as never);
    const out: Vars = {};
    for (const v of res.items as unknown as { name: string; value: string }[]) out[v.name] = JSON.parse(v.value);
    return out;
  }
}
