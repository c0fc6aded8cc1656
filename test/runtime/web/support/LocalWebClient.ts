/**
 * A signed-in user of the local web over plain HTTP (no browser): the sign-in form's double-submit token, the session
 * cookie and the session's CSRF token, as the pages carry them.
 */
export class LocalWebClient {
  private constructor(
    readonly baseUrl: string,
    readonly cookie: string,
    readonly csrf: string,
  ) {}

  static async signIn(baseUrl: string, user: { id: string; password: string }): Promise<LocalWebClient> {
    const form = await fetch(`${baseUrl}/login`);
    const loginCookie = (form.headers.getSetCookie().find((c) => c.startsWith('lw_login_csrf=')) ?? '').split(';')[0];
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const res = await fetch(`${baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, userId: user.id, password: user.password }).toString(),
    });
    if (res.status !== 303) throw new Error(`sign-in as ${user.id} answered ${res.status}`);
    const cookie = (res.headers.getSetCookie().find((c) => c.startsWith('lw_session=')) ?? '').split(';')[0];
    const page = await (await fetch(`${baseUrl}/tasks`, { headers: { cookie } })).text();
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    return new LocalWebClient(baseUrl, cookie, csrf);
  }

  /** A request with the session (and, unless `csrf: false`, its CSRF header). */
  request(path: string, init: { method?: string; json?: unknown; body?: string; contentType?: string; csrf?: boolean; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookie, accept: 'application/json', ...(init.headers ?? {}) };
    if (init.csrf !== false) headers['x-csrf-token'] = this.csrf;
    let body: string | undefined = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] = 'application/json';
    } else if (init.contentType) headers['content-type'] = init.contentType;
    return fetch(`${this.baseUrl}${path}`, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
  }
}
