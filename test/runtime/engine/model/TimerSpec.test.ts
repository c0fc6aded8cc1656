import { TimerSpec } from '../../../../runtime/src/engine/model/TimerSpec';

const NOW = Date.parse('2026-11-25T08:00:00Z');

describe('TimerSpec: ISO 8601 timers computed from the runtime clock', () => {
  it('a duration is added to now, calendar units included', () => {
    // given / when
    const hours = TimerSpec.schedule('duration', 'PT4H', NOW);
    const month = TimerSpec.schedule('duration', 'P1M', NOW);
    // then
    expect(new Date(hours.due).toISOString()).toBe('2026-11-25T12:00:00.000Z');
    expect(new Date(month.due).toISOString()).toBe('2026-12-25T08:00:00.000Z');
    expect(hours.repetitions).toBe(0);
  });

  it('a date keeps its offset; a date without an offset is UTC whatever the machine zone', () => {
    // given / when
    const s = TimerSpec.schedule('date', '2026-11-25T12:30:00+01:00', NOW);
    const local = TimerSpec.schedule('date', '2026-11-25T12:30:00', NOW);
    // then
    expect(new Date(s.due).toISOString()).toBe('2026-11-25T11:30:00.000Z');
    expect(new Date(local.due).toISOString()).toBe('2026-11-25T12:30:00.000Z');
  });

  it('cycles: unbounded, counted, and with a start date', () => {
    // given / when
    const unbounded = TimerSpec.schedule('cycle', 'R/PT1H', NOW);
    const counted = TimerSpec.schedule('cycle', 'R3/PT10M', NOW);
    const started = TimerSpec.schedule('cycle', 'R2/2026-11-26T06:00:00Z/PT12H', NOW);
    // then
    expect(unbounded).toEqual({ due: NOW + 3600_000, repetitions: -1, interval: 'PT1H' });
    expect(counted).toEqual({ due: NOW + 600_000, repetitions: 2, interval: 'PT10M' });
    expect(new Date(started.due).toISOString()).toBe('2026-11-26T06:00:00.000Z');
    expect(started.repetitions).toBe(1);
  });

  it('refuses values that are not ISO 8601 with a reason', () => {
    // given / when / then
    expect(() => TimerSpec.schedule('duration', '4 hours', NOW)).toThrow(/not an ISO 8601 duration/);
    expect(() => TimerSpec.schedule('date', 'tomorrow', NOW)).toThrow(/not an ISO 8601 date-time/);
    expect(() => TimerSpec.schedule('cycle', 'every hour', NOW)).toThrow(/neither an ISO 8601 repeating interval/);
    expect(() => TimerSpec.schedule('cycle', '0 0 25 * * *', NOW)).toThrow(/out of range/);
    expect(() => TimerSpec.schedule('duration', null, NOW)).toThrow(/not an ISO 8601 duration/);
  });

  it('cron cycles (Spring, 6 or 5 fields, UTC): weekdays at 09:00, every 15 minutes', () => {
    // given: 2026-11-25 is a Wednesday; 2026-11-27 a Friday
    const friday = Date.parse('2026-11-27T10:00:00Z');
    // when
    const weekdays = TimerSpec.schedule('cycle', '0 0 9 * * MON-FRI', friday);
    const quarter = TimerSpec.schedule('cycle', '*/15 * * * *', NOW + 60_000);
    // then
    expect(new Date(weekdays.due).toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(weekdays).toMatchObject({ repetitions: -1, interval: 'cron:0 0 9 * * MON-FRI' });
    expect(new Date(TimerSpec.nextRepetition(weekdays.interval ?? '', weekdays.due)).toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(new Date(quarter.due).toISOString()).toBe('2026-11-25T08:15:00.000Z');
  });
});
