import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { startLocalWeb, type LocalWeb } from '../../../runtime/web/server';
import { DEMO } from '../../runtime/web/support/LocalWebHarness';
import { LocalWebClient } from '../../runtime/web/support/LocalWebClient';
import { FuzzRuntime } from '../support/FuzzRuntime';
import type { FuzzTarget, RouteSpec } from '../support/FuzzTarget';
import { contentTypes, formBody, hostileQuery, hostileString, jsonBody, method, pathSegment, trickHeaders } from '../support/hostile';
import { LogCapture } from '../support/LogCapture';
import type { FuzzRequest, RawResponse } from '../support/RawHttp';
import { StoreWatch } from '../support/StoreWatch';

type Who = keyof typeof DEMO;
const USERS = Object.keys(DEMO) as Who[];

/**
 * The local web (Tasklist and Operate stand-ins) under fuzz: every route, signed in as each demo user or not, with the
 * session's CSRF token, a wrong one or none; task and incident keys from the seeded runtime or hostile; form, JSON and
 * broken bodies. Its state is the runtime's (the local web keeps only sessions in memory): a refused request must leave
 * the runtime's file unchanged.
 */
export class LocalWebTarget implements FuzzTarget {
  readonly name = 'lokala webben (Tasklist/Operate)';
  readonly logs = new LogCapture();
  routes: RouteSpec[] = [];
  stores!: StoreWatch;
  private dir = '';
  private rt!: FuzzRuntime;
  private web!: LocalWeb;
  private readonly clients = new Map<Who, LocalWebClient>();
  private loginToken = { cookie: '', token: '' };

  get baseUrl(): string {
    return this.web.url;
  }

  async start(): Promise<this> {
    this.dir = mkdtempSync(path.join(tmpdir(), 'fuzz-web-'));
    this.rt = await new FuzzRuntime(this.dir, this.logs).start();
    this.web = await startLocalWeb({
      port: 0,
      host: '127.0.0.1',
      restAddress: this.rt.runtime.restAddress,
      monitoringAddress: this.rt.runtime.monitoringAddress,
      logger: pino({ level: 'info' }, this.logs),
    });
    // The browser bundles are built in the background at start; the first script request waits for them.
    await fetch(`${this.web.url}/assets/task-form.js`);
    await this.signInAll();
    this.stores = new StoreWatch([this.rt.file]);
    this.routes = this.catalogue();
    return this;
  }

  private async signInAll(): Promise<void> {
    for (const who of USERS) this.clients.set(who, await LocalWebClient.signIn(this.web.url, DEMO[who]));
    const form = await fetch(`${this.web.url}/login`);
    this.loginToken = {
      cookie: (form.headers.getSetCookie().find((c) => c.startsWith('lw_login_csrf=')) ?? '').split(';')[0],
      token: /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '',
    };
  }

  /** Who sends it: a signed-in user with the session's token, a wrong token or none; or nobody. */
  private session(): fc.Arbitrary<{ headers: Array<[string, string]>; csrf: string }> {
    return fc.oneof(
      { weight: 1, arbitrary: fc.constant({ headers: [] as Array<[string, string]>, csrf: '' }) },
      { weight: 1, arbitrary: fc.constant({ headers: [['Cookie', 'lw_session=forged-session-id']] as Array<[string, string]>, csrf: 'forged' }) },
      {
        weight: 6,
        arbitrary: fc.tuple(fc.constantFrom(...USERS), fc.constantFrom('valid', 'valid', 'valid', 'wrong', 'none')).map(([who, csrf]) => {
          const c = this.clients.get(who)!;
          const token = csrf === 'valid' ? c.csrf : csrf === 'wrong' ? `${c.csrf.slice(0, -2)}xx` : '';
          return { headers: [['Cookie', c.cookie] as [string, string], ...(token ? [['X-CSRF-Token', token] as [string, string]] : [])], csrf: token };
        }),
      },
    );
  }

