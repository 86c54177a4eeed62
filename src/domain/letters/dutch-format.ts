import { DateTime } from 'luxon';
import { WEEKDAYS, type Weekday } from '../order/order';

/**
 * Dutch wording of dates, times and lists for the letters. Instants are shown as wall-clock time in the municipality's
 * IANA zone (luxon, locale `nl`), so a letter says what the person's clock will show, in summer and winter time.
 */

const LOCALE = 'nl';

const WEEKDAY_NAMES: Record<Weekday, string> = {
  MON: 'maandag',
  TUE: 'dinsdag',
  WED: 'woensdag',
  THU: 'donderdag',
  FRI: 'vrijdag',
  SAT: 'zaterdag',
  SUN: 'zondag',
};

function instant(value: string, timeZone: string): DateTime {
  const parsed = DateTime.fromISO(value, { setZone: true });
  if (!parsed.isValid) throw new RangeError(`not an RFC 3339 instant: ${value}`);
  return parsed.setZone(timeZone).setLocale(LOCALE);
}

/** A calendar day ("YYYY-MM-DD") or the local day of an instant, e.g. "vrijdag 15 januari 2027". */
export function dutchDay(value: string, timeZone: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? DateTime.fromISO(value, { zone: timeZone }).setLocale(LOCALE)
    : instant(value, timeZone);
  if (!day.isValid) throw new RangeError(`not a calendar day: ${value}`);
  return day.toFormat('cccc d MMMM yyyy');
}

/** The local day of an instant without the weekday, e.g. "4 december 2026" (the date line of a letter). */
export function dutchDate(value: string, timeZone: string): string {
  return instant(value, timeZone).toFormat('d MMMM yyyy');
}

/** An instant as local date and time, e.g. "zaterdag 5 december 2026 om 00:00 uur". */
export function dutchDateTime(value: string, timeZone: string): string {
  return instant(value, timeZone).toFormat("cccc d MMMM yyyy 'om' HH:mm 'uur'");
}

/** "a", "a en b", "a, b en c". */
export function dutchList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}

/** Weekdays in week order, e.g. "vrijdag en zaterdag"; all seven are "elke dag". */
export function dutchWeekdays(days: readonly Weekday[]): string {
  const set = new Set(days);
  if (set.size === WEEKDAYS.length) return 'elke dag';
  return dutchList(WEEKDAYS.filter((d) => set.has(d)).map((d) => WEEKDAY_NAMES[d]));
}

/** A time window "van 20:00 tot 06:00 uur (de volgende dag)"; `to` <= `from` crosses midnight. */
export function dutchTimeWindow(from: string, to: string): string {
  const crosses = to <= from;
  if (from === to) return `van ${from} uur tot ${to} uur de volgende dag (24 uur)`;
  return `van ${from} tot ${to} uur${crosses ? ' (de volgende dag)' : ''}`;
}
