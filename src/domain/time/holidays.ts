import { easter } from 'date-easter';
import { DateTime } from 'luxon';
import { addDaysToDay, isCalendarDay, isDateOnly, localDay } from './durations';
import { DomainError } from '../shared/domain-error';

/**
 * Generally recognised holidays of the Algemene termijnenwet (Atw art. 3) and the objection deadline of
 * Awb 6:7/6:8 extended by Atw art. 1. Calendar days are "YYYY-MM-DD" in the municipality's zone.
 */

/** Weeks of the objection term (Awb art. 6:7). */
export const OBJECTION_TERM_WEEKS = 6;

function day(year: number, month: number, dayOfMonth: number): DateTime {
  return DateTime.utc(year, month, dayOfMonth);
}

function iso(date: DateTime): string {
  return date.toISODate() as string;
}

/** Easter Sunday (Gregorian) of `year`, from the `date-easter` package. */
export function easterSunday(year: number): string {
  const sunday = easter(year);
  return iso(day(sunday.year, sunday.month, sunday.day));
}

/** King's Day (Koningsdag): 27 April, or 26 April when the 27th is a Sunday. */
export function kingsDay(year: number): string {
  const twentySeventh = day(year, 4, 27);
  return iso(twentySeventh.weekday === 7 ? twentySeventh.minus({ days: 1 }) : twentySeventh);
}

/**
 * The generally recognised holidays of `year` for the Atw (art. 3 lid 1, Good Friday treated the same), sorted:
 * New Year's Day, Good Friday, Easter Monday, King's Day, 5 May, Ascension Day, Whit Monday, Christmas Day, Boxing Day,
 * plus the `extraHolidays` of that year (days added by Royal Decree, art. 3 lid 3).
 */
export function generallyRecognisedHolidays(year: number, extraHolidays: readonly string[] = []): string[] {
  const easterDay = DateTime.fromISO(easterSunday(year), { zone: 'UTC' });
  const fixed = [
    day(year, 1, 1),
    easterDay.minus({ days: 2 }), // Good Friday
    easterDay.plus({ days: 1 }), // Easter Monday
    DateTime.fromISO(kingsDay(year), { zone: 'UTC' }),
    day(year, 5, 5), // Liberation Day, every year for the Atw
    easterDay.plus({ days: 39 }), // Ascension Day
    easterDay.plus({ days: 50 }), // Whit Monday
    day(year, 12, 25),
    day(year, 12, 26),
  ].map(iso);
  const extra = extraHolidays.filter((d) => d.startsWith(`${year}-`));
  return [...new Set([...fixed, ...extra])].sort();
}

function requireDay(date: string): void {
  if (!isCalendarDay(date)) throw new DomainError('INVALID_INPUT', `"${date}" is not a calendar day YYYY-MM-DD`, { value: date });
}

/** True when `date` is a Saturday, a Sunday or a generally recognised holiday: a term cannot end on it (Atw art. 1). */
export function isAtwNonWorkingDay(date: string, extraHolidays: readonly string[] = []): boolean {
  requireDay(date);
  const parsed = DateTime.fromISO(date, { zone: 'UTC' });
  if (parsed.weekday >= 6) return true;
  return generallyRecognisedHolidays(parsed.year, extraHolidays).includes(date);
}

/** `date` itself when a term may end on it, else the next day that is no Saturday, Sunday or holiday (Atw art. 1). */
export function nextAtwWorkingDay(date: string, extraHolidays: readonly string[] = []): string {
  let candidate = date;
  while (isAtwNonWorkingDay(candidate, extraHolidays)) candidate = addDaysToDay(candidate, 1);
  return candidate;
}

/**
 * The last day (inclusive, "YYYY-MM-DD") to lodge an objection (`AWB-6-7-OBJECTION-TERM`, Awb 6:7 and 6:8, Atw art. 1
 * and 3). The term starts the day after notification and lasts 6 weeks, so it ends on the same weekday 6 weeks after the
 * notification day (notified Tue 1 Sep → Tue 13 Oct); a term ending on a Saturday, Sunday or generally recognised
 * holiday runs on to the next day that is none of these. `notifiedAt` is an RFC 3339 instant (its local day in
 * `timeZone` counts) or a calendar day.
 */
export function objectionDeadline(notifiedAt: string, timeZone: string, extraHolidays: string[]): string {
  const notificationDay = isDateOnly(notifiedAt) ? notifiedAt : localDay(notifiedAt, timeZone);
  const lastDay = addDaysToDay(notificationDay, OBJECTION_TERM_WEEKS * 7);
  return nextAtwWorkingDay(lastDay, extraHolidays);
}
