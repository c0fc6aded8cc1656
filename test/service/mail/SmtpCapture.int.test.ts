import nodemailer from 'nodemailer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openServiceDb } from '../../../service/db';
import { SmtpCapture } from '../../../service/mail/SmtpCapture';

describe('local SMTP capture (P9, P12: nothing leaves the machine)', () => {
  test('P9, P12: stores every received mail, parsed, in captured_mail and lists them newest first', async () => {
    // given
    const dir = mkdtempSync(join(tmpdir(), 'capture-'));
    const db = openServiceDb(join(dir, 'service.sqlite'));
    const capture = new SmtpCapture(db);
    const port = await capture.start(0);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    try {
      // when
      await transport.sendMail({ from: 'a@x.example', to: 'b@y.example', subject: 'Första', text: 'ett', html: '<p>ett</p>' });
      await transport.sendMail({ from: 'a@x.example', to: ['c@y.example', 'd@y.example'], subject: '[ÖVNING] Andra', text: 'två', headers: { 'X-Drill': 'true' } });
      // then
      const mails = capture.list();
      expect(mails.map((m) => m.subject)).toEqual(['[ÖVNING] Andra', 'Första']);
      expect(mails[0]).toMatchObject({ to: ['c@y.example', 'd@y.example'], text: 'två\n', drill: true, from: 'a@x.example' });
      expect(mails[1]).toMatchObject({ to: ['b@y.example'], html: '<p>ett</p>', drill: false });
      // and another process reading the same file sees them (WAL)
      const reader = openServiceDb(join(dir, 'service.sqlite'));
      expect((reader.prepare('SELECT count(*) AS n FROM captured_mail').get() as { n: number }).n).toBe(2);
      reader.close();
    } finally {
      transport.close();
      await capture.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
