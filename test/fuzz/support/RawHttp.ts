import { connect } from 'node:net';

/** One request as the fuzzer sends it: raw enough for header tricks (duplicates, odd names, bad bytes). */
export interface FuzzRequest {
  method: string;
  /** Path and query as written on the request line (may hold anything the fuzzer chose). */
  target: string;
  /** Header lines in order; duplicates allowed. */
  headers: Array<[name: string, value: string]>;
  body?: Buffer;
  /** The loopback address to send from (127.0.0.0/8): throttles key on the client's address. */
  from?: string;
  /** Which route of the catalogue it was made for (for the report). */
  route: string;
}

export interface RawResponse {
  /** 0 when the server answered nothing parseable before closing. */
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  ms: number;
  /** The socket failed (reset, refused, timeout). */
  error?: string;
}

function decodeChunked(data: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(out);
}

/** Parse one HTTP/1.1 response (the server closes the connection after it: `Connection: close`). */
export function parseResponse(data: Buffer): Omit<RawResponse, 'ms'> {
  // Interim answers (100 Continue to `Expect: 100-continue`) come first: the final one follows.
  while (/^HTTP\/1\.[01] 1\d\d /.test(data.subarray(0, 16).toString('latin1')) && data.indexOf('\r\n\r\n') >= 0) data = data.subarray(data.indexOf('\r\n\r\n') + 4);
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return { status: 0, headers: {}, body: data };
  const head = data.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0])?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = data.subarray(end + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = decodeChunked(body);
  else if (headers['content-length'] !== undefined) body = body.subarray(0, Number(headers['content-length']));
  return { status, headers, body };
}

/** The bytes of a request as written on the wire (`Connection: close` added; `Host` and `Content-Length` unless given). */
export function requestBytes(req: FuzzRequest, host: string): Buffer {
  const names = new Set(req.headers.map(([n]) => n.toLowerCase()));
  const lines = [`${req.method} ${req.target} HTTP/1.1`];
  if (!names.has('host')) lines.push(`Host: ${host}`);
  for (const [name, value] of req.headers) lines.push(`${name}: ${value}`);
  if (req.body && !names.has('content-length') && !names.has('transfer-encoding')) lines.push(`Content-Length: ${req.body.length}`);
  lines.push('Connection: close');
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), req.body ?? Buffer.alloc(0)]);
}

/** Send `req` to `baseUrl` over a fresh TCP connection and read the answer (at most `timeoutMs`). */
export function sendRaw(baseUrl: string, req: FuzzRequest, timeoutMs = 10_000): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const parsed = parseResponse(Buffer.concat(chunks));
      resolve({ ...parsed, ms: elapsed(), ...(error && parsed.status === 0 ? { error } : {}) });
    };
    const socket = connect({ host: url.hostname, port: Number(url.port), ...(req.from ? { localAddress: req.from } : {}) });
    const timer = setTimeout(() => finish(`no complete answer within ${timeoutMs} ms`), timeoutMs);
    // Written, not ended: a half-closed socket would end the server's side before a slow handler answers; the server
    // closes the connection after its answer (`Connection: close`).
    socket.on('connect', () => socket.write(requestBytes(req, url.host)));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', (err: NodeJS.ErrnoException) => finish(err.code ?? err.message));
  });
}

/** A readable one-line form of a request, for reports (bodies cut, bytes shown as JSON strings). */
export function describeRequest(req: FuzzRequest): string {
  const body = req.body ? JSON.stringify(req.body.subarray(0, 300).toString('utf8')) + (req.body.length > 300 ? `… (${req.body.length} bytes)` : '') : '';
  const headers = req.headers.map(([n, v]) => `${n}: ${v.length > 120 ? `${v.slice(0, 120)}…(${v.length})` : v}`).join(' | ');
  return `[${req.route}] ${req.method} ${req.target.length > 300 ? `${req.target.slice(0, 300)}…(${req.target.length})` : req.target}${req.from ? ` from ${req.from}` : ''}\n    headers: ${headers || '–'}\n    body: ${body || '–'}`;
}
