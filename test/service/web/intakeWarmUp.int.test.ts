/**
 * Issue #12: before it listens, the service takes 200 reports through its own intake route while the intake rehearses
 * (every group rolled back), so that the code of a call's path is compiled before the first call of an outage. The
 * rehearsal leaves nothing behind: no report, no disruption, no used disruption number, no delivery. The service as
 * `npm run service` composes it (apps/service.ts), on a real SQLite file and a real port; the engine is unreachable
 * (nothing may reach it) and the clock is pinned.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Writable } from 'node:stream';
import type { DestinationStream } from 'pino';
import { startService, type RunningService } from '../../../apps/service';
import { createLogger } from '../../../lib/logging/logger';
import { freePort } from '../../support/freePort';

const NOW = new Date('2026-11-25T09:00:00+01:00');
const TOKEN = 'warm-up-test-token-0123456789';

let dir: string;
let service: RunningService;
const lines: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'warmup-'));
  const destination = new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) as unknown as DestinationStream;
  service = await startService({
    env: {
      ZEEBE_REST_ADDRESS: `http://127.0.0.1:${await freePort()}`,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      SERVICE_PORT: '0',
      SMTP_CAPTURE_PORT: '0',
      SERVICE_DB_FILE: path.join(dir, 'service.sqlite'),
      INTAKE_API_TOKEN: TOKEN,
    },
    workers: false,
    logger: createLogger({ level: 'info', destination }),
    now: () => NOW,
  });
});
afterAll(async () => {
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

function count(table: string): number {
  const db = new Database(path.join(dir, 'service.sqlite'), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

test('the rehearsal answered 200 reports through the route and stored none of them', () => {
  // then the start logged the warm-up
  const warmed = lines.map((l) => JSON.parse(l) as { msg: string; answered?: number }).find((l) => l.msg === 'intake warmed up');
  expect(warmed?.answered).toBe(200);
  // and the store is as empty as before it
  expect(count('intake_reports')).toBe(0);
  expect(count('intake_disruptions')).toBe(0);
});

test('P1: the first real call after the start is stored and allocates disruption number 1 of the day', async () => {
  // when a desk system reports a call
  const res = await fetch(`${service.url}/api/reports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'phone', reporterName: 'Förskrivare', reporterEmail: 'forskrivare@vard.example' }),
  });
  // then
  expect(res.status).toBe(201);
  expect(((await res.json()) as { disruptionId: string }).disruptionId).toBe('SESAM-20261125-1');
  expect(count('intake_reports')).toBe(1);
});