  private catalogue(): RouteSpec[] {
    const k = this.rt.keys;
    const task = pathSegment(k.userTaskKeys);
    const instance = pathSegment(k.processInstanceKeys);
    const incident = pathSegment(k.incidentKeys);
    const at = (...parts: Array<string | fc.Arbitrary<string>>) => fc.tuple(...parts.map((p) => (typeof p === 'string' ? fc.constant(p) : p))).map((xs) => xs.join(''));
    const get = (name: string, pathArb: fc.Arbitrary<string>, weight = 1): RouteSpec => ({
      name,
      weight,
      request: fc.record({ m: method('GET'), p: pathArb, q: hostileQuery, s: this.session(), tricks: trickHeaders }).map(({ m, p, q, s, tricks }) => ({ method: m, target: `${p}${q ? `?${q}` : ''}`, headers: [...s.headers, ...tricks] })),
    });
    const form = (name: string, pathArb: fc.Arbitrary<string>, fields: Record<string, string>, weight = 1): RouteSpec => ({
      name,
      weight,
      request: fc
        .record({ m: method('POST'), p: pathArb, s: this.session(), body: formBody(fields), ct: fc.oneof({ weight: 5, arbitrary: fc.constant('application/x-www-form-urlencoded') }, { weight: 1, arbitrary: contentTypes }), tricks: trickHeaders, withToken: fc.boolean() })
        .map(({ m, p, s, body, ct, tricks, withToken }) => ({
          method: m,
          target: p,
          headers: [...s.headers.filter(([n]) => !withToken || n !== 'X-CSRF-Token'), ...(ct ? ([['Content-Type', ct]] as Array<[string, string]>) : []), ...tricks],
          body: Buffer.from(withToken && s.csrf ? `${body}${body ? '&' : ''}_csrf=${encodeURIComponent(s.csrf)}` : body, 'utf8'),
        })),
    });
    const completeTemplate = { variables: { scope: 'sesam-down', summary: 'Sesam går inte att nå för någon förskrivare.' } };
    return [
      get('GET /', at('/')),
      get('GET /login', at('/login')),
      {
        name: 'POST /login',
        weight: 3,
        request: fc
          .record({
            user: fc.oneof(fc.constantFrom(...USERS.map((u) => DEMO[u].id)), hostileString),
            password: fc.oneof(fc.constantFrom(...USERS.map((u) => DEMO[u].password), 'fel'), hostileString),
            next: fc.oneof(hostileString, fc.constantFrom('/tasks', '/cockpit', '/\t/evil.example', '//evil.example', '/\\evil.example', 'https://evil.example')),
            csrf: fc.constantFrom('pair', 'pair', 'none', 'mismatch'),
            extra: formBody({}),
            tricks: trickHeaders,
          })
          .map(({ user, password, next, csrf, extra, tricks }) => ({
            method: 'POST',
            target: '/login',
            headers: [
              ['Content-Type', 'application/x-www-form-urlencoded'] as [string, string],
              ...(csrf !== 'none' ? [['Cookie', this.loginToken.cookie] as [string, string]] : []),
              ...tricks,
            ],
            body: Buffer.from(`${new URLSearchParams({ _csrf: csrf === 'pair' ? this.loginToken.token : 'x'.repeat(32), userId: user.slice(0, 500), password: password.slice(0, 500), next: next.slice(0, 500) }).toString()}&${extra}`, 'utf8'),
          })),
      },
      form('POST /logout', at('/logout'), {}),
      get('GET /healthz', at('/healthz')),
      get('GET /favicon.ico', at('/favicon.ico')),
      get('GET /assets/{file}', fc.oneof(at('/assets/', fc.constantFrom('local-web.css', 'report.css', 'favicon.svg', 'task-form.js', 'diagram.js', 'task-list.js', 'report.js')), at('/assets/', pathSegment([])))),
      get('GET /vendor/{pkg}/{file}', at('/vendor/', fc.oneof(fc.constantFrom('form-js', 'bpmn-js', '__proto__', 'constructor', 'toString'), pathSegment([])), '/', fc.oneof(fc.constantFrom('form-js.css', 'diagram-js.css', '../../package.json', '..%2F..%2Fpackage.json', 'x.constructor'), pathSegment([])))),
      get('GET /tasks', at('/tasks'), 3),
      get('GET /tasks/fingerprint', at('/tasks/fingerprint')),
      get('GET /tasks/{key}', at('/tasks/', task), 3),
      form('POST /tasks/{key}/claim', at('/tasks/', task, '/claim'), { returnTo: 'list' }, 2),
      form('POST /tasks/{key}/unclaim', at('/tasks/', task, '/unclaim'), {}, 2),
      {
        name: 'POST /tasks/{key}/complete',
        weight: 4,
        request: fc
          .record({ p: at('/tasks/', task, '/complete'), s: this.session(), body: jsonBody(completeTemplate), ct: fc.oneof({ weight: 5, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: contentTypes }), tricks: trickHeaders })
          .map(({ p, s, body, ct, tricks }) => ({ method: 'POST', target: p, headers: [...s.headers, ['Accept', 'application/json'] as [string, string], ...(ct ? ([['Content-Type', ct]] as Array<[string, string]>) : []), ...tricks], body: Buffer.from(body, 'utf8') })),
      },
      get('GET /cockpit', at('/cockpit'), 2),
      get('GET /cockpit/instances/{key}', at('/cockpit/instances/', instance), 2),
      get('GET /cockpit/instances/{key}/report', at('/cockpit/instances/', instance, '/report'), 2),
      form('POST /cockpit/incidents/{key}/retry', at('/cockpit/incidents/', incident, '/retry'), { retries: '1', processInstanceKey: k.processInstanceKeys[0] }, 2),
      get('unknown paths', fc.oneof(at('/', pathSegment([])), at('/tasks/', task, '/', pathSegment([])), at('/cockpit/', pathSegment([])))),
    ];
  }

  rejected(_req: FuzzRequest, res: RawResponse): boolean {
    return res.status >= 400 || (res.status >= 300 && (res.headers.location ?? '').startsWith('/login'));
  }

  async afterAccepted(req: FuzzRequest): Promise<void> {
    await this.stores.settle();
    // A sign-out ended one of the harness's sessions: sign in again (from the harness's own address).
    if (req.target.startsWith('/logout') || req.target.startsWith('/login')) await this.signInAll();
  }

  async alive(): Promise<boolean> {
    try {
      return (await fetch(`${this.web.url}/healthz`)).status === 200;
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    this.stores?.close();
    await this.web?.close();
    await this.rt?.stop();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
