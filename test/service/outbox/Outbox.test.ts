/**
 * Issue #10: "kill -9 during a fan-out: 5 mails sent twice". The outbox marks a mail *handed over* the moment its data is
 * complete (before the SMTP end of data) and done when the server answered; after a crash a mail that was never handed
 * over is sent again freely, one that was is *in doubt*: looked up in the local capture (found → not sent again), or –
 * with a real SMTP server, which cannot be asked – sent once more with the same Message-ID, never a third time.
 *
 * A crash is played deterministically: the SMTP server stores a mail and holds its answer; the "process" (its own SQLite
 * connection, outbox and mailer) is then abandoned without writing another byte, as kill -9 would leave it, and a new one
 * opens the same file after the lease. Real SMTP (smtp-server), real SQLite files; kill -9 itself is in test/fault.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openServiceDb, type ServiceDb } from '../../../service/db';
import { MailDeliveryError } from '../../../service/errors/MailDeliveryError';
import { Mailer, type SentMail } from '../../../service/mail/Mailer';
import { Outbox } from '../../../service/outbox/Outbox';
import { ScriptedSmtpServer } from '../../support/ScriptedSmtpServer';

const T0 = new Date('2026-11-25T09:00:00+01:00').getTime();
const LEASE_MS = 60_000;
const PARTS = { disruptionId: 'SESAM-20261125-1', purpose: 'notice-update', recipient: 'nils@skane.example', update: 'SESAM-20261125-1-disruption#1' };
const silent = pino({ level: 'silent' });

let dir: string;
let smtp: ScriptedSmtpServer;
const processes: Array<{ db: ServiceDb; mailer: Mailer }> = [];

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'outbox-'));
  smtp = new ScriptedSmtpServer();
  await smtp.start(0);
});
afterEach(async () => {
  for (const p of processes.splice(0)) {
    p.mailer.close();
    if (p.db.open) p.db.close();
  }
  await smtp.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** One "service process": its own connection to the file, outbox and mailer; `viaCapture`: SMTP is this process's capture. */
function serviceProcess(at: number, viaCapture: boolean) {
  const db = openServiceDb(path.join(dir, 'service.sqlite'));
  const mailer = new Mailer(
    {
      smtpUrl: smtp.url,
      captureUrl: viaCapture ? smtp.url : 'smtp://127.0.0.1:9',
      from: 'Driftinformation Sesam <driftinformation-sesam@region-skane.example>',
      connectionTimeoutMs: 2_000,
      ...(viaCapture ? { captureLedger: (id: string) => smtp.has(id) } : {}),
    },
    silent,
  );
  processes.push({ db, mailer });
  const outbox = new Outbox(db, { leaseMs: LEASE_MS, now: () => new Date(at) });
  const send = () =>
    outbox.once('mail', PARTS, (key, attempt) => mailer.send({ subject: 'Driftinformation', text: 'Sesam går inte att nå.', html: '<p>Sesam går inte att nå.</p>', to: [PARTS.recipient], outboxKey: key, drill: false }, attempt));
  /** kill -9: nothing this process still has in hand is written any more. */
  const kill = () => {
    db.close();
    mailer.close();
  };
  return { outbox, send, kill };
}

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

function entry(at = T0) {
  const db = openServiceDb(path.join(dir, 'service.sqlite'));
  try {
    return new Outbox(db, { now: () => new Date(at) }).list()[0];
  } finally {
    db.close();
  }
}

test('issue #10: the local capture stored the mail, the process died before the answer – after the restart it is found, not sent again', async () => {
  // given the capture stores the first mail and holds its answer, and the process dies meanwhile
  smtp.behaviour = (n) => (n === 0 ? 'store-and-hold' : 'accept');
  const first = serviceProcess(T0, true);
  void first.send().catch(() => undefined);
  await until('the mail stored and marked handed over', () => smtp.stored.length === 1 && entry()?.handedAt !== null);
  first.kill();
  // when the service is back after the lease and the job comes again
  const second = serviceProcess(T0 + LEASE_MS, true);
  const { result, duplicate } = await second.send();
  // then the mail is found in the capture and not sent again: one copy
  expect(duplicate).toBe(false);
  expect((result as SentMail).settled).toBe('found-in-capture');
  expect([...smtp.copies().values()]).toEqual([1]);
  expect(entry(T0 + LEASE_MS)).toMatchObject({ status: 'done', inDoubt: 1 });
});

