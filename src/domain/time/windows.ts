import { IANAZone } from 'luxon';
import { ScheduleWindow, WEEKDAYS } from '../order/order';
import { DomainError } from '../shared/domain-error';

/**
 * Wall-clock windows of orders (weekly schedules, separate days) in a municipality's IANA zone, evaluated against
 * instants, correct across daylight-saving changes.
 *
 * How a wall-clock time becomes an instant: "HH:mm on day D" is the first instant of D at which the zone's clock
 * shows HH:mm or later. So a time in the spring-forward gap (02:30 on 2026-03-29 in Europe/Amsterdam) becomes the
 * moment the clock jumps (03:00 CEST), and a time in the repeated autumn hour (02:30 on 2026-10-25) its first
 * occurrence (02:30 CEST). A window is the half-open interval [from, to) of those instants; `to` <= `from` means it
 * ends on the next day, and it belongs to the day it starts on.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * Values of a pure function of a number (and a fixed argument), remembered: the breach check meets the same few
 * window times, days and instants over and over. Bounded: emptied when it holds 4,096 (the next checks refill it
 * with what they use). `compute` is a plain function, so a lookup allocates nothing.
 */
class BoundedMemo<V> {
  private static readonly MAX = 4096;
  private readonly values = new Map<number, V>();

  get<A>(key: number, arg: A, compute: (key: number, arg: A) => V): V {
    let value = this.values.get(key);
    if (value === undefined) {
      if (this.values.size >= BoundedMemo.MAX) this.values.clear();
      value = compute(key, arg);
      this.values.set(key, value);
    }
    return value;
  }
}

/** The memo of one time zone in `memos`, made on first use. */
function memoOf<V>(memos: Map<string, BoundedMemo<V>>, zone: string): BoundedMemo<V> {
  let memo = memos.get(zone);
  if (!memo) memos.set(zone, (memo = new BoundedMemo<V>()));
  return memo;
}

/** An instant shown both as local time with its offset and in UTC (RFC 3339). */
export interface LocalAndUtc {
  local: string;
  utc: string;
}

/** The schedule window an instant falls in, with its concrete start and end on the day it started. */
export interface ScheduleMatch {
  window: ScheduleWindow;
  windowIndex: number;
  /** The local calendar day ("YYYY-MM-DD") the matched window starts on. */
  day: string;
  from: LocalAndUtc;
  to: LocalAndUtc;
}

/** A half-open interval of instants [start, end) in epoch milliseconds. */
export interface InstantInterval {
  start: number;
  end: number;
}

/**
 * Parses an RFC 3339 instant (an offset is required) to epoch milliseconds; throws `INVALID_INPUT` otherwise:
 * `YYYY-MM-DDTHH:mm[:ss[.fraction]]` then `Z` or `±HH:MM`; `T` may be `t` or a space, `Z` may be `z`; fields out of
 * range (month 13, 31 April, 24:00, offset minutes 60) are refused rather than rolled over; a fraction is cut to
 * milliseconds (as `Date.parse` does). Reads the characters once, without regular expression or `Date` (the breach
 * check parses the instant it is asked about; an order's own dates are parsed once, when it is loaded: see
 * `domain/breach/order-instants.ts`).
 */
export function parseInstant(value: string): number {
  const ms = typeof value === 'string' ? instantOf(value.trim()) : NaN;
  if (Number.isNaN(ms)) {
    throw new DomainError('INVALID_INPUT', `"${String(value)}" is not an RFC 3339 instant with an offset`);
  }
  return ms;
}

const CH = { dash: 45, colon: 58, dot: 46, plus: 43, T: 84, t: 116, space: 32, Z: 90, z: 122, zero: 48 } as const;

/** The `len` decimal digits at `at` as a number, or -1 if one is not a digit. */
function digitsAt(s: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const d = s.charCodeAt(i) - CH.zero;
    if (!(d >= 0 && d <= 9)) return -1;
    v = v * 10 + d;
  }
  return v;
}

