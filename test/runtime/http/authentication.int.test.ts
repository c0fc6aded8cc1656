/**
 * Authentication and authorizations like a self-managed Camunda 8.8 (issue #9): Basic authentication on every REST API
 * request and on the clock of the monitoring port (401 without valid credentials); moving the clock only with clock
 * control (RUNTIME_CLOCK_CONTROL) and the admin role; the users file's people may do what their groups' authorizations
 * permit (Camunda's 403 otherwise), searches show them only what they may read.
 */
import { readFileSync } from 'node:fs';
import { ApiIdentities } from '../../../runtime/src/auth/ApiIdentities';
import type { RunningRuntime } from '../../../runtime/src/startRuntime';
import { basicAuth, fixture, raw, sdkClient, startTestRuntime, type RestClient } from './support/localRuntime';

const OPS = { username: 'ops', password: 'demo' };
const DORA = { username: 'dora', password: 'desk-pass' };
const OLLE = { username: 'olle', password: 'owner-pass' };

describe('authentication and authorizations (Camunda 8.8 self-managed)', () => {
  let runtime: RunningRuntime;
  let frozen: RunningRuntime;
  let ops: RestClient;

  beforeAll(async () => {
    runtime = await startTestRuntime({ usersFile: fixture('api-users.json') });
    frozen = await startTestRuntime({ clockControl: false });
    ops = sdkClient(runtime, OPS);
    await ops.deployResources(['api-user-task.bpmn', 'api-confirm-outage.form', 'api-task-listener-assignee.bpmn', 'api-service-task.bpmn'].map((name) => ({ name, content: readFileSync(fixture(name), 'utf8') })));
  });
  afterAll(async () => {
    await runtime?.close();
    await frozen?.close();
  });

  const as = (user: { username: string; password: string }) => basicAuth(user);

  test('without credentials, or with a wrong password, every /v2 endpoint answers 401 with a Basic challenge as problem JSON', async () => {
    // given a request of each kind
    const calls: Array<[string, string, string?]> = [
      ['GET', '/v2/topology'],
      ['POST', '/v2/process-instances/search', '{}'],
      ['POST', '/v2/user-tasks/1/completion', '{}'],
      ['POST', '/v2/jobs/activation', '{"type":"x","timeout":1000,"maxJobsToActivate":1}'],
      ['PUT', '/v2/clock', '{"timestamp":0}'],
      ['GET', '/v2/no-such-endpoint'],
    ];
    for (const [method, path, body] of calls) {
      // when sent anonymously and with a wrong password
      const anonymous = await raw(runtime, method, path, body, 'application/json', null);
      const wrong = await raw(runtime, method, path, body, 'application/json', as({ username: 'dora', password: 'guess' }));
      // then both are 401 with a challenge, and nothing else is said
      for (const res of [anonymous, wrong]) {
        expect({ path, status: res.status }).toEqual({ path, status: 401 });
        expect(res.headers?.get('www-authenticate')).toMatch(/^Basic realm=/);
        expect(res.body).toMatchObject({ title: 'UNAUTHORIZED', status: 401, instance: path });
      }
    }
  });

  test('the clock answers only an authenticated caller; moving it needs clock control (403, Camunda\'s words) and the admin role; health stays open', async () => {
    // given a runtime without clock control and one with it
    // when the clock is read and moved without credentials, as a person, and as an admin
    const anonymous = await raw(runtime, 'GET', '/actuator/clock', undefined, 'application/json', null);
    const read = await raw(runtime, 'GET', '/actuator/clock', undefined, 'application/json', as(DORA));
    const byPerson = await raw(runtime, 'POST', '/actuator/clock/add', '{"offsetMilli":1000}', 'application/json', as(DORA));
    const byAdmin = await raw(runtime, 'POST', '/actuator/clock/add', '{"offsetMilli":1000}', 'application/json', as(OPS));
    const frozenAdd = await raw(frozen, 'POST', '/actuator/clock/add', '{"offsetMilli":1000}');
    const frozenPin = await raw(frozen, 'PUT', '/v2/clock', '{"timestamp":0}');
    const frozenReset = await raw(frozen, 'DELETE', '/actuator/clock');
    const frozenRead = await raw(frozen, 'GET', '/actuator/clock');
    const health = await raw(frozen, 'GET', '/actuator/health', undefined, 'application/json', null);
    // then
    expect(anonymous.status).toBe(401);
    expect(read.status).toBe(200);
    expect(byPerson).toMatchObject({ status: 403, body: { detail: "Insufficient permissions to perform operation 'UPDATE' on resource 'SYSTEM'" } });
    expect(byAdmin.status).toBe(200);
    expect(frozenAdd).toMatchObject({ status: 403, body: { title: 'FORBIDDEN', detail: expect.stringContaining('Expected to add time to the clock, but it is immutable') } });
    expect(frozenPin).toMatchObject({ status: 403, body: { detail: expect.stringContaining('Expected to pin the clock to the given time, but it is immutable') } });
    expect(frozenReset).toMatchObject({ status: 403, body: { detail: expect.stringContaining('Expected to reset the clock, but it is immutable') } });
    expect(frozenRead.status).toBe(200);
    expect(health.status).toBe(200);
  });

  test('a person may change user tasks only of the processes their group is authorized for (Camunda\'s 403), and reads no more than permitted', async () => {
    // given a task of a process the desk may work on, and one of a process only system owners may
    const deskTask = await ops.createProcessInstance({ processDefinitionId: 'api-user-task', variables: { dueDate: null } });
    const ownerTask = await ops.createProcessInstance({ processDefinitionId: 'api-task-listener-assignee', variables: {} });
    await ops.activateJobs({ type: 'tla-creating', worker: 'w', timeout: 60_000, maxJobsToActivate: 1 }).then((jobs) => Promise.all(jobs.map((j) => j.complete({}))));
    const dora = sdkClient(runtime, DORA);
    const olle = sdkClient(runtime, OLLE);
    const [mine] = (await dora.searchUserTasks({ filter: { processInstanceKey: deskTask.processInstanceKey } })).items;
    const [theirs] = (await ops.searchUserTasks({ filter: { processInstanceKey: ownerTask.processInstanceKey } })).items;
    const status = (p: Promise<unknown>) => p.then(() => 'ok', (e: { statusCode?: number; detail?: string }) => `${e.statusCode}: ${e.detail}`);
    // when the desk claims its own task and tries the system owner's
    const claimOwn = await status(dora.assignUserTask({ userTaskKey: mine.userTaskKey, assignee: 'dora' }));
    const claimOwners = await status(dora.assignUserTask({ userTaskKey: theirs.userTaskKey, assignee: 'olle' }));
    const completeOwners = await status(dora.completeUserTask({ userTaskKey: theirs.userTaskKey }));
    // and a system owner, authorized for only that process, searches
    const olleSees = (await olle.searchUserTasks({})).items.map((t) => t.processDefinitionId);
    const olleReadsDesk = await status(olle.getUserTask(mine.userTaskKey));
    // then
    expect(claimOwn).toBe('ok');
    expect(claimOwners).toBe("403: Insufficient permissions to perform operation 'UPDATE_USER_TASK' on resource 'PROCESS_DEFINITION', required resource identifiers are one of '[*, api-task-listener-assignee]'");
    expect(completeOwners).toMatch(/^403: .*'UPDATE_USER_TASK'/);
    expect([...new Set(olleSees)]).toEqual(['api-task-listener-assignee']);
    expect(olleReadsDesk).toMatch(/^403: .*'READ_USER_TASK'.*'\[\*, api-user-task\]'/);
  });

  test('a person does not work jobs, deploy, publish messages or start instances without authorizations (403)', async () => {
    // given the desk's credentials
    const auth = as(DORA);
    // when
    const activation = await raw(runtime, 'POST', '/v2/jobs/activation', JSON.stringify({ type: 'api-notify-vendor', timeout: 1000, maxJobsToActivate: 1, requestTimeout: -1 }), 'application/json', auth);
    const message = await raw(runtime, 'POST', '/v2/messages/publication', JSON.stringify({ name: 'x', correlationKey: 'y' }), 'application/json', auth);
    const create = await raw(runtime, 'POST', '/v2/process-instances', JSON.stringify({ processDefinitionId: 'api-user-task' }), 'application/json', auth);
    // then
    expect(activation).toMatchObject({ status: 403, body: { title: 'FORBIDDEN', detail: "Insufficient permissions to perform operation 'UPDATE_PROCESS_INSTANCE' on resource 'PROCESS_DEFINITION'" } });
    expect(message).toMatchObject({ status: 403, body: { detail: "Insufficient permissions to perform operation 'CREATE' on resource 'MESSAGE'" } });
    expect(create).toMatchObject({ status: 403, body: { detail: expect.stringContaining("'CREATE_PROCESS_INSTANCE'") } });
  });

  test('a users file with a bad entry is refused at start, naming every problem', () => {
    // given / when / then
    expect(() => ApiIdentities.fromFile(fixture('api-user-task.bpmn'))).toThrow(/Cannot read the users file/);
    expect(() => ApiIdentities.fromFile(fixture('api-confirm-outage.form'))).toThrow(/Invalid users file .*: no users/);
  });
});
