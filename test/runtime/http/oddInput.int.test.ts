/**
 * Issue #3, API hygiene: no input makes the runtime fail. Every field of a valid body of every JSON
 * endpoint is replaced by odd values (null, empty and nested structures, huge numbers and strings,
 * malformed advanced filters, wrong dates) and so is the whole body; each answer is a success or a client
 * error problem (never 5xx, which the SDK would retry), and the runtime keeps serving.
 */
import type { RunningRuntime } from '../../../runtime/src/startRuntime';
import { raw, sdkClient, startTestRuntime } from './support/localRuntime';
import { activate, deploy } from './support/sdkHelpers';

const ODD_VALUES: unknown[] = [
  null,
  [],
  {},
  '',
  0,
  -1,
  1.5,
  1e308,
  true,
  'x'.repeat(5000),
  { $eq: null },
  { $in: [] },
  { a: { b: { c: [1, { d: null }] } } },
  [null],
  ['a'],
  '2026-13-45T99:99:99Z',
  { $like: '[' },
  { $gt: 'x' },
];

describe('REST API: odd input never makes the runtime fail (issue #3, API hygiene)', () => {
  let runtime: RunningRuntime;
  /** `keep`: fields left valid (awaitCompletion may rightly answer 504; requestTimeout 0 or null rightly holds a poll 10 s). */
  let endpoints: Array<{ method: string; path: string; valid: Record<string, unknown>; keep?: string[] }>;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    const client = sdkClient(runtime);
    await deploy(client, 'api-service-task.bpmn', 'api-user-task.bpmn', 'api-confirm-outage.form');
    const pi = (await client.createProcessInstance({ processDefinitionId: 'api-service-task', variables: {} })).processInstanceKey;
    const ut = (await client.createProcessInstance({ processDefinitionId: 'api-user-task', variables: { dueDate: '2026-01-01T00:00:00Z' } })).processInstanceKey;
    const [job] = await activate(client, 'api-do-work');
    const [task] = (await client.searchUserTasks({ filter: { processInstanceKey: ut } })).items;
    const t = task.userTaskKey;
    endpoints = [
      { method: 'POST', path: '/v2/process-instances', valid: { processDefinitionId: 'api-service-task', variables: {}, startInstructions: [{ elementId: 'ServiceTask_DoWork' }], fetchVariables: [], requestTimeout: 10, awaitCompletion: false, processDefinitionVersion: 1 }, keep: ['awaitCompletion'] },
      { method: 'POST', path: '/v2/process-instances/search', valid: { filter: { state: 'ACTIVE', startDate: '2026-01-01T00:00:00Z', variables: [{ name: 'a', value: '1' }] }, sort: [{ field: 'startDate', order: 'ASC' }], page: { from: 0, limit: 5 } } },
      { method: 'POST', path: '/v2/element-instances/search', valid: { filter: { processInstanceKey: pi, elementInstanceScopeKey: pi }, sort: [], page: {} } },
      { method: 'POST', path: '/v2/variables/search', valid: { filter: { name: 'x', value: '1' } } },
      { method: 'POST', path: '/v2/user-tasks/search', valid: { filter: { candidateGroup: 'desk', processInstanceVariables: [{ name: 'a', value: '1' }] } } },
      { method: 'POST', path: '/v2/incidents/search', valid: { filter: { creationTime: '2026-01-01T00:00:00Z' } } },
      { method: 'POST', path: '/v2/process-definitions/search', valid: { filter: { isLatestVersion: true } } },
      { method: 'POST', path: '/v2/jobs/activation', valid: { type: 'api-nothing', timeout: 1000, maxJobsToActivate: 1, requestTimeout: -1, fetchVariable: [], tenantIds: ['<default>'], worker: 'w' }, keep: ['requestTimeout'] },
      { method: 'POST', path: `/v2/jobs/${job.jobKey}/failure`, valid: { retries: 1, retryBackOff: 0, errorMessage: 'x', variables: {} } },
      { method: 'PATCH', path: `/v2/jobs/${job.jobKey}`, valid: { changeset: { retries: 3, timeout: 600_000 } } },
      { method: 'POST', path: '/v2/messages/publication', valid: { name: 'api-odd', correlationKey: 'k', timeToLive: 0, messageId: 'm', variables: {} } },
      { method: 'POST', path: '/v2/messages/correlation', valid: { name: 'api-odd', correlationKey: 'k', variables: {} } },
      { method: 'POST', path: `/v2/user-tasks/${t}/assignment`, valid: { assignee: 'anna', allowOverride: true, action: 'assign' } },
      { method: 'PATCH', path: `/v2/user-tasks/${t}`, valid: { changeset: { priority: 5, dueDate: null, followUpDate: '2026-01-01T00:00:00Z', candidateGroups: [], candidateUsers: [] }, action: 'x' } },
      { method: 'PATCH', path: `/v2/user-tasks/${t}/update`, valid: { priority: 5 } },
      { method: 'POST', path: `/v2/user-tasks/${t}/variables/search`, valid: { filter: { name: 'dueDate' } } },
      { method: 'PUT', path: `/v2/element-instances/${pi}/variables`, valid: { variables: { a: 1 }, local: false } },
      { method: 'PUT', path: '/v2/clock', valid: { timestamp: Date.parse('2026-03-02T08:00:00Z') } },
      { method: 'POST', path: '/actuator/clock/add', valid: { offsetMilli: 1000 } },
    ];
  });
  afterAll(async () => {
    await runtime?.close();
  });

  test('every field and every whole body replaced by odd values: no 5xx, problems are well-formed, the runtime keeps serving', async () => {
    // given: valid bodies for every JSON endpoint (beforeAll)
    const failures: string[] = [];
    let requests = 0;
    // when
    for (const { method, path, valid, keep = [] } of endpoints) {
      const fields = Object.keys(valid).filter((key) => !keep.includes(key));
      const bodies = [...fields.flatMap((key) => ODD_VALUES.map((odd) => ({ ...valid, [key]: odd }))), ...ODD_VALUES];
      for (const body of bodies) {
        const res = await raw(runtime, method, path, JSON.stringify(body));
        requests++;
        const problem = res.body as { status?: number; detail?: string } | undefined;
        if (res.status >= 500) failures.push(`${method} ${path} ${JSON.stringify(body).slice(0, 80)} → ${res.status} ${res.text.slice(0, 120)}`);
        else if (res.status >= 400 && (problem?.status !== res.status || typeof problem?.detail !== 'string')) failures.push(`${method} ${path}: malformed problem ${res.text.slice(0, 120)}`);
      }
    }
    // then
    expect(requests).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
    expect((await raw(runtime, 'GET', '/v2/topology')).status).toBe(200);
  }, 180_000); // thousands of requests: a bound for a loaded CI machine, not a speed goal (bench/)
});
