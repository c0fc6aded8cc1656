/**
 * Steps of a disruption as the people and systems around the routine take them: start it as the intake
 * does, complete a person's task, let a (mocked) worker complete a job, publish a message from outside,
 * and look at what the engine did. Workers are mocked with process-test's `mockJobWorker` – the real
 * workers are tested in test/workers; here we prove the models' paths.
 */
import type { CamundaRestClient } from '@camunda8/sdk';
import type { RoutineHarness } from './routineProcessTest';

export type Vars = Record<string, unknown>;

export interface ActivatedJob {
  jobKey: string;
  type: string;
  elementId: string;
  processInstanceKey: string;
  processDefinitionId: string;
  customHeaders: Record<string, string>;
  variables: Vars;
}

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

let sequence = 0;

/** Fail with a clear message instead of hanging when the engine never produces what a step waits for. */
async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export class Scenario {
  private readonly rest: CamundaRestClient;

  constructor(private readonly h: RoutineHarness) {
    this.rest = h.camunda().getCamundaRestClient();
  }

  /** The engine's clock (moved by `increaseTime`). */
  async engineNow(): Promise<Date> {
    const res = await fetch(`${this.h.runtime().monitoringAddress}/actuator/clock`);
    const body = (await res.json()) as { epochMilli: number };
    return new Date(body.epochMilli);
  }

  /** Start a disruption as the intake does: first report now (engine clock), optional timer settings. */
  async startDisruption(extra: Vars = {}): Promise<{ processInstanceKey: string; disruptionId: string; reportedAt: string }> {
    const now = await this.engineNow();
    const disruptionId = `D-TEST-${Date.now()}-${++sequence}`;
    const reportedAt = now.toISOString();
    const variables = {
      disruptionId,
      reportedAt,
      drill: false,
      system: 'sesam',
      report: {
        reportId: `${disruptionId}-R1`,
        receivedAt: reportedAt,
        channel: 'phone',
        reporterName: 'Förskrivare Ett',
        reporterEmail: 'forskrivare.ett@example.se',
        unit: 'Vårdcentralen Test',
        productArea: 'ortopedteknik',
        symptom: 'Sesam svarar inte',
      },
      ...extra,
    };
    const created = await this.h.context().createProcessInstance({ processDefinitionId: 'driftstorning-sesam', variables });
    return { processInstanceKey: String(created.processInstanceKey), disruptionId, reportedAt };
  }

  /** The instance and every instance it called (call activities), transitively. */
  async instanceTree(rootKey: string): Promise<{ key: string; processDefinitionId: string }[]> {
    const all: { key: string; processDefinitionId: string }[] = [];
    const queue = [rootKey];
    const root = await this.rest.searchProcessInstances({ filter: { processInstanceKey: rootKey } } as never);
    all.push({ key: rootKey, processDefinitionId: String((root.items[0] as { processDefinitionId?: string } | undefined)?.processDefinitionId) });
    while (queue.length) {
      const parent = queue.shift()!;
      const children = await this.rest.searchProcessInstances({ filter: { parentProcessInstanceKey: parent }, page: { from: 0, limit: 100 } } as never);
      for (const c of children.items as unknown as { processInstanceKey: string; processDefinitionId: string }[]) {
        all.push({ key: String(c.processInstanceKey), processDefinitionId: c.processDefinitionId });
        queue.push(String(c.processInstanceKey));
      }
    }
    return all;
  }

  /** Wait for the open user task `elementId` somewhere in the instance tree of `rootKey`. */
  async userTask(rootKey: string, elementId: string, timeoutMs = 10000): Promise<UserTaskItem> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const keys = new Set((await this.instanceTree(rootKey)).map((i) => i.key));
      const found = await this.rest.searchUserTasks({ filter: { elementId, state: 'CREATED' }, page: { from: 0, limit: 100 } } as never);
      const task = (found.items as unknown as UserTaskItem[]).find((t) => keys.has(String(t.processInstanceKey)));
      if (task) return { ...task, userTaskKey: String(task.userTaskKey), processInstanceKey: String(task.processInstanceKey) };
      if (Date.now() > deadline) throw new Error(`no open user task ${elementId} in the instance tree of ${rootKey}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** A person completes their task with the form's values. */
  async completeUserTask(rootKey: string, elementId: string, variables: Vars): Promise<UserTaskItem> {
    const task = await this.userTask(rootKey, elementId);
    await this.rest.completeUserTask({ userTaskKey: task.userTaskKey, variables });
    return task;
  }

  /** A mocked worker takes the next job of `type` and answers it with `respond`; the job is returned (keys as strings). */
  private async takeJob<R>(type: string, respond: (responder: R) => Promise<unknown>): Promise<ActivatedJob> {
    let seen: ActivatedJob | undefined;
    await within(
      10_000,
      `a job of type ${type}`,
      this.h.context()
        .mockJobWorker(type)
        .withHandler(async (job: ActivatedJob, responder: R) => {
          seen = { ...job, jobKey: String(job.jobKey), processInstanceKey: String(job.processInstanceKey) };
          await respond(responder);
        }),
    );
    return seen!;
  }

  /** A mocked worker takes the next job of `type` and completes it with `variables`; the job is returned. */
  async completeJob(type: string, variables: Vars = {}): Promise<ActivatedJob> {
    return this.takeJob<{ success(v: Vars): Promise<unknown> }>(type, (complete) => complete.success(variables));
  }

  /** A mocked worker takes the next `count` jobs of `type` (in whatever order they come) and completes them. */
  async completeJobs(type: string, count: number, variables: Vars = {}): Promise<ActivatedJob[]> {
    const jobs: ActivatedJob[] = [];
    for (let i = 0; i < count; i++) jobs.push(await this.completeJob(type, variables));
    return jobs;
  }

  /** A mocked worker takes the next job of `type` and throws a BPMN error. */
  async throwBpmnError(type: string, errorCode: string, message: string): Promise<ActivatedJob> {
    return this.takeJob<{ error(code: string, msg: string): Promise<unknown> }>(type, (complete) => complete.error(errorCode, message));
  }

  /** Something outside (IT, the intake, the system owner) publishes a message about this disruption. */
  async publish(name: string, disruptionId: string, variables: Vars = {}): Promise<void> {
    await this.rest.publishMessage({ name, correlationKey: disruptionId, variables, timeToLive: 60_000 } as never);
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

  /** Wait until the tree has element `processId/elementId` in `state`. */
  async waitFor(rootKey: string, element: string, state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' = 'ACTIVE', timeoutMs = 10000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const trail = await this.trail(rootKey);
      if (trail.includes(`${element}:${state}`)) return;
      if (Date.now() > deadline) throw new Error(`${element} never became ${state}; trail:\n${trail.join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Variables of one process instance (its own scope), parsed. */
  async variables(processInstanceKey: string): Promise<Vars> {
    const res = await this.rest.searchVariables({ filter: { processInstanceKey, scopeKey: processInstanceKey }, page: { from: 0, limit: 1000 } } as never);
    const out: Vars = {};
    for (const v of res.items as unknown as { name: string; value: string }[]) out[v.name] = JSON.parse(v.value);
    return out;
  }

  /** The system owner writes and approves the notice in the publish process; the publish job returns the notice. */
  async approveAndPublishNotice(rootKey: string, approvedBy = 'systemansvarig'): Promise<{ task: UserTaskItem; job: ActivatedJob }> {
    const task = await this.completeUserTask(rootKey, 'UserTask_ApproveNotice', { approvedBy, approved: true });
    const job = await this.completeJob('publish-notice', { publishedNotice: { noticeId: `N-${++sequence}`, updateNumber: 1, url: 'http://localhost/driftinformation/1' } });
    return { task, job };
  }
}
