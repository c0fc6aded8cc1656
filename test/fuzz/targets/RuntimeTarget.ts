import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { engineAuthHeaders } from '../support/engineAccess';
import { FuzzRuntime, FUZZ_CLOCK } from '../support/FuzzRuntime';
import type { FuzzTarget, RouteSpec } from '../support/FuzzTarget';
import { contentTypes, hostileQuery, jsonBody, method, multipartBody, pathSegment, trickHeaders } from '../support/hostile';
import { LogCapture } from '../support/LogCapture';
import type { FuzzRequest, RawResponse } from '../support/RawHttp';
import { StoreWatch } from '../support/StoreWatch';

const ROOT = path.join(__dirname, '..', '..', '..');

/** Credentials variants of a /v2 request: as configured (most), none, wrong. */
const auth = fc.oneof(
  { weight: 6, arbitrary: fc.constant(engineAuthHeaders()) },
  { weight: 1, arbitrary: fc.constant<Array<[string, string]>>([]) },
  { weight: 1, arbitrary: fc.constant<Array<[string, string]>>([['Authorization', 'Basic d3Jvbmc6d3Jvbmc=']]) },
);

/**
 * Fields kept as the template has them when the body is an object (as in test/runtime/http/oddInput.int.test.ts): they
 * ask the runtime to wait – a long poll of up to 10 s, or 15 s for an instance to complete and then Camunda's 504.
 */
function keep(fields: Record<string, unknown>): (body: string) => string {
  return (body) => {
    try {
      const v = JSON.parse(body) as unknown;
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return body;
      return JSON.stringify({ ...(v as Record<string, unknown>), ...fields });
    } catch {
      return body;
    }
  };
}

/**
 * The local runtime's REST API v2 under fuzz: every endpoint of docs/runtime.md (and unknown ones), path keys from the
 * seeded state or hostile, JSON bodies built on valid templates with fields replaced, broken JSON, malformed multipart
 * deployments, odd content types and header tricks; with the configured credentials (engineAccess.ts), none or wrong.
 * Fields that make the runtime wait on purpose (job activation's long poll, create with `awaitCompletion`) keep their
 * template value; 501 NOT_SUPPORTED is the runtime's declared answer for Camunda endpoints it does not serve.
 */
export class RuntimeTarget implements FuzzTarget {
  readonly name = 'körmiljön (REST API v2)';
  readonly logs = new LogCapture();
  routes: RouteSpec[] = [];
  stores!: StoreWatch;
  private dir = '';
  private rt!: FuzzRuntime;

  get baseUrl(): string {
    return this.rt.runtime.restAddress;
  }

  async start(): Promise<this> {
    this.dir = mkdtempSync(path.join(tmpdir(), 'fuzz-runtime-'));
    this.rt = await new FuzzRuntime(this.dir, this.logs).start();
    this.stores = new StoreWatch([this.rt.file]);
    this.routes = this.catalogue();
    return this;
  }