test('issue #10: with a real SMTP server a mail in doubt goes out once more with the same Message-ID, never a third time', async () => {
  // given a real relay that stores and holds the answer twice, while the process dies twice
  smtp.behaviour = () => 'store-and-hold';
  const first = serviceProcess(T0, false);
  void first.send().catch(() => undefined);
  await until('the first copy stored', () => smtp.stored.length === 1 && entry()?.handedAt !== null);
  first.kill();
  const second = serviceProcess(T0 + LEASE_MS, false);
  void second.send().catch(() => undefined);
  await until('the second copy stored', () => smtp.stored.length === 2 && entry(T0 + LEASE_MS)?.handedAt !== null);
  second.kill();
  // when it is back once more
  smtp.behaviour = () => 'accept';
  const third = serviceProcess(T0 + 2 * LEASE_MS, false);
  const { result } = await third.send();
  // then there are two copies with one Message-ID – the stated guarantee – and no third
  expect((result as SentMail).settled).toBe('sent-twice');
  expect([...smtp.copies().values()]).toEqual([2]);
  expect(entry(T0 + 2 * LEASE_MS)).toMatchObject({ status: 'done', inDoubt: 2 });
});

test('issue #10: a mail never handed over (the process died at RCPT TO) cannot have been accepted and is simply sent', async () => {
  // given the relay never answers RCPT TO, and the process dies
  smtp.behaviour = (n) => (n === 0 ? 'hold-recipient' : 'accept');
  const first = serviceProcess(T0, false);
  void first.send().catch(() => undefined);
  await until('the entry claimed', () => entry()?.status === 'in-flight');
  await new Promise((r) => setTimeout(r, 100));
  expect(entry().handedAt).toBeNull();
  first.kill();
  // when it is back after the lease
  const second = serviceProcess(T0 + LEASE_MS, false);
  const { result } = await second.send();
  // then it is sent without doubt, once
  expect((result as SentMail).settled).toBeUndefined();
  expect([...smtp.copies().values()]).toEqual([1]);
  expect(entry(T0 + LEASE_MS)).toMatchObject({ status: 'done', inDoubt: 0 });
});

test('issue #10: a connection dropped after the data leaves the mail in doubt; a refusal (550) does not', async () => {
  // given a relay that stores the mail and drops the connection, then one that refuses with 550
  smtp.behaviour = (n) => (n === 0 ? 'store-and-drop' : n === 1 ? 'refuse' : 'accept');
  const p = serviceProcess(T0, true);
  // when the first attempt fails
  const dropped = await p.send().catch((err: unknown) => err);
  // then the error says the server may have it, and the entry is failed but in doubt
  expect(dropped).toBeInstanceOf(MailDeliveryError);
  expect((dropped as MailDeliveryError).possiblyAccepted).toBe(true);
  expect(entry()).toMatchObject({ status: 'failed' });
  expect(entry().handedAt).not.toBeNull();
  // when retried (the job's retry), it is found in the capture: no second copy
  const retried = await p.send();
  expect((retried.result as SentMail).settled).toBe('found-in-capture');
  expect([...smtp.copies().values()]).toEqual([1]);

  // given another mail refused with 550 after its data
  const refusedParts = { ...PARTS, recipient: 'eva@skane.example' };
  const db = openServiceDb(path.join(dir, 'service.sqlite'));
  const mailer = new Mailer({ smtpUrl: smtp.url, captureUrl: 'smtp://127.0.0.1:9', from: 'Driftinformation Sesam <d@region-skane.example>' }, silent);
  processes.push({ db, mailer });
  const outbox = new Outbox(db, { leaseMs: LEASE_MS, now: () => new Date(T0) });
  const sendRefused = () => outbox.once('mail', refusedParts, (key, attempt) => mailer.send({ subject: 'x', text: 'x', html: 'x', to: [refusedParts.recipient], outboxKey: key, drill: false }, attempt));
  const refused = await sendRefused().catch((err: unknown) => err);
  expect((refused as MailDeliveryError).possiblyAccepted).toBe(false);
  // then its retry is an ordinary send (no doubt), and it is stored once
  await sendRefused();
  expect(outbox.list().find((e) => e.key.includes('eva@'))).toMatchObject({ status: 'done', inDoubt: 0 });
  expect(smtp.stored.filter((m) => m.to.includes('eva@skane.example'))).toHaveLength(1);
});
