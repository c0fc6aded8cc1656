/**
 * `npm start` as a newcomer runs it (P12: the whole routine on one machine): a real child process with the
 * runtime, the deployed models, the workers and every web page, on ephemeral ports and a temporary data dir.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually } from '../service/web/support/ServiceHarness';

const root = path.resolve(__dirname, '../..');
const TOKEN = 'system-test-token';
/** The local users file's API user (Camunda 8 Run's demo / demo), as the banner says. */
const DEMO_AUTH = `Basic ${Buffer.from('demo:demo').toString('base64')}`;

interface Started {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  urls: Record<string, string>;
}

function startSystem(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'apps/local.ts'], {
    cwd: root,
    env: {
      ...process.env,
      RUNTIME_REST_PORT: '0',
      RUNTIME_MONITORING_PORT: '0',
      RUNTIME_WEB_PORT: '0',
      RUNTIME_DATA_DIR: dataDir,
      SERVICE_PORT: '0',
      SMTP_CAPTURE_PORT: '0',
      SERVICE_DB_FILE: path.join(dataDir, 'service.sqlite'),
      INTAKE_API_TOKEN: TOKEN,
      LOG_LEVEL: process.env.SYSTEM_TEST_LOG_LEVEL ?? 'error',
    },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not print its URLs in time:\n${out}`)), 60_000);
    const onEarlyExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited early with ${code}:\n${out}`));
    };
    child.once('exit', onEarlyExit);
    const onData = () => {
      if (!out.includes('Stoppa med Ctrl-C')) return;
      child.stdout.off('data', onData);
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      const urls: Record<string, string> = {};
      for (const m of out.matchAll(/^ {2}(.+?)\s{2,}(\S+)$/gm)) urls[m[1].trim()] = m[2];
      resolve({ child, output: () => out, urls });
    };
    child.stdout.on('data', onData);
  });
}

function stopSystem(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(-1);
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill('SIGINT');
  });
}

describe('npm start (P12: the routine runs on one machine)', () => {
  let dataDir: string;
  let system: Started | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'sesam-start-'));
    system = await startSystem(dataDir);
  }, 90_000);

  afterAll(async () => {
    if (system) await stopSystem(system.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('deploys every process and form and prints every URL', () => {
    // given the system started by npm start
    const out = system!.output();
    // then every process of bpmn/ was deployed, and all pages are listed
    for (const id of ['driftstorning-sesam', 'publicera-driftinformation', 'reservrutin-ot', 'planerat-underhall']) {
      expect(out).toMatch(new RegExp(`process ${id} version \\d+`));
    }
    expect(Object.keys(system!.urls)).toEqual(
      expect.arrayContaining([
        'Uppgiftslista (Tasklist)',
        'Översikt (Operate)',
        'Driftinformation (publik)',
        'Intag för Administrationen',
        'Utkorg (fångad e-post)',
        'Camunda REST API v2',
      ]),
    );
  });

  test('one host name in every printed staff link (the sign-in cookie is per host): the task list, cockpit, dashboard, intake and /it', () => {
    const names = ['Uppgiftslista (Tasklist)', 'Översikt (Operate)', 'Uppföljning (VO Hjälpmedel)', 'Intag för Administrationen', 'För IT och systemansvarig'];
    const hosts = names.map((n) => new URL(system!.urls[n]).hostname);
    expect(hosts).toEqual(names.map(() => 'localhost'));
    expect(system!.output()).toContain('En inloggning gäller uppgiftslistan, översikten, intaget och /it.');
  });

  test('every printed page answers', async () => {
    // given the printed URLs
    const pages = ['Uppgiftslista (Tasklist)', 'Översikt (Operate)', 'Driftinformation (publik)', 'Intag för Administrationen', 'Utkorg (fångad e-post)'];
    for (const name of pages) {
      // when a browser opens it
      const res = await fetch(system!.urls[name]);
      // then it answers with a page (sign-in pages count)
      expect({ name, status: res.status }).toEqual({ name, status: 200 });
      expect(res.headers.get('content-type')).toContain('text/html');
    }
  });

  test('a report through the intake API starts a disruption on the deployed routine (R6, P1)', async () => {
    // given the intake API of the started service
    const intake = system!.urls['Intag för Administrationen'].replace(/\/intag$/, '');
    // when the desk logs a prescriber's call
    const res = await fetch(`${intake}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ reporterName: 'Test Förskrivare', reporterPhone: '040-123 45 67', productArea: 'ortopedteknik', symptom: 'Sesam svarar inte' }),
    });
    // then the report is stored and a disruption instance of driftstorning-sesam is running
    expect(res.status).toBe(201);
    const report = (await res.json()) as { disruptionId: string | null };
    expect(report.disruptionId).toMatch(/^SESAM-/);
    const rest = system!.urls['Camunda REST API v2'];
    // (the intake answers at once and hands the report to the engine in the background, issue #12)
    const found = await eventually(async () => {
      const search = await fetch(`${rest}/process-instances/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: DEMO_AUTH },
        body: JSON.stringify({ filter: { processDefinitionId: 'driftstorning-sesam', state: 'ACTIVE' } }),
      });
      const body = (await search.json()) as { items: { processInstanceKey: string }[] };
      return body.items.length > 0 ? body : undefined;
    });
    expect(found.items).toHaveLength(1);
    expect(typeof found.items[0].processInstanceKey).toBe('string');
    // and the desk's first task – created once register-disruption's worker has completed (T5) – carries its Swedish
    // name intact (deployed as UTF-8)
    const taskNames = await eventually(async () => {
      const tasks = await fetch(`${rest}/user-tasks/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: DEMO_AUTH },
        body: JSON.stringify({ filter: { processInstanceKey: found.items[0].processInstanceKey } }),
      });
      const names = ((await tasks.json()) as { items: { name: string }[] }).items.map((t) => t.name);
      return names.length > 0 ? names : undefined;
    });
    expect(taskNames).toContain('Bedöm omfattning');
  });

  test('the REST API and the clock answer 401 without credentials; with the API user the README\'s clock move (step 4) works', async () => {
    // given the printed addresses, and the banner's word on authentication and clock control
    const rest = system!.urls['Camunda REST API v2'];
    const clock = system!.urls['Övervakning (klocka)'];
    expect(system!.output()).toContain('Klockstyrning på (RUNTIME_CLOCK_CONTROL=true)');
    // when someone on the machine calls them without signing in
    const anonymousTopology = await fetch(`${rest}/topology`);
    const anonymousClock = await fetch(`${clock}/add`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMilli: 14_400_000 }) });
    // then both are refused
    expect([anonymousTopology.status, anonymousClock.status]).toEqual([401, 401]);
    // when the drill moves the clock 4 hours with the API user (README, step 4)
    const before = (await (await fetch(clock, { headers: { authorization: DEMO_AUTH } })).json()) as { epochMilli: number };
    const moved = await fetch(`${clock}/add`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: DEMO_AUTH }, body: JSON.stringify({ offsetMilli: 14_400_000 }) });
    // then the engine's clock is 4 hours ahead
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { epochMilli: number }).epochMilli - before.epochMilli).toBeGreaterThanOrEqual(14_400_000);
  });

  test('Ctrl-C stops everything cleanly', async () => {
    // when the newcomer presses Ctrl-C
    const { child, output: log } = system!;
    const code = await stopSystem(child);
    const output = log();
    system = undefined;
    // then the process ends with 0
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
  }, 60_000);
});
