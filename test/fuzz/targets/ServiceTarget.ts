import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { startService, type RunningService } from '../../../apps/service';
import { hashPassword } from '../../../lib/auth/password';
import { createLogger } from '../../../lib/logging/logger';
import { loadConfig } from '../../../service/config';
import { openServiceDb } from '../../../service/db';
import { SqliteNoticeStore, SqliteSubscriberStore } from '../../../service/notices';
import { engineClientEnv } from '../support/engineAccess';
import { FuzzRuntime, FUZZ_CLOCK } from '../support/FuzzRuntime';
import { HARNESS_ADDRESS, type FuzzTarget, type RouteSpec } from '../support/FuzzTarget';
import { contentTypes, formBody, hostileQuery, hostileString, jsonBody, method, pathSegment, PERSONAL_MARKERS, trickHeaders } from '../support/hostile';
import { LogCapture } from '../support/LogCapture';
import { sendRaw, type FuzzRequest, type RawResponse } from '../support/RawHttp';
import { StoreWatch } from '../support/StoreWatch';

const PASSWORD = 'Korrekt-häst-batteri-1';
const API_TOKEN = 'fuzz-intake-token-0123456789abcdef';
const USERS = { desk: 'anna.desk', owner: 'sara.systemowner', vo: 'vera.vo' } as const;
type Who = keyof typeof USERS;
/** The fuzz pretends 127.0.0.5 is the region's proxy (TRUST_PROXY): its X-Forwarded-For is believed, nobody else's. */
const PROXY = '127.0.0.5';

/**
 * The service (notice page, feeds, subscriptions, intake, /it, deviation report, local outbox) under fuzz, composed by
 * `startService` exactly as `npm run service` does (MAIL_CAPTURE on, no job workers), in front of the local runtime.
 * Signed in as the desk, the system owner or VO Hjälpmedel with the session's CSRF token, a wrong one or none, or not at
 * all; the API with the token, a wrong one or none. Its state is the service's SQLite file and the runtime's.
 */
export class ServiceTarget implements FuzzTarget {
  readonly name = 'tjänsten (driftinfo, intag, /it, API)';
  readonly logs = new LogCapture();
  routes: RouteSpec[] = [];
  stores!: StoreWatch;
  private dir = '';
  private rt!: FuzzRuntime;
  private service!: RunningService;
  private readonly sessions = new Map<Who, { cookie: string; csrf: string }>();
  private pools = { notices: [] as string[], tokens: [] as string[], reports: [] as string[], disruptions: [] as string[], mails: ['1'] };

  get baseUrl(): string {
    return this.service.url;
  }

  async start(): Promise<this> {
    this.dir = mkdtempSync(path.join(tmpdir(), 'fuzz-service-'));
    this.rt = await new FuzzRuntime(this.dir, this.logs).start();
    const hash = await hashPassword(PASSWORD);
    const usersFile = path.join(this.dir, 'users.json');
    writeFileSync(
      usersFile,
      JSON.stringify({
        users: [
          { id: USERS.desk, name: 'Anna Andersson', groups: ['desk'], passwordHash: hash },
          { id: USERS.owner, name: 'Sara Svensson', groups: ['system-owner'], passwordHash: hash },
          { id: USERS.vo, name: 'Vera Vo', groups: ['assistive-devices-operation'], passwordHash: hash },
        ],
      }),
    );
    const dbFile = path.join(this.dir, 'service.sqlite');
    const config = loadConfig({
      SERVICE_DB_FILE: dbFile,
      SERVICE_PORT: '0',
      SERVICE_HOST: '127.0.0.1',
      PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
      SMTP_CAPTURE_PORT: '0',
      MAIL_CAPTURE: 'true',
      ZEEBE_REST_ADDRESS: this.rt.runtime.restAddress,
      ...engineClientEnv(),
      DESK_USERS_FILE: usersFile,
      INTAKE_API_TOKEN: API_TOKEN,
      SESSION_SECRET: 'a-session-secret-for-the-fuzzer-0123456789',
      TRUST_PROXY: PROXY,
      // No periodic re-reading of the engine between cases: the delivery runs when reports wait (after accepted ones).
      INTAKE_REFRESH_INTERVAL_MS: '3600000',
      LOG_LEVEL: 'info',
    });
    this.service = await startService({ config, logger: createLogger({ level: 'info', destination: this.logs }), workers: false, camunda: this.rt.client, now: () => new Date(FUZZ_CLOCK) });
    await this.seed(dbFile);
    await this.signInAll();
    this.stores = new StoreWatch([dbFile, this.rt.file]);
    await this.stores.settle(100, 5_000);
    this.routes = this.catalogue();
    return this;
  }

