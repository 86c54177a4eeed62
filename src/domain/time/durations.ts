import { DateTime, Duration } from 'luxon';
import { DomainError } from '../shared/domain-error';

/**
 * Duration arithmetic as legal-rules.md "Durations: how to count" prescribes:
 * - "N hours" is elapsed time (a 24-hour ban across a daylight-saving change ends an hour later or earlier on the wall clock);
 * - "N weeks" and "N months" are calendar arithmetic in the municipality's IANA zone, keeping the local wall-clock time,
 *   with month-end clamping (30 November + 3 months = 28 February, or 29 in a leap year);
 * - periods are half-open [start, end): a period "ends" at the instant given;
 * - separate days are calendar days in the zone, each counted once.
 *
 * Instants are RFC 3339 strings with an offset; calendar days are "YYYY-MM-DD". Malformed input raises
 * `DomainError('INVALID_INPUT')`, never a silent guess (a timestamp without offset would depend on the server's zone).
 */

/** The zone of every Dutch municipality; configuration still names it per municipality. */
export const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_OFFSET = /T.*(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;

function invalid(message: string, value: unknown): never {
  throw new DomainError('INVALID_INPUT', message, { value });
}

function requireZone(timeZone: string): void {
  // A fixed instant, not the clock: the domain core never reads the system time.
  if (!DateTime.fromMillis(0).setZone(timeZone).isValid) invalid(`unknown IANA time zone "${timeZone}"`, timeZone);
}

function requireInteger(n: number, what: string): void {
  if (!Number.isInteger(n)) invalid(`${what} must be a whole number`, n);
}

/** True when `value` is a calendar day "YYYY-MM-DD" (and a real one: 2026-02-30 is not). */
export function isCalendarDay(value: string): boolean {
  return DATE_ONLY.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/** True when `value` looks like a date-only string rather than an instant. */
export function isDateOnly(value: string): boolean {
  return DATE_ONLY.test(value);
}

/** Parses an RFC 3339 instant (offset required) and expresses it in `timeZone`. */
export function parseInstant(value: string, timeZone: string): DateTime {
  requireZone(timeZone);
  if (!HAS_OFFSET.test(value)) invalid(`"${value}" is not an RFC 3339 instant with an offset`, value);
  const parsed = DateTime.fromISO(value, { setZone: true });
  if (!parsed.isValid) invalid(`"${value}" is not a valid RFC 3339 instant`, value);
  return parsed.setZone(timeZone);
}

/** The start (00:00 local) of the calendar day "YYYY-MM-DD" in `timeZone`. */
export function startOfLocalDay(day: string, timeZone: string): DateTime {
  requireZone(timeZone);
  if (!isCalendarDay(day)) invalid(`"${day}" is not a calendar day YYYY-MM-DD`, day);
  return DateTime.fromISO(day, { zone: timeZone }).startOf('day');
}

/**
 * Parses a value that may be an instant or a calendar day. A calendar day stands for its first instant
 * (`'startOfDay'`) or, for inclusive "until"/"deadline" days, for the first instant of the next day (`'endOfDay'`),
 * so that half-open comparisons stay uniform.
 */
export function parseInstantOrDay(value: string, timeZone: string, dayMeans: 'startOfDay' | 'endOfDay'): DateTime {
  if (!isDateOnly(value)) return parseInstant(value, timeZone);
  const start = startOfLocalDay(value, timeZone);
  return dayMeans === 'startOfDay' ? start : start.plus({ days: 1 });
}

/** Formats an instant as RFC 3339 with the zone's offset and no milliseconds. */
export function toRfc3339(instant: DateTime): string {
  return instant.toISO({ suppressMilliseconds: true }) as string;
}

/** The calendar day ("YYYY-MM-DD") of an instant in `timeZone`. */
export function localDay(instant: string, timeZone: string): string {
  return parseInstant(instant, timeZone).toISODate() as string;
}

/** `instant` plus `months` calendar months in `timeZone`, clamped to the month's last day, wall-clock time kept. */
export function addMonths(instant: string, months: number, timeZone: string): string {
  requireInteger(months, 'months');
  return toRfc3339(parseInstant(instant, timeZone).plus({ months }));
}

/** `instant` plus `weeks` calendar weeks (7 local days each) in `timeZone`, wall-clock time kept. */
export function addWeeks(instant: string, weeks: number, timeZone: string): string {
  requireInteger(weeks, 'weeks');
  return toRfc3339(parseInstant(instant, timeZone).plus({ weeks }));
}

/** `instant` plus `days` calendar days in `timeZone`, wall-clock time kept. */
export function addCalendarDays(instant: string, days: number, timeZone: string): string {
  requireInteger(days, 'days');
  return toRfc3339(parseInstant(instant, timeZone).plus({ days }));
}

/** `instant` plus `hours` elapsed hours ("24 hours" is 24 elapsed hours, whatever the clocks do). */
export function addElapsedHours(instant: string, hours: number, timeZone: string): string {
  return toRfc3339(parseInstant(instant, timeZone).plus({ hours }));
}

/** Elapsed hours from `from` to `to` (negative when `to` is earlier). */
export function elapsedHours(from: string, to: string): number {
  return (parseInstant(to, 'UTC').toMillis() - parseInstant(from, 'UTC').toMillis()) / 3_600_000;
}

/** True when `a` is strictly before `b` (both RFC 3339). */
export function isBefore(a: string, b: string): boolean {
  return parseInstant(a, 'UTC').toMillis() < parseInstant(b, 'UTC').toMillis();
}

/**
 * True when the period [start, end) lasts at most `months` calendar months: `end <= start + months` in `timeZone`.
 * The boundary is exact: 3 months to the minute passes, 3 months and 1 minute does not.
 */
export function isWithinMonths(start: string, end: string, months: number, timeZone: string): boolean {
  requireInteger(months, 'months');
  const limit = parseInstant(start, timeZone).plus({ months });
  return parseInstant(end, timeZone).toMillis() <= limit.toMillis();
}

/**
 * Parses an ISO 8601 duration of an APV ladder ("PT24H", "P4W", "P3M", "P1DT12H"). Rejects malformed, negative
 * and zero durations: a ladder step of no time is a configuration error.
 */
export function parseIsoDuration(text: string): Duration {
  const duration = Duration.fromISO(text);
  if (!duration.isValid) invalid(`"${text}" is not an ISO 8601 duration`, text);
  const parts = Object.values(duration.toObject()) as number[];
  if (parts.some((n) => n < 0) || parts.every((n) => n === 0)) invalid(`"${text}" must be a positive duration`, text);
  return duration;
}

/** `instant` plus an ISO 8601 duration in `timeZone`: hours/minutes elapsed, days/weeks/months/years calendar. */
export function addIsoDuration(instant: string, duration: string, timeZone: string): string {
  return toRfc3339(parseInstant(instant, timeZone).plus(parseIsoDuration(duration)));
}

/** True when the period [start, end) is at most the ISO 8601 `duration` long (`end <= start + duration`). */
export function isWithinIsoDuration(start: string, end: string, duration: string, timeZone: string): boolean {
  const limit = parseInstant(start, timeZone).plus(parseIsoDuration(duration));
  return parseInstant(end, timeZone).toMillis() <= limit.toMillis();
}

/**
 * The distinct calendar days, sorted, that `values` fall on in `timeZone`. A value is a calendar day "YYYY-MM-DD"
 * (taken as is) or an RFC 3339 instant (taken as the local day it falls on); a day counts once however often it occurs.
 */
export function distinctCalendarDays(values: readonly string[], timeZone: string): string[] {
  const days = values.map((value) => {
    if (!isDateOnly(value)) return localDay(value, timeZone);
    if (!isCalendarDay(value)) invalid(`"${value}" is not a calendar day YYYY-MM-DD`, value);
    return value;
  });
  return [...new Set(days)].sort();
}

/** How many distinct calendar days `values` cover in `timeZone` (see `distinctCalendarDays`). */
export function countDistinctCalendarDays(values: readonly string[], timeZone: string): number {
  return distinctCalendarDays(values, timeZone).length;
}

function calendarDay(day: string): DateTime {
  if (!isCalendarDay(day)) invalid(`"${day}" is not a calendar day YYYY-MM-DD`, day);
  return DateTime.fromISO(day, { zone: 'UTC' });
}

/** Calendar day `day` plus `months` months, clamped to the month's last day ("2025-11-30" + 3 = "2026-02-28"). */
export function addMonthsToDay(day: string, months: number): string {
  requireInteger(months, 'months');
  return calendarDay(day).plus({ months }).toISODate() as string;
}

/** Calendar day `day` plus `days` days. */
export function addDaysToDay(day: string, days: number): string {
  requireInteger(days, 'days');
  return calendarDay(day).plus({ days }).toISODate() as string;
}

/**
 * The first day after a window of `months` months that begins on `firstDay` (exclusive end).
 * A window of 24 months from 2026-01-01 covers 2026-01-01 .. 2027-12-31, so this returns "2028-01-01".
 */
export function monthWindowEnd(firstDay: string, months: number): string {
  return addMonthsToDay(firstDay, months);
}

/**
 * True when all `days` lie within one window of at most `months` months that starts on the earliest day: the end of the
 * last day must not pass the first day + `months` (24 months passes; 24 months and 1 day does not). No days: true.
 */
export function isWithinMonthWindow(days: readonly string[], months: number): boolean {
  if (days.length === 0) return true;
  const sorted = days.map((day) => calendarDay(day).toISODate() as string).sort();
  const endOfLast = addDaysToDay(sorted[sorted.length - 1], 1);
  return endOfLast <= monthWindowEnd(sorted[0], months);
}
