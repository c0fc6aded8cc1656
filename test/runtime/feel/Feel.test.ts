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

  it('syntaxError names where an expression stops parsing; valid expressions (also with Camunda built-ins) have none', () => {
    // given / when / then
    expect(Feel.syntaxError('=count >')).toMatch(/^incomplete <.+> at position \d+$/);
    expect(Feel.syntaxError('=')).toBe('the expression is empty');
    expect(Feel.syntaxError('=if a = null then "x" else string join(["a", "b"], ", ")')).toBeUndefined();
    expect(Feel.syntaxError('=for x in items return x.count')).toBeUndefined();
  });

  it('an evaluation with a loop that runs past the timeout is stopped with Camunda\'s message; a short one is not', () => {
    // given
    const watched = new Feel(() => Date.parse('2026-11-25T08:00:00Z'), 50);
    // when / then
    expect(() => watched.evaluate('=count(for x in 1..100000000 return x)', {})).toThrow("Expected to evaluate expression but timed out after 50 ms: 'count(for x in 1..100000000 return x)'");
    expect(watched.evaluate('=sum(for x in 1..10 return x)', {})).toBe(55);
    expect(watched.evaluate('=some x in [1, 2] satisfies x > 1', {})).toBe(true);
  });

  it('T1 R17: a date-time at exactly midnight UTC stays a date-time (now(), parsed, and in timer arithmetic); a date stays a date', () => {
    // given the clock at 00:00:00.000Z (found by a generated timeline: reportedAt came out as "2026-10-25")
    const midnight = new Feel(() => Date.parse('2026-10-25T00:00:00Z'));
    // when / then
    expect(midnight.evaluate('=string(now())', {})).toBe('2026-10-25T00:00:00Z');
    expect(midnight.evaluate('=string(now() - duration(reportAge))', { reportAge: 'PT0S' })).toBe('2026-10-25T00:00:00Z');
    expect(midnight.evaluate('=string(date and time(at) + duration("PT4H"))', { at: '2026-10-25T00:00:00Z' })).toBe('2026-10-25T04:00:00Z');
    expect(midnight.evaluate('=date and time(at) < date and time("2026-10-25T00:00:01Z")', { at: '2026-10-25T00:00:00+00:00' })).toBe(true);
    expect(midnight.evaluate('=string(date("2026-10-25"))', {})).toBe('2026-10-25');
    expect(midnight.evaluate('=string(date("2026-10-25") + duration("P1D"))', {})).toBe('2026-10-26');
    expect(midnight.evaluate('=string(date and time("2026-10-25T02:00:00+02:00"))', {})).toBe('2026-10-25T02:00:00+02:00');
  });
});