  /** A published notice, a subscriber, a report and its disruption: ids the routes can name. */
  private async seed(dbFile: string): Promise<void> {
    const db = openServiceDb(dbFile);
    try {
      const notices = new SqliteNoticeStore(db, { publicBaseUrl: 'http://127.0.0.1:3000', now: () => new Date(FUZZ_CLOCK) });
      const published = notices.publish({ disruptionId: 'FUZZ-1', kind: 'disruption', state: 'investigating', title: 'Sesam går inte att nå', body: 'IT felsöker.', approvedBy: 'sara.systemowner', approvedAt: new Date(FUZZ_CLOCK).toISOString(), idempotencyKey: 'fuzz-seed' });
      this.pools.notices = [published.noticeId];
      const subscribers = new SqliteSubscriberStore(db, { publicBaseUrl: 'http://127.0.0.1:3000', now: () => new Date(FUZZ_CLOCK) });
      const sub = subscribers.subscribe('prenumerant@skane.example');
      this.pools.tokens = [sub.subscriber.unsubscribeToken, ...(sub.confirmToken ? [sub.confirmToken] : [])];
    } finally {
      db.close();
    }
    const res = await this.api('POST', '/api/reports', { reporterName: 'Eva Förskrivare', unit: 'VC Lund', symptom: 'Sesam svarar inte.', reporterPhone: '046-123 45 67', channel: 'phone' });
    const report = JSON.parse(res.body.toString('utf8')) as { reportId: string; disruptionId: string };
    this.pools.reports = [report.reportId];
    this.pools.disruptions = [report.disruptionId];
  }

  private api(m: string, target: string, body: unknown): Promise<RawResponse> {
    return sendRaw(this.baseUrl, { method: m, target, route: 'seed', from: HARNESS_ADDRESS, headers: [['Authorization', `Bearer ${API_TOKEN}`], ['Content-Type', 'application/json']], body: Buffer.from(JSON.stringify(body)) });
  }

