/** `startLocalRuntime` (apps/runtime.ts) starts the local web next to the REST API. */
import pino from 'pino';
import { startLocalRuntime as startRuntime } from '../../../apps/runtime';
import { startLocalWeb } from '../../../runtime/web/server';

test('P12: the local runtime serves the task list and cockpit on its web port, with bundles and vendor styles', async () => {
  // given the runtime started with its web pages on an ephemeral port
  const runtime = await startRuntime({ inMemory: true, restPort: 0, monitoringPort: 0, web: true, webPort: 0, logger: pino({ level: 'silent' }) });
  try {
    expect(runtime.webAddress).toMatch(/^http:\/\/.+:\d+$/);

    // when the sign-in page, a browser bundle, the form-js styles and a signed-out cockpit are fetched
    const login = await fetch(`${runtime.webAddress}/login`);
    const bundle = await fetch(`${runtime.webAddress}/assets/task-form.js`);
    const formCss = await fetch(`${runtime.webAddress}/vendor/form-js/form-js.css`);
    const bpmnCss = await fetch(`${runtime.webAddress}/vendor/bpmn-js/bpmn-js.css`);
    const traversal = await fetch(`${runtime.webAddress}/vendor/bpmn-js/..%2F..%2Fpackage.json`);
    const objectNames = await Promise.all(['__proto__', 'constructor', 'hasOwnProperty'].map((n) => fetch(`${runtime.webAddress}/vendor/${n}/x.css`).then((r) => r.status)));
    const cockpit = await fetch(`${runtime.webAddress}/cockpit`, { redirect: 'manual' });

    // then they are served (with a strict CSP), and the cockpit sends the visitor to sign in
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('Logga in');
    expect(login.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect(formCss.status).toBe(200);
    expect(bpmnCss.status).toBe(200);
    expect(traversal.status).toBe(404);
    // names every object has are no vendor folders (they were a 500)
    expect(objectNames).toEqual([404, 404, 404]);
    expect(cockpit.status).toBe(303);
    expect(cockpit.headers.get('location')).toBe('/login?next=%2Fcockpit');
  } finally {
    await runtime.close();
  }
});

test('runtime unreachable: the pages answer 502 with a Swedish message and no stack trace', async () => {
  // given the local web pointed at a port where no runtime listens, and a signed-in desk user
  const web = await startLocalWeb({ port: 0, host: '127.0.0.1', restAddress: 'http://127.0.0.1:9', logger: pino({ level: 'silent' }) });
  try {
    const login = await fetch(`${web.url}/login`);
    const csrfCookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const token = /name="_csrf" value="([^"]+)"/.exec(await login.text())?.[1] ?? '';
    const signIn = await fetch(`${web.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, userId: 'desk', password: 'demo-desk' }).toString(),
    });
    const session = signIn.headers.getSetCookie().find((c) => c.startsWith('lw_session='))?.split(';')[0] ?? '';
    expect(session).not.toBe('');

    // when the task list is opened
    const res = await fetch(`${web.url}/tasks`, { headers: { cookie: session } });
    const body = await res.text();

    // then it says the runtime does not answer, without internals
    expect(res.status).toBe(502);
    expect(body).toContain('Körmiljön svarar inte just nu');
    expect(body).not.toMatch(/ECONNREFUSED|at .*\.ts:\d+|Error:/);
  } finally {
    await web.close();
  }
});
