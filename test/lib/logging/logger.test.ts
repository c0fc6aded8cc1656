import { Writable } from 'node:stream';
import type { DestinationStream } from 'pino';
import { createLogger, maskPersonalData } from '../../../lib/logging/logger';

function capture(): { lines: string[]; destination: DestinationStream } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  }) as unknown as DestinationStream;
  return { lines, destination };
}

describe('logger: no personal data in logs', () => {
  test('redacts report personal fields, names, addresses and phone numbers; keeps job fields', () => {
    // given
    const { lines, destination } = capture();
    const log = createLogger({ destination }).child({ jobKey: '2251799813685249', jobType: 'notify-role', processInstanceKey: '2251799813685001' });
    // when
    log.info(
      {
        report: { reporterName: 'Karin Lind', reporterEmail: 'karin@vard.example', reporterPhone: '070-123 45 67', unit: 'Rehab Lund' },
        to: ['per@vard.example'],
        note: 'ring Karin på 0701234567 eller karin@vard.example',
        service: 'Servicedesk 30 000',
      },
      'mail to per@vard.example sent',
    );
    // then
    const out = lines.join('');
    expect(out).toContain('"jobKey":"2251799813685249"');
    expect(out).toContain('"unit":"Rehab Lund"');
    expect(out).toContain('Servicedesk 30 000');
    for (const secret of ['Karin Lind', 'karin@vard.example', '070-123 45 67', 'per@vard.example', '0701234567']) expect(out).not.toContain(secret);
  });

  test('errors: message and properties are masked too', () => {
    // given
    const { lines, destination } = capture();
    const err = Object.assign(new Error('rejected recipient anna@vard.example'), { outboxKey: 'D1|report-received|anna@vard.example|once' });
    // when
    createLogger({ destination }).error({ err }, 'failed');
    // then
    const out = lines.join('');
    expect(out).toContain('[e-post]');
    expect(out).not.toContain('anna@vard.example');
    const logged = JSON.parse(out) as { err: { type: string; message: string; stack: string } };
    expect(logged.err.type).toBe('Error');
    expect(logged.err.message).toBe('rejected recipient [e-post]');
    expect(logged.err.stack).toContain('rejected recipient [e-post]');
  });

  test('maskPersonalData leaves the service desk number and ISO times alone', () => {
    expect(maskPersonalData('ring 30 000 kl 2026-11-24T09:12:00+01:00, +46 70 123 45 67')).toBe('ring 30 000 kl 2026-11-24T09:12:00+01:00, [telefon]');
  });
});
