import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Incident {
  sys_id: string;
  number: string;
  correlation_id: string;
  short_description: string;
  description: string;
  [k: string]: string;
}

/**
 * Stands in for the region's ITSM (a ServiceNow-style Table API), which cannot run here:
 * `POST /api/now/table/incident` creates, `GET /api/now/table/incident?sysparm_query=correlation_id=…` queries.
 * Checks the Authorization header; `down` answers 503.
 */
export class FakeServiceNow {
  readonly incidents: Incident[] = [];
  readonly requests: Array<{ method: string; url: string; authorization?: string }> = [];
  down = false;
  private server: Server | undefined;
  url = '';

  constructor(private readonly expectedAuthorization: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const s = this.server;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    this.requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    if (this.down) return { status: 503, body: { error: { message: 'Service Unavailable' } } };
    if (req.headers.authorization !== this.expectedAuthorization) return { status: 401, body: { error: { message: 'User Not Authenticated' } } };
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/api/now/table/incident') return { status: 404, body: { error: { message: 'No such table' } } };
    if (req.method === 'GET') {
      const q = url.searchParams.get('sysparm_query') ?? '';
      const m = /^correlation_id=(.*)$/.exec(q);
      const found = m ? this.incidents.filter((i) => i.correlation_id === m[1]) : this.incidents;
      const limit = Number(url.searchParams.get('sysparm_limit') ?? '10000');
      return { status: 200, body: { result: found.slice(0, limit).map((i) => ({ sys_id: i.sys_id, number: i.number })) } };
    }
    if (req.method === 'POST') {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>;
      const incident = { ...body, sys_id: `sys${this.incidents.length + 1}`, number: `INC00${10001 + this.incidents.length}` } as Incident;
      this.incidents.push(incident);
      return { status: 201, body: { result: incident } };
    }
    return { status: 405, body: { error: { message: 'Method not allowed' } } };
  }
}
