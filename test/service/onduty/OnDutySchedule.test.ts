import { CHECK_SYSTEM_OWNER_ON_DUTY, handleCheckSystemOwnerOnDuty } from '../../../workers/checkSystemOwnerOnDuty';
import { OnDutySchedule } from '../../../service/onduty/OnDutySchedule';
import { loadConfig } from '../../../service/config';
import { DISRUPTION, startHarness } from '../../workers/support/harness';
import { fakeJob } from '../../workers/support/fakeJob';

const config = loadConfig({});
const schedule = new OnDutySchedule(config.onDuty, 'Enhetschef IT');
const withStandIn = new OnDutySchedule(
  { ...config.onDuty, standIns: [{ from: '2026-07-06', to: '2026-07-31', name: 'Anna Berg', email: 'anna.berg@region-skane.example' }] },
  'Enhetschef IT',
);

describe('on duty (R14, P5): office hours in Europe/Stockholm, Swedish public holidays, stand-ins', () => {
  test('P5: Tuesday 10:00 is office hours – the system owner is on duty', () => {
    // given a Tuesday morning
    const at = new Date('2026-11-24T10:00:00+01:00');
    // when
    const d = schedule.decide(at);
    // then
    expect(d).toMatchObject({ onDuty: true, contact: 'Systemansvarig Sesam', localTime: '10:00' });
    expect(d.reason).toBe('Kontorstid (tisdag 2026-11-24 kl. 10:00)');
  });

  test('R14, P5: Friday 17:30 is after office hours – contact the unit manager and the service desk', () => {
    // given
    const at = new Date('2026-11-27T17:30:00+01:00');
    // when
    const d = schedule.decide(at);
    // then
    expect(d.onDuty).toBe(false);
    expect(d.reason).toContain('Utanför kontorstid 08:00–16:30 (fredag 2026-11-27 kl. 17:30)');
    expect(d.contact).toBe('Enhetschef IT (enhetschef) och Servicedesk 30 000');
  });

  test('R14, P5: Midsommarafton (a Friday) is a day off even at 10:00', () => {
    // given
    const at = new Date('2026-06-19T10:00:00+02:00');
    // when
    const d = schedule.decide(at);
    // then
    expect(d.onDuty).toBe(false);
    expect(d.reason).toContain('Helgdag: Midsommarafton');
  });

  test('R14, P5: Juldagen is a public holiday', () => {
    // given
    const at = new Date('2026-12-25T10:00:00+01:00');
    // when
    const d = schedule.decide(at);
    // then
    expect(d.onDuty).toBe(false);
    expect(d.reason).toContain('Helgdag: Juldagen');
  });

  test('P5: change to summer time – 06:30 UTC is 08:30 CEST on Monday 30 March (on duty), a week earlier 07:30 CET (off duty)', () => {
    // given the same UTC time on both sides of the change (29 March 2026)
    const before = new Date('2026-03-23T06:30:00Z');
    const after = new Date('2026-03-30T06:30:00Z');
    // when
    const a = schedule.decide(before);
    const b = schedule.decide(after);
    // then
    expect(a).toMatchObject({ onDuty: false, localTime: '07:30' });
    expect(b).toMatchObject({ onDuty: true, localTime: '08:30' });
  });

  test('P5: change from summer time – 15:00 UTC is 17:00 CEST on Friday 23 October (off duty), 16:00 CET a week later (on duty)', () => {
    // given the same UTC time on both sides of the change (25 October 2026)
    const before = new Date('2026-10-23T15:00:00Z');
    const after = new Date('2026-10-30T15:00:00Z');
    // when
    const a = schedule.decide(before);
    const b = schedule.decide(after);
    // then
    expect(a).toMatchObject({ onDuty: false, localTime: '17:00' });
    expect(b).toMatchObject({ onDuty: true, localTime: '16:00' });
  });

  test('P5: a stand-in appointed for the date is whom to contact during office hours', () => {
    // given a date inside the stand-in period
    const at = new Date('2026-07-14T09:00:00+02:00');
    // when
    const d = withStandIn.decide(at);
    // then
    expect(d.onDuty).toBe(true);
    expect(d.contact).toBe('Anna Berg (ersättare för Systemansvarig Sesam)');
    expect(d.reason).toContain('ersättare för systemansvarig 2026-07-06–2026-07-31: Anna Berg');
    expect(d.standIn).toEqual({ name: 'Anna Berg', email: 'anna.berg@region-skane.example' });
  });

  test('P5: outside the stand-in period the system owner is the contact again', () => {
    // given the day after the period
    const at = new Date('2026-08-03T09:00:00+02:00');
    // when
    const d = withStandIn.decide(at);
    // then
    expect(d).toMatchObject({ onDuty: true, contact: 'Systemansvarig Sesam' });
    expect(d.standIn).toBeUndefined();
  });

  test('P5: a weekend day is not a work day', () => {
    // given a Saturday noon
    const at = new Date('2026-11-28T12:00:00+01:00');
    // when
    const d = schedule.decide(at);
    // then
    expect(d.onDuty).toBe(false);
    expect(d.reason).toContain('Ej arbetsdag (lördag');
  });
});