function instantOf(s: string): number {
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  const hour = digitsAt(s, 11, 2);
  const minute = digitsAt(s, 14, 2);
  const sep = s.charCodeAt(10);
  if (s.charCodeAt(4) !== CH.dash || s.charCodeAt(7) !== CH.dash || s.charCodeAt(13) !== CH.colon) return NaN;
  if (sep !== CH.T && sep !== CH.t && sep !== CH.space) return NaN;
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN;
  let i = 16;
  let second = 0;
  let millis = 0;
  if (s.charCodeAt(i) === CH.colon) {
    second = digitsAt(s, i + 1, 2);
    if (second < 0 || second > 59) return NaN;
    i += 3;
    if (s.charCodeAt(i) === CH.dot) {
      const start = ++i;
      for (let d = s.charCodeAt(i) - CH.zero; d >= 0 && d <= 9; d = s.charCodeAt(++i) - CH.zero) {
        if (i - start < 3) millis += d * 10 ** (2 - (i - start));
      }
      if (i === start) return NaN;
    }
  }
  const offset = offsetMinutesAt(s, i);
  if (Number.isNaN(offset)) return NaN;
  return (daysFromCivil(year, month, day) * 1440 + hour * 60 + minute - offset) * MINUTE_MS + second * 1000 + millis;
}

/** The offset `Z` or `±HH:MM` that ends the string at `i`, in minutes east of UTC; NaN if there is none. */
function offsetMinutesAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === CH.Z || c === CH.z) return i + 1 === s.length ? 0 : NaN;
  if ((c !== CH.plus && c !== CH.dash) || i + 6 !== s.length || s.charCodeAt(i + 3) !== CH.colon) return NaN;
  const hours = digitsAt(s, i + 1, 2);
  const minutes = digitsAt(s, i + 4, 2);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return NaN;
  return (c === CH.plus ? 1 : -1) * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The zone object for an IANA name; throws `INVALID_INPUT` for an unknown zone. */
export function ianaZone(timeZone: string): IANAZone {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new DomainError('INVALID_INPUT', `unknown IANA time zone "${timeZone}"`);
  return zone;
}