  private catalogue(): RouteSpec[] {
    const k = this.rt.keys;
    const seg = (keys: string[]) => pathSegment(keys);
    const pd = seg(k.processDefinitionKeys);
    const pi = seg(k.processInstanceKeys);
    const ut = seg(k.userTaskKeys);
    const job = seg(k.jobKeys);
    const inc = seg(k.incidentKeys);
    const ei = seg(k.elementInstanceKeys);
    const vk = seg(k.variableKeys);
    const search = { filter: { state: 'ACTIVE' }, sort: [{ field: 'processInstanceKey', order: 'ASC' }], page: { from: 0, limit: 5 } };
    const bpmn = readFileSync(path.join(ROOT, 'test/runtime/fixtures/api-service-task.bpmn'), 'utf8');
    const form = readFileSync(path.join(ROOT, 'forms/assess-scope.form'), 'utf8');

    const json = (m: string, name: string, pathArb: fc.Arbitrary<string>, template: Record<string, unknown> | undefined, fix: (body: string) => string = (b) => b): RouteSpec => ({
      name,
      request: fc
        .record({ m: method(m), p: pathArb, q: hostileQuery, ct: fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: contentTypes }), body: jsonBody(template), auth, tricks: trickHeaders })
        .map(({ m: mm, p, q, ct, body, auth: a, tricks }) => ({
          method: mm,
          target: `${p}${q ? `?${q}` : ''}`,
          headers: [...a, ...(ct ? ([['Content-Type', ct]] as Array<[string, string]>) : []), ...tricks],
          body: Buffer.from(fix(body), 'utf8'),
        })),
    });
    const get = (name: string, pathArb: fc.Arbitrary<string>): RouteSpec => ({
      name,
      request: fc.record({ m: method('GET'), p: pathArb, q: hostileQuery, auth, tricks: trickHeaders }).map(({ m, p, q, auth: a, tricks }) => ({ method: m, target: `${p}${q ? `?${q}` : ''}`, headers: [...a, ...tricks] })),
    });
    const at = (...parts: Array<string | fc.Arbitrary<string>>) => fc.tuple(...parts.map((p) => (typeof p === 'string' ? fc.constant(p) : p))).map((xs) => xs.join(''));

    return [
      get('GET /v2/topology', at('/v2/topology')),
      get('GET /v2/status', at('/v2/status')),
      get('GET /v2/license', at('/v2/license')),
      {
        name: 'POST /v2/deployments',
        weight: 2,
        request: fc.record({ mp: multipartBody([{ name: 'resources', filename: 'fuzz.bpmn', content: bpmn }, { name: 'resources', filename: 'fuzz.form', content: form }]), auth, tricks: trickHeaders }).map(({ mp, auth: a, tricks }) => ({
          method: 'POST',
          target: '/v2/deployments',
          headers: [...a, ['Content-Type', mp.contentType], ...tricks],
          body: mp.body,
        })),
      },
      json('POST', 'POST /v2/deployments (JSON)', at('/v2/deployments'), { resources: [] }),
      json('POST', 'POST /v2/process-definitions/search', at('/v2/process-definitions/search'), { filter: { isLatestVersion: true }, page: { limit: 5 } }),
      get('GET /v2/process-definitions/{key}', at('/v2/process-definitions/', pd)),
      get('GET /v2/process-definitions/{key}/xml', at('/v2/process-definitions/', pd, '/xml')),
      get('GET /v2/process-definitions/{key}/form', at('/v2/process-definitions/', pd, '/form')),
      json('POST', 'POST /v2/process-definitions/{key}/statistics/element-instances', at('/v2/process-definitions/', pd, '/statistics/element-instances'), { filter: {} }),
      json('POST', 'POST /v2/process-instances', at('/v2/process-instances'), { processDefinitionId: 'driftstorning-sesam', variables: { disruptionId: 'FUZZ-X', system: 'sesam', drill: true }, awaitCompletion: false }, keep({ awaitCompletion: false })),
      json('POST', 'POST /v2/process-instances/search', at('/v2/process-instances/search'), search),
      get('GET /v2/process-instances/{key}', at('/v2/process-instances/', pi)),
      json('POST', 'POST /v2/process-instances/{key}/cancellation', at('/v2/process-instances/', pi, '/cancellation'), {}),
      json('POST', 'POST /v2/process-instances/{key}/incidents/search', at('/v2/process-instances/', pi, '/incidents/search'), { filter: {} }),
      get('GET /v2/process-instances/{key}/call-hierarchy', at('/v2/process-instances/', pi, '/call-hierarchy')),
      get('GET /v2/process-instances/{key}/statistics/element-instances', at('/v2/process-instances/', pi, '/statistics/element-instances')),
      json('POST', 'POST /v2/element-instances/search', at('/v2/element-instances/search'), { filter: { processInstanceKey: k.processInstanceKeys[0] } }),
      get('GET /v2/element-instances/{key}', at('/v2/element-instances/', ei)),
      json('PUT', 'PUT /v2/element-instances/{key}/variables', at('/v2/element-instances/', ei, '/variables'), { variables: { fuzz: 1 }, local: true }),
      json('POST', 'POST /v2/variables/search', at('/v2/variables/search'), { filter: { name: 'disruptionId' } }),
      get('GET /v2/variables/{key}', at('/v2/variables/', vk)),
      json('POST', 'POST /v2/jobs/activation', at('/v2/jobs/activation'), { type: 'notify-role', worker: 'fuzz', timeout: 1000, maxJobsToActivate: 1, requestTimeout: -1 }, keep({ requestTimeout: -1 })),
      json('POST', 'POST /v2/jobs/{key}/completion', at('/v2/jobs/', job, '/completion'), { variables: {} }),
      json('POST', 'POST /v2/jobs/{key}/failure', at('/v2/jobs/', job, '/failure'), { retries: 1, errorMessage: 'x', retryBackOff: 0 }),
      json('POST', 'POST /v2/jobs/{key}/error', at('/v2/jobs/', job, '/error'), { errorCode: 'NOTICE_NOT_APPROVED', errorMessage: 'x' }),
      json('PATCH', 'PATCH /v2/jobs/{key}', at('/v2/jobs/', job), { changeset: { retries: 3 } }),
      json('POST', 'POST /v2/messages/publication', at('/v2/messages/publication'), { name: 'report-received', correlationKey: 'FUZZ-1', timeToLive: 0, variables: {} }),
      json('POST', 'POST /v2/messages/correlation', at('/v2/messages/correlation'), { name: 'report-received', correlationKey: 'FUZZ-1', variables: {} }),
      json('POST', 'POST /v2/user-tasks/search', at('/v2/user-tasks/search'), { filter: { candidateGroup: 'desk' } }),
      get('GET /v2/user-tasks/{key}', at('/v2/user-tasks/', ut)),
      get('GET /v2/user-tasks/{key}/form', at('/v2/user-tasks/', ut, '/form')),
      json('POST', 'POST /v2/user-tasks/{key}/variables/search', at('/v2/user-tasks/', ut, '/variables/search'), { filter: {} }),
      json('POST', 'POST /v2/user-tasks/{key}/assignment', at('/v2/user-tasks/', ut, '/assignment'), { assignee: 'desk', allowOverride: false }),
      json('DELETE', 'DELETE /v2/user-tasks/{key}/assignee', at('/v2/user-tasks/', ut, '/assignee'), undefined),
      json('PATCH', 'PATCH /v2/user-tasks/{key}', at('/v2/user-tasks/', ut), { changeset: { priority: 50 } }),
      json('POST', 'POST /v2/user-tasks/{key}/completion', at('/v2/user-tasks/', ut, '/completion'), { variables: { scope: 'sesam-down', summary: 'Sesam går inte att nå.' } }),
      json('POST', 'POST /v2/incidents/search', at('/v2/incidents/search'), { filter: { state: 'ACTIVE' } }),
      get('GET /v2/incidents/{key}', at('/v2/incidents/', inc)),
      json('POST', 'POST /v2/incidents/{key}/resolution', at('/v2/incidents/', inc, '/resolution'), {}),
      json('PUT', 'PUT /v2/clock', at('/v2/clock'), { timestamp: FUZZ_CLOCK }),
      json('POST', 'POST /v2/clock/reset', at('/v2/clock/reset'), {}),
      get('GET /v2/resources/{key}', at('/v2/resources/', pd)),
      get('GET /v2/resources/{key}/content', at('/v2/resources/', pd, '/content')),
      json('POST', 'POST /v2/resources/{key}/deletion', at('/v2/resources/', seg([]), '/deletion'), {}),
      json('POST', 'POST /v2/signals/broadcast', at('/v2/signals/broadcast'), { signalName: 'x' }),
      json('POST', 'unknown endpoints', fc.oneof(at('/v2/', pathSegment([])), at('/v2/users/search'), at('/', pathSegment([])), at('/v1/process-instances')), {}),
    ];
  }

  rejected(_req: FuzzRequest, res: RawResponse): boolean {
    return res.status >= 400;
  }

  /** 501 NOT_SUPPORTED is the runtime's declared answer for Camunda endpoints it does not serve (docs/runtime.md). */
  declared(req: FuzzRequest, res: RawResponse): string | undefined {
    if (res.status !== 501) return undefined;
    if (req.method === 'HEAD' && /problem\+json/.test(res.headers['content-type'] ?? '')) return 'NOT_SUPPORTED (HEAD: the problem without its body)';
    try {
      return (JSON.parse(res.body.toString('utf8')) as { title?: string }).title === 'NOT_SUPPORTED' ? 'NOT_SUPPORTED (a Camunda endpoint the runtime does not serve)' : undefined;
    } catch {
      return undefined;
    }
  }

  async afterAccepted(): Promise<void> {
    await this.stores.settle();
  }

  async alive(): Promise<boolean> {
    try {
      return (await fetch(`${this.baseUrl}/v2/topology`, { headers: Object.fromEntries(engineAuthHeaders()) })).status === 200;
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    this.stores?.close();
    await this.rt?.stop();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
