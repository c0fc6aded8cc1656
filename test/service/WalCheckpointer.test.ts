/**
 * Issue #12: the service copies SQLite's write-ahead log into the database file itself, when the intake is quiet, so
 * that no call's commit carries a checkpoint (and its fsync). A real SQLite file; the gate and the timers are moved by
 * the test (jest's fake timers).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openServiceDb, type ServiceDb } from '../../service/db';
import { WalCheckpointer } from '../../service/WalCheckpointer';
import { ForegroundGate } from '../../lib/concurrency/ForegroundGate';

let dir: string;
let file: string;
let db: ServiceDb;
beforeEach(() => {
  jest.useFakeTimers({ now: new Date('2026-11-25T09:00:00+01:00') });
  dir = mkdtempSync(path.join(tmpdir(), 'wal-'));
  file = path.join(dir, 'service.sqlite');
  db = openServiceDb(file);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
});
afterEach(() => {
  jest.useRealTimers();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** 200 commits of 2 KB each: about a megabyte in the WAL. */
function write(): void {
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  for (let i = 0; i < 200; i++) insert.run('x'.repeat(2_000));
}
const walPages = () => (db.pragma('wal_checkpoint(NOOP)') as { log: number }[])[0]?.log ?? Number.NaN;
const fileSize = () => statSync(file).size;

test('SQLite no longer checkpoints inside a commit at 1,000 pages: only the safety net at 10,000', () => {
  // given
  const checkpointer = new WalCheckpointer(db, new ForegroundGate({ quietMs: 25, maxWaitMs: 2_000 }), pino({ level: 'silent' }));
  // when
  checkpointer.start();
  // then
  expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
  checkpointer.stop();
});

test('the WAL goes into the database file once the intake is quiet, not while a call is answered', async () => {
  // given a started checkpointer, a call being answered and a megabyte of commits in the WAL
  const gate = new ForegroundGate({ quietMs: 25, maxWaitMs: 2_000 });
  const checkpointer = new WalCheckpointer(db, gate, pino({ level: 'silent' }));
  checkpointer.start();
  gate.enter();
  write();
  const before = fileSize();
  expect(walPages()).toBeGreaterThan(200);
  // when a second passes with the call still being answered
  await jest.advanceTimersByTimeAsync(1_100);
  // then nothing was copied yet
  expect(checkpointer.checkpoints).toBe(0);
  expect(fileSize()).toBe(before);
  // when the call is answered and the intake is quiet
  gate.leave();
  await jest.advanceTimersByTimeAsync(50);
  // then the pages are in the database file
  expect(checkpointer.checkpoints).toBe(1);
  expect(fileSize()).toBeGreaterThan(before + 300_000);
  checkpointer.stop();
});

test('a storm longer than the gate\'s longest wait still gets its checkpoint (at most 2 s late)', async () => {
  // given calls answered without a pause
  const gate = new ForegroundGate({ quietMs: 25, maxWaitMs: 2_000 });
  const checkpointer = new WalCheckpointer(db, gate, pino({ level: 'silent' }));
  checkpointer.start();
  gate.enter();
  write();
  // when the interval and the gate's longest wait pass
  await jest.advanceTimersByTimeAsync(1_000 + 2_050);
  // then
  expect(checkpointer.checkpoints).toBe(1);
  checkpointer.stop();
  gate.releaseAll();
});
