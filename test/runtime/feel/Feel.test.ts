import { Feel } from '../../../runtime/src/feel/Feel';
import { FeelError } from '../../../runtime/src/feel/FeelError';

describe('FEEL on the runtime clock (feelin)', () => {
  const feel = new Feel(() => Date.parse('2026-11-25T08:00:00Z'));

  it('now() reads the runtime clock and string(now()) keeps the offset (R17 reportedAt default)', () => {
    // given / when
    const text = feel.evaluate('=string(now())', {});
    // then
    expect(text).toBe('2026-11-25T08:00:00Z');
    expect(feel.evaluate('=date and time(string(now())) + duration("PT4H")', {})).toBe('2026-11-25T12:00:00.000Z');
  });

  it('static values stay strings; syntax errors become FeelError', () => {
    // given / when / then
    expect(feel.valueOf('desk, system-owner', {})).toBe('desk, system-owner');
    expect(() => feel.evaluate('=foo(', {})).toThrow(FeelError);
  });

  it('converts temporal values and nested contexts to JSON', () => {
    // given / when
    const value = feel.evaluate('={at: now(), wait: duration("PT30M"), list: [1, null]}', {});
    // then
    expect(value).toEqual({ at: '2026-11-25T08:00:00.000Z', wait: 'PT30M', list: [1, null] });
  });
});
