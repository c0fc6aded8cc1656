import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openServiceDb } from '../../../service/db';
import { SqliteNoticeStore, SqliteSubscriberStore, NoticeStoreError } from '../../../service/notices';

describe('notice and subscriber stores (SQLite file)', () => {
  let dir: string;
  let db: Database.Database;
  let notices: SqliteNoticeStore;
  let subscribers: SqliteSubscriberStore;
  let clock: Date;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stores-'));
    db = openServiceDb(join(dir, 'service.sqlite'));
    clock = new Date('2026-11-25T08:00:00Z');
    notices = new SqliteNoticeStore(db, { publicBaseUrl: 'https://driftinfo.example/', now: () => clock });
    subscribers = new SqliteSubscriberStore(db, { publicBaseUrl: 'https://driftinfo.example', now: () => clock });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const draft = {
    disruptionId: 'SESAM-20261125-1',
    kind: 'disruption' as const,
    state: 'investigating' as const,
    title: 'Sesam går inte att nå',
    body: 'Vi undersöker felet.',
    approvedBy: 'systemagare',
    approvedAt: '2026-11-25T07:59:00Z',
  };

  test('P3: a second approved publication of the same disruption and kind is update 2 of the same notice', () => {
    // given
    const first = notices.publish(draft);
    clock = new Date('2026-11-25T09:00:00Z');
    // when
    const second = notices.publish({ ...draft, state: 'identified', body: 'Felet är identifierat.', approvedAt: '2026-11-25T08:59:00Z' });
    // then
    expect(first).toEqual({ noticeId: 'SESAM-20261125-1', updateNumber: 1, url: 'https://driftinfo.example/driftinfo/meddelande/SESAM-20261125-1', created: true });
    expect(second).toMatchObject({ noticeId: 'SESAM-20261125-1', updateNumber: 2, created: true });
    const notice = notices.get('SESAM-20261125-1');
    expect(notice).toMatchObject({ state: 'identified', updateNumber: 2, publishedAt: '2026-11-25T08:00:00.000Z', updatedAt: '2026-11-25T09:00:00.000Z' });
    expect(notice?.updates.map((u) => u.updateNumber)).toEqual([2, 1]);
    expect(notice?.links.length).toBe(3);
  });

  test('P3: publishing the same approval again (retried job) returns the stored update and stores nothing new', () => {
    // given
    const first = notices.publish({ ...draft, idempotencyKey: 'element-1' });
    // when
    const retried = notices.publish({ ...draft, idempotencyKey: 'element-1' });
    const sameContent = notices.publish(draft);
    const sameContentAgain = notices.publish(draft);
    // then
    expect(retried).toEqual({ ...first, created: false });
    expect(sameContent.updateNumber).toBe(2);
    expect(sameContentAgain).toEqual({ ...sameContent, created: false });
    expect(notices.get(first.noticeId)?.updates).toHaveLength(2);
  });

  test('R17 R21: a backup-routine notice is current until it or its disruption is resolved', () => {
    // given
    notices.publish(draft);
    notices.publish({ ...draft, kind: 'backup-routine', state: 'identified', title: 'Reservrutin gäller', body: 'Skicka pappersremiss.' });
    // when
    const active = notices.activeBackupRoutine();
    notices.publish({ ...draft, state: 'resolved', title: 'Sesam fungerar igen', body: 'Åtgärdat.' });
    // then
    expect(active?.id).toBe('SESAM-20261125-1-backup-routine');
    expect(active?.links[0].title).toBe('Reservrutin Ortopedtekniska tjänster');
    expect(notices.activeBackupRoutine()).toBeUndefined();
    expect(notices.current()).toHaveLength(0);
    expect(notices.list()).toHaveLength(2);
  });

  test('P9: drill notices are kept apart from the public list', () => {
    // given
    notices.publish({ ...draft, disruptionId: 'OVNING-20261125-1', drill: true });
    // when
    const publicList = notices.list();
    const drills = notices.list({ onlyDrill: true });
    // then
    expect(publicList).toHaveLength(0);
    expect(drills.map((n) => n.drill)).toEqual([true]);
  });

  test('R3: a notice without approver is refused', () => {
    // given
    const unapproved = { ...draft, approvedBy: '' };
    // when
    const publish = () => notices.publish(unapproved);
    // then
    expect(publish).toThrow(NoticeStoreError);
    expect(notices.list()).toHaveLength(0);
  });

  test('R4: subscription needs confirmation (double opt-in) and ends with one click', () => {
    // given
    const { confirmToken, subscriber } = subscribers.subscribe(' Anna.Svensson@Example.se ');
    expect(subscribers.confirmed()).toHaveLength(0);
    // when
    const confirmed = subscribers.confirm(confirmToken!);
    // then
    expect(confirmed).toMatchObject({ email: 'anna.svensson@example.se', confirmed: true });
    expect(subscribers.confirmed().map((s) => s.id)).toEqual([subscriber.id]);
    expect(subscribers.confirm(confirmToken!)).toBeUndefined();
    const again = subscribers.subscribe('anna.svensson@example.se');
    expect(again.alreadyConfirmed).toBe(true);
    expect(again.confirmToken).toBeUndefined();
    const headers = subscribers.unsubscribeHeaders(confirmed!);
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(headers['List-Unsubscribe']).toBe(`<https://driftinfo.example/driftinfo/prenumeration/avsluta/${confirmed!.unsubscribeToken}>`);
    expect(subscribers.unsubscribe(confirmed!.unsubscribeToken)).toBe(true);
    expect(subscribers.confirmed()).toHaveLength(0);
  });

  test('R4: an expired confirmation link does not confirm', () => {
    // given
    const { confirmToken } = subscribers.subscribe('b@example.se');
    // when
    clock = new Date('2026-12-05T08:00:00Z');
    // then
    expect(subscribers.confirm(confirmToken!)).toBeUndefined();
    expect(subscribers.confirmed()).toHaveLength(0);
  });
});