describe('check-system-owner-on-duty worker (R14, P5)', () => {
  test('T1: a job without engineNow (a model that forgot the input mapping) fails at once, naming the variable', async () => {
    // given a check-system-owner-on-duty job whose model maps no engineNow
    const h = await startHarness();
    try {
      const { job, calls } = fakeJob(CHECK_SYSTEM_OWNER_ON_DUTY, DISRUPTION);
      // when
      await handleCheckSystemOwnerOnDuty(job, h.services);
      // then an incident names the missing variable
      expect(calls.fail).toEqual([expect.objectContaining({ retries: 0, errorMessage: expect.stringContaining('engineNow') })]);
    } finally {
      await h.close();
    }
  });

  test('R14, P5: the worker completes with the decision, the Swedish reason and whom to contact', async () => {
    // given Juldagen as the worker's clock
    const h = await startHarness({}, { now: () => new Date('2026-12-25T10:00:00+01:00') });
    try {
      const { job, calls } = fakeJob(CHECK_SYSTEM_OWNER_ON_DUTY, { ...DISRUPTION, engineNow: '2026-12-25T10:00:00+01:00' });
      // when
      await handleCheckSystemOwnerOnDuty(job, h.services);
      // then
      expect(calls.complete).toEqual([
        {
          systemOwnerOnDuty: false,
          systemOwnerOnDutyReason: 'Helgdag: Juldagen (fredag 2026-12-25 kl. 10:00) – kontakta enhetschef och Servicedesk',
          systemOwnerContact: 'Enhetschef IT (enhetschef) och Servicedesk 30 000',
        },
      ]);
    } finally {
      await h.close();
    }
  });

  test('P5, P9, T1: the decision follows the engine\'s time (engineNow, mapped from `=string(now())` in the model), not the service\'s, e.g. a drill\'s simulated clock', async () => {
    // given the engine's clock at Midsommarafton 10:00, the service's clock on an ordinary Tuesday
    const h = await startHarness({}, { now: () => new Date('2026-11-24T10:00:00+01:00') });
    try {
      const { job, calls } = fakeJob(CHECK_SYSTEM_OWNER_ON_DUTY, { ...DISRUPTION, engineNow: '2026-06-19T10:00:00+02:00' });
      // when
      await handleCheckSystemOwnerOnDuty(job, h.services);
      // then
      expect(calls.complete[0]).toMatchObject({ systemOwnerOnDuty: false, systemOwnerOnDutyReason: expect.stringContaining('Helgdag: Midsommarafton (fredag 2026-06-19 kl. 10:00)') });
    } finally {
      await h.close();
    }
  });
});