  private async signInAll(): Promise<void> {
    for (const who of Object.keys(USERS) as Who[]) {
      const res = await sendRaw(this.baseUrl, {
        method: 'POST',
        target: '/intag/logga-in',
        route: 'seed',
        from: HARNESS_ADDRESS,
        headers: [['Content-Type', 'application/x-www-form-urlencoded']],
        body: Buffer.from(new URLSearchParams({ userId: USERS[who], password: PASSWORD }).toString()),
      });
      const cookie = (res.headers['set-cookie'] ?? '').split(';')[0];
      const page = await sendRaw(this.baseUrl, { method: 'GET', target: who === 'desk' ? '/intag' : '/it', route: 'seed', from: HARNESS_ADDRESS, headers: [['Cookie', cookie]] });
      this.sessions.set(who, { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page.body.toString('utf8'))?.[1] ?? '' });
    }
  }

  private session(): fc.Arbitrary<{ headers: Array<[string, string]>; csrf: string }> {
    return fc.oneof(
      { weight: 2, arbitrary: fc.constant({ headers: [] as Array<[string, string]>, csrf: '' }) },
      { weight: 1, arbitrary: fc.constant({ headers: [['Cookie', 'sesam_intag=s%3Aforged.c2lnbmF0dXJl']] as Array<[string, string]>, csrf: 'forged' }) },
      {
        weight: 6,
        arbitrary: fc.tuple(fc.constantFrom<Who>('desk', 'owner', 'vo'), fc.constantFrom('valid', 'valid', 'wrong', 'none')).map(([who, csrf]) => {
          const s = this.sessions.get(who)!;
          return { headers: [['Cookie', s.cookie]] as Array<[string, string]>, csrf: csrf === 'valid' ? s.csrf : csrf === 'wrong' ? `${s.csrf.slice(0, -2)}xx` : '' };
        }),
      },
    );
  }

  private catalogue(): RouteSpec[] {
    const p = this.pools;
    const at = (...parts: Array<string | fc.Arbitrary<string>>) => fc.tuple(...parts.map((x) => (typeof x === 'string' ? fc.constant(x) : x))).map((xs) => xs.join(''));
    const token = fc.oneof(
      { weight: 4, arbitrary: fc.constant<Array<[string, string]>>([['Authorization', `Bearer ${API_TOKEN}`]]) },
      { weight: 1, arbitrary: fc.constant<Array<[string, string]>>([]) },
      { weight: 1, arbitrary: fc.constant<Array<[string, string]>>([['Authorization', `Bearer ${API_TOKEN.slice(0, -1)}x`]]) },
      { weight: 1, arbitrary: fc.constant<Array<[string, string]>>([['Authorization', `bearer ${API_TOKEN}`]]) },
    );
    const proxied = fc.oneof({ weight: 3, arbitrary: fc.constant<Array<[string, string]>>([]) }, { weight: 1, arbitrary: fc.constant<Array<[string, string]>>([['X-Forwarded-For', '198.51.100.77']]) });
    const get = (name: string, pathArb: fc.Arbitrary<string>, weight = 1): RouteSpec => ({
      name,
      weight,
      request: fc.record({ m: method('GET'), path: pathArb, q: hostileQuery, s: this.session(), tricks: trickHeaders }).map(({ m, path: pth, q, s, tricks }) => ({ method: m, target: `${pth}${q ? `?${q}` : ''}`, headers: [...s.headers, ...tricks] })),
    });
    const form = (name: string, pathArb: fc.Arbitrary<string>, fields: Record<string, string>, weight = 1): RouteSpec => ({
      name,
      weight,
      request: fc
        .record({ m: method('POST'), path: pathArb, s: this.session(), body: formBody(fields), ct: fc.oneof({ weight: 5, arbitrary: fc.constant('application/x-www-form-urlencoded') }, { weight: 1, arbitrary: contentTypes }), tricks: trickHeaders, via: proxied })
        .map(({ m, path: pth, s, body, ct, tricks, via }) => ({
          method: m,
          target: pth,
          headers: [...s.headers, ...(ct ? ([['Content-Type', ct]] as Array<[string, string]>) : []), ...via, ...tricks],
          body: Buffer.from(s.csrf ? `${body}${body ? '&' : ''}_csrf=${encodeURIComponent(s.csrf)}` : body, 'utf8'),
        })),
    });
    const apiJson = (name: string, m: string, pathArb: fc.Arbitrary<string>, template: Record<string, unknown>, weight = 1): RouteSpec => ({
      name,
      weight,
      request: fc
        .record({ m: method(m), path: pathArb, t: token, body: jsonBody(template), ct: fc.oneof({ weight: 5, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: contentTypes }), tricks: trickHeaders, key: fc.option(hostileString.map((k) => k.replace(/[\r\n\0]/g, '').slice(0, 200)), { nil: undefined }) })
        .map(({ m: mm, path: pth, t, body, ct, tricks, key }) => ({
          method: mm,
          target: pth,
          headers: [...t, ...(ct ? ([['Content-Type', ct]] as Array<[string, string]>) : []), ...(key !== undefined ? ([['Idempotency-Key', key]] as Array<[string, string]>) : []), ...tricks],
          body: Buffer.from(body, 'utf8'),
        })),
    });
    const report = { reporterName: PERSONAL_MARKERS.name, unit: 'VC Lund', productArea: 'syn', symptom: `Ring ${PERSONAL_MARKERS.phone} om ${PERSONAL_MARKERS.personnummer}`, reporterPhone: PERSONAL_MARKERS.phone, reporterEmail: PERSONAL_MARKERS.email, channel: 'phone', drill: 'on' };
    const messages = fc.oneof(fc.constantFrom('system-owner-acknowledged', 'prognosis-received', 'system-restored', 'it-instructions-received'), pathSegment([]));
    return [
      get('GET /', at('/')),
      get('GET /driftinformation', at('/driftinformation')),
      get('GET /driftinfo', at('/driftinfo'), 2),
      get('GET /driftinfo/meddelande/{id}', at('/driftinfo/meddelande/', pathSegment(p.notices))),
      get('GET /driftinfo/{feed}', at('/driftinfo/', fc.constantFrom('rss.xml', 'atom.xml', 'feed.json', 'status.json', 'embed', 'embed.js')), 2),
      get('GET /assets/{file}', at('/assets/', fc.oneof(fc.constantFrom('service.css', 'report.css'), pathSegment([])))),
      get('GET /health', at('/health')),
      form('POST /driftinfo/prenumeration', at('/driftinfo/prenumeration'), { email: PERSONAL_MARKERS.email }, 2),
      get('GET /driftinfo/prenumeration/bekrafta/{token}', at('/driftinfo/prenumeration/bekrafta/', pathSegment(p.tokens))),
      form('POST /driftinfo/prenumeration/bekrafta/{token}', at('/driftinfo/prenumeration/bekrafta/', pathSegment(p.tokens)), {}),
      get('GET /driftinfo/prenumeration/avsluta/{token}', at('/driftinfo/prenumeration/avsluta/', pathSegment(p.tokens))),
      form('POST /driftinfo/prenumeration/avsluta/{token}', at('/driftinfo/prenumeration/avsluta/', pathSegment(p.tokens)), { 'List-Unsubscribe': 'One-Click' }),
      get('GET /intag/logga-in', at('/intag/logga-in')),
      form('POST /intag/logga-in', at('/intag/logga-in'), { userId: USERS.desk, password: PASSWORD, nasta: '/intag' }, 3),
      form('POST /intag/logga-ut', at('/intag/logga-ut'), {}),
      get('GET /intag', at('/intag'), 2),
      form('POST /intag', at('/intag'), report, 4),
      get('GET /intag/anmalan/{id}', at('/intag/anmalan/', pathSegment(p.reports))),
      apiJson('POST /api/reports', 'POST', at('/api/reports'), { ...report, drill: true }, 4),
      apiJson('GET /api/reports/{id}', 'GET', at('/api/reports/', pathSegment(p.reports)), {}),
      apiJson('GET /api/intake/status', 'GET', at('/api/intake/status'), {}),
      apiJson('POST /api/disruptions/{id}/messages/{name}', 'POST', at('/api/disruptions/', pathSegment(p.disruptions), '/messages/', messages), { prognosis: { expectedAt: '2026-11-25T14:00:00+01:00', text: PERSONAL_MARKERS.name } }, 4),
      get('GET /it', at('/it'), 2),
      form('POST /it/{disruptionId}/{name}', at('/it/', pathSegment(p.disruptions), '/', messages), { expectedAt: '2026-11-25T14:00', prognosisText: `Gäller ${PERSONAL_MARKERS.personnummer}`, itInstructions: PERSONAL_MARKERS.name }, 4),
      get('GET /it/driftstorning/{id}/avvikelserapport', at('/it/driftstorning/', pathSegment(p.disruptions), '/avvikelserapport'), 2),
      get('GET /utkorg', at('/utkorg')),
      get('GET /utkorg/{id}', at('/utkorg/', pathSegment(p.mails))),
      get('unknown paths', fc.oneof(at('/', pathSegment([])), at('/api/', pathSegment([])), at('/driftinfo/', pathSegment([])))),
    ];
  }

  rejected(req: FuzzRequest, res: RawResponse): boolean {
    if (res.status >= 400) return true;
    // Sent to sign in: refused (a sign-out also lands there, and it did end a session).
    return res.status >= 300 && (res.headers.location ?? '').startsWith('/intag/logga-in') && req.route !== 'POST /intag/logga-ut';
  }

  async afterAccepted(req: FuzzRequest): Promise<void> {
    await this.stores.settle();
    // The intake hands accepted reports to the engine in the background (issue #12): wait until it has, so that its
    // writes are never taken for the writes of a later, refused request.
    await this.intakeDelivered();
    await this.stores.settle(80, 3_000);
    if (req.route === 'POST /intag/logga-ut' || req.route === 'POST /intag/logga-in') await this.signInAll();
  }

  /** Until the intake's queue is empty (at most 5 s: an engine that keeps refusing shows up as a later drift). */
  private async intakeDelivered(): Promise<void> {
    const end = Date.now() + 5_000;
    while (Date.now() < end) {
      const res = await sendRaw(this.baseUrl, { method: 'GET', target: '/api/intake/status', route: 'harness', from: HARNESS_ADDRESS, headers: [['Authorization', `Bearer ${API_TOKEN}`]] });
      if (res.status === 200 && (JSON.parse(res.body.toString('utf8')) as { queued: number }).queued === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async alive(): Promise<boolean> {
    try {
      return (await fetch(`${this.baseUrl}/health`)).status === 200;
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    this.stores?.close();
    await this.service?.close();
    await this.rt?.stop();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