/** Minutes after midnight of an "HH:mm" wall-clock time (00:00–23:59). */
export function parseClockTime(value: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw new DomainError('INVALID_INPUT', `"${value}" is not a time "HH:mm" between 00:00 and 23:59`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Day number (days since 1970-01-01) of a "YYYY-MM-DD" calendar date. */
export function parseCalendarDay(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || formatCalendarDay(ms / DAY_MS) !== value) {
    throw new DomainError('INVALID_INPUT', `"${value}" is not a calendar date "YYYY-MM-DD"`);
  }
  return ms / DAY_MS;
}

/** Calendar days as "YYYY-MM-DD", by day number: a schedule match names its day on every check. */
const calendarDays = new BoundedMemo<string>();

function formatCalendarDay(dayNumber: number): string {
  return calendarDays.get(dayNumber, undefined, dayText);
}

function dayText(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** Index in {@link WEEKDAYS} (MON = 0) of a day number. */
function weekdayIndex(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** Local wall-clock time of an instant, as milliseconds of a UTC-like civil timeline. */
function wallOf(instant: number, zone: IANAZone): number {
  return instant + offsetAt(zone, instant) * MINUTE_MS;
}

/** A stretch of time [start, end) in which a zone's UTC offset (minutes) does not change. */
interface OffsetSpan {
  start: number;
  end: number;
  offset: number;
}

/**
 * Asking luxon (Intl) for an offset costs about 5 µs, too much for the breach check's hot path, so offsets are cached
 * per span of constant offset. A span is found once by probing a day at a time (at most 400 days each way) and
 * bisecting to the millisecond; this assumes a zone never changes its offset twice within one day.
 */
const offsetSpans = new Map<string, OffsetSpan[]>();
const MAX_SPANS_PER_ZONE = 64;
const PROBE_DAYS = 400;

/** The UTC offset in minutes of `zone` at `instant`, from the span cache. */
export function offsetAt(zone: IANAZone, instant: number): number {
  let spans = offsetSpans.get(zone.name);
  if (!spans) offsetSpans.set(zone.name, (spans = []));
  for (const span of spans) if (span.start <= instant && instant < span.end) return span.offset;
  const span = discoverSpan(zone, instant);
  if (spans.length >= MAX_SPANS_PER_ZONE) spans.shift();
  spans.push(span);
  return span.offset;
}

function discoverSpan(zone: IANAZone, instant: number): OffsetSpan {
  const offset = zone.offset(instant);
  return { start: spanEdge(zone, instant, offset, -1), end: spanEdge(zone, instant, offset, 1), offset };
}

/** Going `direction` from `instant`: the first (+1: exclusive end) or last (-1: inclusive start) same-offset edge. */
function spanEdge(zone: IANAZone, instant: number, offset: number, direction: 1 | -1): number {
  let same = instant;
  for (let k = 1; k <= PROBE_DAYS; k++) {
    let other = instant + direction * k * DAY_MS;
    if (zone.offset(other) === offset) {
      same = other;
      continue;
    }
    while (Math.abs(other - same) > 1) {
      const mid = Math.floor((same + other) / 2);
      if (zone.offset(mid) === offset) same = mid;
      else other = mid;
    }
    return direction === 1 ? other : same;
  }
  return direction === 1 ? same + 1 : same;
}

/**
 * The first instant at which the zone's clock shows `wall` or later (see the module comment). Assumes at most one
 * offset change within a day either side, which holds for every zone in use.
 */
export function wallToInstant(wall: number, zone: IANAZone): number {
  return memoOf(wallInstants, zone.name).get(wall, zone, resolveWall);
}

/**
 * Wall-clock times resolved to instants, per zone: a check resolves the start and end of every scheduled window of
 * every order it meets, and the same few wall-clock times (tonight 22:00, tomorrow 06:00) recur.
 */
const wallInstants = new Map<string, BoundedMemo<number>>();

function resolveWall(wall: number, zone: IANAZone): number {
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  const early = wall - Math.max(before, after) * MINUTE_MS;
  const late = wall - Math.min(before, after) * MINUTE_MS;
  if (offsetAt(zone, early) * MINUTE_MS === wall - early) return early;
  if (offsetAt(zone, late) * MINUTE_MS === wall - late) return late;
  return gapEnd(late - (after - before) * MINUTE_MS, late, after, zone);
}

/** In a spring-forward gap: the transition instant in (lo, hi], found by bisection on the offset. */
function gapEnd(lo: number, hi: number, after: number, zone: IANAZone): number {
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(zone, mid) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The local calendar day ("YYYY-MM-DD") of an instant in a zone. */
export function localDay(instant: number, timeZone: string): string {
  return formatCalendarDay(Math.floor(wallOf(instant, ianaZone(timeZone)) / DAY_MS));
}

/** A local calendar day as the interval [00:00 local, next day 00:00 local). */
export function dayInterval(day: string, timeZone: string): InstantInterval {
  const zone = ianaZone(timeZone);
  const d = parseCalendarDay(day);
  return { start: wallToInstant(d * DAY_MS, zone), end: wallToInstant((d + 1) * DAY_MS, zone) };
}

/** Which of the separate days (local "YYYY-MM-DD"), if any, contains the instant. */
export function matchSeparateDay(days: readonly string[], instant: number, timeZone: string): string | null {
  const day = localDay(instant, timeZone);
  return days.includes(day) ? day : null;
}

/** Whether an instant lies in the half-open interval [from, until); `until` absent means open-ended. */
export function inHalfOpen(instant: number, from: string, until?: string): boolean {
  return parseInstant(from) <= instant && (until === undefined || instant < parseInstant(until));
}

/**
 * Formatted instants, per time zone. The start and end of a schedule window recur across orders and across checks
 * (every order with a night ban shares tonight's 22:00 and tomorrow's 06:00), while formatting one costs about a
 * microsecond; bounded, and emptied when full (the next checks refill it with what they use).
 */
const formattedInstants = new Map<string, BoundedMemo<LocalAndUtc>>();

/** An instant formatted as local time with offset and as UTC, both RFC 3339 to the second (a shared, frozen object). */
export function localAndUtc(instant: number, timeZone: string): LocalAndUtc {
  return memoOf(formattedInstants, timeZone).get(instant, timeZone, formatLocalAndUtc);
}

function formatLocalAndUtc(instant: number, timeZone: string): LocalAndUtc {
  const offset = offsetAt(ianaZone(timeZone), instant);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return Object.freeze({
    local: new Date(instant + offset * MINUTE_MS).toISOString().slice(0, 19) + sign + hhmm,
    utc: new Date(instant).toISOString().slice(0, 19) + 'Z',
  });
}

/** A weekly window with its fields parsed: a bit per weekday (MON = 1, TUE = 2, ... SUN = 64), minutes after midnight. */
export interface CompiledWindow {
  days: number;
  from: number;
  to: number;
}

/** Parses a weekly schedule once, for {@link matchCompiledSchedule}; throws `INVALID_INPUT` on a malformed time. */
export function compileSchedule(schedule: readonly ScheduleWindow[]): CompiledWindow[] {
  return schedule.map((w) => ({
    days: w.days.reduce((bits, day) => bits | (1 << WEEKDAYS.indexOf(day)), 0),
    from: parseClockTime(w.from),
    to: parseClockTime(w.to),
  }));
}

/**
 * The window of a weekly schedule that contains `instant` in `timeZone`, or null. Windows starting on the instant's
 * local day are tried before overnight windows that started the day before. An empty schedule matches nothing; the
 * caller decides what a missing schedule means (for an order: always).
 */
export function matchSchedule(
  schedule: readonly ScheduleWindow[],
  instant: number | string,
  timeZone: string,
): ScheduleMatch | null {
  const t = typeof instant === 'string' ? parseInstant(instant) : instant;
  return matchCompiledSchedule(schedule, compileSchedule(schedule), t, timeZone);
}

/** {@link matchSchedule} with the schedule parsed beforehand (`compiled` = `compileSchedule(schedule)`). */
export function matchCompiledSchedule(
  schedule: readonly ScheduleWindow[],
  compiled: readonly CompiledWindow[],
  t: number,
  timeZone: string,
): ScheduleMatch | null {
  const zone = ianaZone(timeZone);
  const today = Math.floor(wallOf(t, zone) / DAY_MS);
  for (let day = today; day >= today - 1; day--) {
    const bit = 1 << weekdayIndex(day);
    for (let i = 0; i < compiled.length; i++) {
      if ((compiled[i].days & bit) === 0) continue;
      const span = spanOn(compiled[i], day, zone);
      if (span.start <= t && t < span.end) return toMatch(schedule[i], i, day, span, timeZone);
    }
  }
  return null;
}

/** The concrete interval of a weekly window on a given local day. */
export function windowOn(window: ScheduleWindow, dayNumber: number, zone: IANAZone): InstantInterval {
  return spanOn({ days: 0, from: parseClockTime(window.from), to: parseClockTime(window.to) }, dayNumber, zone);
}

function spanOn(window: CompiledWindow, dayNumber: number, zone: IANAZone): InstantInterval {
  const endDay = window.to <= window.from ? dayNumber + 1 : dayNumber;
  return {
    start: wallToInstant(dayNumber * DAY_MS + window.from * MINUTE_MS, zone),
    end: wallToInstant(endDay * DAY_MS + window.to * MINUTE_MS, zone),
  };
}

function toMatch(
  window: ScheduleWindow,
  windowIndex: number,
  dayNumber: number,
  span: InstantInterval,
  timeZone: string,
): ScheduleMatch {
  return {
    window,
    windowIndex,
    day: formatCalendarDay(dayNumber),
    from: localAndUtc(span.start, timeZone),
    to: localAndUtc(span.end, timeZone),
  };
}
