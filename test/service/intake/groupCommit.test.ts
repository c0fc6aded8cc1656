/**
 * Issue #12, P1: the reports that arrive in one turn of the event loop are stored in one SQLite transaction
 * (`IntakeService.submitGrouped`): one commit for a storm's simultaneous calls. Within a group the first report
 * allocates the disruption and the others attach to it; a group the store refuses is refused whole (nothing stored,
 * every caller told). Real SQLite files; the engine is a recorder at its network edge (nothing is delivered here).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { openServiceDb, type ServiceDb } from '../../../service/db';
import { DisruptionRegistry } from '../../../service/intake/DisruptionRegistry';
import { IntakeService } from '../../../service/intake/IntakeService';
import { intakeInputSchema } from '../../../service/intake/intakeSchemas';
import { ReportStore } from '../../../service/intake/ReportStore';
import { SendRecorder } from './support/SendRecorder';

const T0 = new Date('2026-11-25T09:00:00+01:00');

let dir: string;
let file: string;
let db: ServiceDb;
let store: ReportStore;
let service: IntakeService;
let engine: SendRecorder;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'group-'));
  file = path.join(dir, 'service.sqlite');
  db = openServiceDb(file);
  db.pragma('busy_timeout = 50');
  store = new ReportStore(db);
  service = new IntakeService(db, store, new DisruptionRegistry(db), (engine = new SendRecorder()), pino({ level: 'silent' }), { retryIntervalMs: 100, now: () => T0 });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (i: number, deskOnly = false) => intakeInputSchema.parse({ channel: 'phone', deskOnly, reporterName: `Förskrivare ${i}`, reporterEmail: `f${i}@vard.example` });

test('P1: twenty simultaneous calls are one group – one disruption, every report assigned to it, stored before they are answered', async () => {
  // given an intake with no disruption yet
  // when twenty calls arrive in the same turn of the event loop
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => service.submitGrouped(call(i), 'api')));
  // then they were committed as one group, the first allocated the disruption and the others attached to it
  expect(new Set(results.map((r) => r.group)).size).toBe(1);
  expect(new Set(results.map((r) => r.stored.disruptionId))).toEqual(new Set(['SESAM-20261125-1']));
  // and each answer is what the store holds (read back from another connection to the same file)
  const other = new Database(file, { readonly: true });
  try {
    const rows = other.prepare(`SELECT report_id, disruption_id, status FROM intake_reports ORDER BY rowid`).all() as { report_id: string; disruption_id: string; status: string }[];
    expect(rows.map((r) => [r.report_id, r.disruption_id, r.status])).toEqual(results.map((r) => [r.stored.report.reportId, 'SESAM-20261125-1', 'pending']));
  } finally {
    other.close();
  }
  for (const r of results) expect(store.get(r.stored.report.reportId)).toEqual(r.stored);
  // and nothing reached the engine (the delivery is not started here)
  expect(engine.sent).toEqual([]);
});

test('P1, T4: in one group an ordinary call does not fit the desk-only disruption – it allocates its own, the desk-only call joins', async () => {
  // given a desk-only disruption assessed earlier (scope read from the engine)
  const first = service.submit(call(0, true), 'api');
  new DisruptionRegistry(db).recordScope(first.stored.disruptionId!, 'desk-only');
  // when an ordinary call and a desk-only call arrive together
  const [ordinary, deskOnly] = await Promise.all([service.submitGrouped(call(1), 'api'), service.submitGrouped(call(2, true), 'api')]);
  // then the ordinary call allocates a new disruption, the desk-only one joins the desk-only disruption
  expect(ordinary.group).toBe(deskOnly.group);
  expect(deskOnly.stored.disruptionId).toBe(first.stored.disruptionId);
  expect(ordinary.stored.disruptionId).toBe('SESAM-20261125-2');
});

test('groups follow the event loop: calls in later turns are later groups, each committed on its own', async () => {
  // when calls come in three turns
  const a = await Promise.all([service.submitGrouped(call(1), 'api'), service.submitGrouped(call(2), 'api')]);
  const b = await service.submitGrouped(call(3), 'api');
  const c = await Promise.all([service.submitGrouped(call(4), 'api'), service.submitGrouped(call(5), 'api'), service.submitGrouped(call(6), 'api')]);
  // then three groups, all on the one disruption
  expect([...a, b, ...c].map((r) => r.group)).toEqual([1, 1, 2, 3, 3, 3]);
  expect(new Set([...a, b, ...c].map((r) => r.stored.disruptionId)).size).toBe(1);
  expect(store.pendingCount()).toBe(6);
});

test('a group the store refuses (the file locked by another writer) is refused whole: nothing stored, every caller told', async () => {
  // given another process's connection holding the write lock
  const other = new Database(file);
  other.exec('BEGIN IMMEDIATE');
  try {
    // when three calls arrive together
    const outcomes = await Promise.allSettled([1, 2, 3].map((i) => service.submitGrouped(call(i), 'api')));
    // then each is refused with SQLite's busy error and nothing was stored
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(outcomes.map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(['SQLITE_BUSY', 'SQLITE_BUSY', 'SQLITE_BUSY']);
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  expect(store.pendingCount()).toBe(0);
  // and the next call is stored as usual
  expect((await service.submitGrouped(call(4), 'api')).stored.disruptionId).toBe('SESAM-20261125-1');
});
