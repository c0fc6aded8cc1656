import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { DestinationStream } from 'pino';
import { loadConfig } from '../../service/config';
import { openServiceDb } from '../../service/db';
import { createLogger } from '../../lib/logging/logger';
import { startWorkers } from '../../workers';

describe('SDK logs in the service log (P12: one log to read when the engine is unreachable)', () => {
  test('P12: a failing job poll is logged as JSON through pino by component camunda-sdk', async () => {
    // given an "engine" that answers every poll with 500 (stands in for an unreachable cluster)
    const engine = createServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'INTERNAL', status: 500, detail: 'broker down', instance: '/v2/jobs/activation' }));
    });
    await new Promise<void>((r) => engine.listen(0, '127.0.0.1', () => r()));
    const dir = mkdtempSync(join(tmpdir(), 'sdklog-'));
    const lines: string[] = [];
    const destination = new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) as unknown as DestinationStream;
    const config = loadConfig({ ZEEBE_REST_ADDRESS: `http://127.0.0.1:${(engine.address() as AddressInfo).port}`, SERVICE_DB_FILE: join(dir, 's.sqlite'), SMTP_CAPTURE_PORT: '1' });
    const db = openServiceDb(config.db.file);
    // when
    const workers = await startWorkers({ config, db, logger: createLogger({ level: 'debug', destination }) });
    try {
      // then
      const deadline = Date.now() + 15_000;
      while (!lines.some((l) => l.includes('"component":"camunda-sdk"') && l.includes('"level":50')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const sdkError = lines.find((l) => l.includes('"component":"camunda-sdk"') && l.includes('"level":50'));
      expect(sdkError).toBeDefined();
      expect(() => JSON.parse(sdkError!)).not.toThrow();
    } finally {
      await workers.close();
      await new Promise<void>((r) => engine.close(() => r()));
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('issue #12: the engine refusing connections is logged as its code and message, without the SDK\'s stack trace', async () => {
    // given a port nobody listens on (the engine stopped)
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const dir = mkdtempSync(join(tmpdir(), 'sdklog-'));
    const lines: string[] = [];
    const destination = new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) as unknown as DestinationStream;
    const config = loadConfig({ ZEEBE_REST_ADDRESS: `http://127.0.0.1:${port}`, SERVICE_DB_FILE: join(dir, 's.sqlite'), SMTP_CAPTURE_PORT: '1' });
    const db = openServiceDb(config.db.file);
    // when the workers poll
    const workers = await startWorkers({ config, db, logger: createLogger({ level: 'debug', destination }) });
    try {
      const refused = () => lines.filter((l) => l.includes('"component":"camunda-sdk"') && l.includes('ECONNREFUSED'));
      const deadline = Date.now() + 15_000;
      while (refused().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      // then every such line names the code and no stack
      expect(refused().length).toBeGreaterThan(0);
      for (const line of refused()) {
        const entry = JSON.parse(line) as { err?: { code?: string; stack?: string } };
        expect(entry.err?.code).toBe('ECONNREFUSED');
        expect(entry.err?.stack ?? '').toBe('');
      }
    } finally {
      await workers.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
