import Holidays from 'date-holidays';
import type { ServiceConfig } from '../config';

type OnDutyConfig = ServiceConfig['onDuty'];

export interface OnDutyDecision {
  /** R14, P5: is the system owner (or an appointed stand-in) on duty right now? */
  onDuty: boolean;
  /** Swedish reason, shown in forms and the timeline ("Helgdag: Juldagen"). */
  reason: string;
  /** Whom to contact now (display name, no contact data). */
  contact: string;
  /** The stand-in appointed for this date, if any (with address, for mail routing; never logged). */
  standIn?: { name: string; email?: string };
  /** Local date and time the decision was made for (Europe/Stockholm). */
  localDate: string;
  localTime: string;
}

const WEEKDAYS_SV = ['', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'];
const WEEKDAY_INDEX: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/**
 * P5: whether the system owner is on duty – office hours in Europe/Stockholm (summer time handled by
 * the time-zone database), Swedish public holidays from the maintained `date-holidays` library (types
 * from config; by default `public` and `bank`, which includes midsommarafton, julafton, nyårsafton),
 * and stand-ins appointed by date. Off duty, R14 applies: the unit manager and the service desk.
 */
export class OnDutySchedule {
  private readonly holidays: Holidays;
  private readonly byYear = new Map<number, Map<string, string>>();
  private readonly parts: Intl.DateTimeFormat;

  constructor(
    private readonly config: OnDutyConfig,
    private readonly unitManagerName: string,
  ) {
    this.holidays = new Holidays('SE', { timezone: config.timeZone, languages: ['sv'] });
    this.parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: config.timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  }

  /** Holidays (local date → Swedish name) of a year that are days off. */
  private daysOff(year: number): Map<string, string> {
    let map = this.byYear.get(year);
    if (!map) {
      map = new Map();
      for (const h of this.holidays.getHolidays(year, 'sv')) {
        if ((this.config.holidayTypes as string[]).includes(h.type)) map.set(h.date.slice(0, 10), h.name);
      }
      this.byYear.set(year, map);
    }
    return map;
  }

  private local(at: Date): { date: string; time: string; weekday: number; year: number } {
    const p = Object.fromEntries(this.parts.formatToParts(at).map((x) => [x.type, x.value]));
    return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}`, weekday: WEEKDAY_INDEX[p.weekday], year: Number(p.year) };
  }

  private standInFor(date: string): OnDutyConfig['standIns'][number] | undefined {
    return this.config.standIns.find((s) => s.from <= date && date <= s.to);
  }

  decide(at: Date): OnDutyDecision {
    const { date, time, weekday, year } = this.local(at);
    const when = `${WEEKDAYS_SV[weekday]} ${date} kl. ${time}`;
    const offDuty = (reason: string): OnDutyDecision => ({
      onDuty: false,
      reason: `${reason} – kontakta enhetschef och Servicedesk`,
      contact: `${this.unitManagerName} (enhetschef) och Servicedesk 30 000`,
      localDate: date,
      localTime: time,
    });
    const holiday = this.daysOff(year).get(date);
    if (holiday) return offDuty(`Helgdag: ${holiday.charAt(0).toUpperCase()}${holiday.slice(1)} (${when})`);
    if (!this.config.workDays.includes(weekday)) return offDuty(`Ej arbetsdag (${when})`);
    if (time < this.config.start || time >= this.config.end) {
      return offDuty(`Utanför kontorstid ${this.config.start}–${this.config.end} (${when})`);
    }
    const standIn = this.standInFor(date);
    if (standIn) {
      return {
        onDuty: true,
        reason: `Kontorstid (${when}); ersättare för systemansvarig ${standIn.from}–${standIn.to}: ${standIn.name}`,
        contact: `${standIn.name} (ersättare för ${this.config.systemOwnerName})`,
        standIn: { name: standIn.name, email: standIn.email },
        localDate: date,
        localTime: time,
      };
    }
    return { onDuty: true, reason: `Kontorstid (${when})`, contact: this.config.systemOwnerName, localDate: date, localTime: time };
  }
}
