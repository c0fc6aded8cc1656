import path from 'node:path';
import { Camunda8, type CamundaRestClient } from '@camunda8/sdk';
import { createRuntimeLogger, startRuntime, type RunningRuntime } from '../../../runtime/src/startRuntime';
import { deployModels } from '../../../lib/camunda/deployModels';
import { engineClientEnv } from './engineAccess';
import type { LogCapture } from './LogCapture';

/** Keys of real things in the runtime, for path parameters that lead somewhere. */
export interface SeedKeys {
  processDefinitionKeys: string[];
  processInstanceKeys: string[];
  userTaskKeys: string[];
  jobKeys: string[];
  incidentKeys: string[];
  elementInstanceKeys: string[];
  variableKeys: string[];
}

/** The engine clock of the fuzz runs (a Wednesday in office hours); pinned, so no timer fires by the wall clock. */
export const FUZZ_CLOCK = Date.parse('2026-11-25T09:00:00+01:00');

/**
 * The local runtime for a fuzz target: a real SQLite file (so that the fuzzer can watch it), its clock pinned, the real
 * models deployed, and two disruptions seeded – each waiting for the desk's assessment, one with an incident.
 */
export class FuzzRuntime {
  runtime!: RunningRuntime;
  client!: CamundaRestClient;
  keys!: SeedKeys;

  constructor(
    private readonly dir: string,
    private readonly logs: LogCapture,
  ) {}

  get file(): string {
    return path.join(this.dir, 'runtime.sqlite');
  }

  async start(): Promise<this> {
    this.runtime = await startRuntime({ inMemory: false, dataDir: this.dir, restPort: 0, monitoringPort: 0, web: false, host: '127.0.0.1', clockControl: true, logger: createRuntimeLogger('info', this.logs) });
    this.client = new Camunda8({ ZEEBE_REST_ADDRESS: this.runtime.restAddress, ...engineClientEnv(), CAMUNDA_LOG_LEVEL: 'none' } as never).getCamundaRestClient();
    await this.client.pinInternalClock(FUZZ_CLOCK);
    await deployModels(this.client);
    const processInstanceKeys: string[] = [];
    for (const [i, drill] of [false, true].entries()) {
      const created = await this.client.createProcessInstance({
        processDefinitionId: 'driftstorning-sesam',
        variables: { disruptionId: `FUZZ-${i + 1}`, system: 'sesam', drill, summary: 'Sesam går inte att nå.' },
      } as never);
      processInstanceKeys.push(String(created.processInstanceKey));
    }
    // The register-disruption job of each (so that the assessment task appears), then an incident on one job.
    for (let round = 0; round < 20 && (await this.userTasks()).length < 2; round++) {
      const jobs = (await this.client.activateJobs({ type: 'register-disruption', worker: 'fuzz', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: -1 } as never)) as unknown as Array<{ jobKey: string }>;
      for (const job of jobs) {
        await this.client.completeJob({ jobKey: job.jobKey, variables: { reportedAtText: 'onsdag 25 november 2026 kl. 09.00', backupRoutineDueAt: '2026-11-25T12:00:00.000Z', backupRoutineDueText: 'onsdag 25 november 2026 kl. 13.00' } } as never);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const jobKeys: string[] = [];
    for (const type of ['notify-role', 'check-system-owner-on-duty', 'create-service-desk-ticket', 'contact-vendor']) {
      const jobs = (await this.client.activateJobs({ type, worker: 'fuzz', maxJobsToActivate: 5, timeout: 600_000, requestTimeout: -1 } as never)) as unknown as Array<{ jobKey: string }>;
      jobKeys.push(...jobs.map((j) => String(j.jobKey)));
    }
    if (jobKeys[0]) await this.client.failJob({ jobKey: jobKeys[0], retries: 0, errorMessage: 'Fuzz: SMTP svarar inte', retryBackOff: 0 } as never);
    const incidents = (await this.client.searchIncidents({ filter: {} } as never)).items as unknown as Array<{ incidentKey: string }>;
    const elements = (await this.client.searchElementInstances({ filter: {} } as never)).items as unknown as Array<{ elementInstanceKey: string }>;
    const variables = (await this.client.searchVariables({ filter: {} } as never)).items as unknown as Array<{ variableKey: string }>;
    this.keys = {
      processDefinitionKeys: ((await this.client.searchProcessDefinitions({ filter: {} } as never)).items as unknown as Array<{ processDefinitionKey: string }>).map((p) => String(p.processDefinitionKey)),
      processInstanceKeys,
      userTaskKeys: (await this.userTasks()).map((t) => String(t.userTaskKey)),
      jobKeys: jobKeys.slice(1),
      incidentKeys: incidents.map((i) => String(i.incidentKey)),
      elementInstanceKeys: elements.slice(0, 5).map((e) => String(e.elementInstanceKey)),
      variableKeys: variables.slice(0, 5).map((v) => String(v.variableKey)),
    };
    return this;
  }

  private async userTasks(): Promise<Array<{ userTaskKey: string }>> {
    return (await this.client.searchUserTasks({ filter: { state: 'CREATED' } } as never)).items as unknown as Array<{ userTaskKey: string }>;
  }

  async stop(): Promise<void> {
    await this.runtime?.close();
  }
}
