import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Handler = (body: Record<string, unknown>) => { status: number; body: unknown };

/** A stand-in for the engine's REST API v2: answers the routes a test gives, 404 problem JSON for the rest. */
export class EngineStub {
  readonly requests: { method: string; path: string; body: Record<string, unknown> }[] = [];
  private server?: Server;

  constructor(private readonly routes: Record<string, Handler>) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const path = (req.url ?? '').split('?')[0];
    this.requests.push({ method: req.method ?? '', path, body });
    const handler = this.routes[`${req.method} ${path}`];
    const answer = handler ? handler(body) : problem(404, 'NOT_FOUND', `no route ${req.method} ${path}`);
    res.writeHead(answer.status, { 'content-type': answer.status >= 400 ? 'application/problem+json' : 'application/json' });
    res.end(JSON.stringify(answer.body));
  }
}

/** An RFC 7807 answer as Camunda sends it. */
export function problem(status: number, title: string, detail: string): { status: number; body: unknown } {
  return { status, body: { type: 'about:blank', title, status, detail, instance: '/v2' } };
}
