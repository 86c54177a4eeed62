import fc from 'fast-check';
import { DateTime } from 'luxon';
import { DomainError } from '../shared/domain-error';
import {
  addCalendarDays,
  addDaysToDay,
  addElapsedHours,
  addIsoDuration,
  addMonths,
  addMonthsToDay,
  addWeeks,
  countDistinctCalendarDays,
  distinctCalendarDays,
  elapsedHours,
  isWithinIsoDuration,
  isWithinMonthWindow,
  isWithinMonths,
  monthWindowEnd,
  parseInstant,
  parseInstantOrDay,
  parseIsoDuration,
} from './durations';

const ZONE = 'Europe/Amsterdam';

/** Days in a month by plain arithmetic, independent of luxon: the oracle of the month-end properties. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function oracleAddMonths(year: number, month: number, day: number, months: number): { year: number; month: number; day: number } {
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { year: y, month: m, day: Math.min(day, daysInMonth(y, m)) };
}

const calendarDayArb = fc
  .record({ year: fc.integer({ min: 1990, max: 2090 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .filter(({ year, month, day }) => day <= daysInMonth(year, month));

/** Local wall-clock times; 02:xx is left out because on the spring change that hour does not exist in the zone. */
const wallClockArb = fc.record({ hour: fc.integer({ min: 0, max: 23 }).filter((h) => h !== 2), minute: fc.integer({ min: 0, max: 59 }) });

function localInstant(d: { year: number; month: number; day: number }, t: { hour: number; minute: number }): string {
  return DateTime.fromObject({ ...d, ...t }, { zone: ZONE }).toISO() as string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

describe('addMonths (calendar months in Europe/Amsterdam)', () => {
  it.each([
    ['2025-11-30T10:00:00+01:00', 3, '2026-02-28T10:00:00+01:00'],
    ['2023-11-30T10:00:00+01:00', 3, '2024-02-29T10:00:00+01:00'],
    ['2026-01-31T08:15:00+01:00', 1, '2026-02-28T08:15:00+01:00'],
    ['2026-03-31T10:00:00+02:00', 1, '2026-04-30T10:00:00+02:00'],
    ['2026-03-15T10:00:00+01:00', 1, '2026-04-15T10:00:00+02:00'],
    ['2026-10-15T10:00:00+02:00', 1, '2026-11-15T10:00:00+01:00'],
    ['2026-03-02T00:00:00+01:00', 3, '2026-06-02T00:00:00+02:00'],
    ['2026-06-02T00:00:00+02:00', -6, '2025-12-02T00:00:00+01:00'],
    ['2026-03-01T23:30:00Z', 1, '2026-04-02T00:30:00+02:00'],
  ])('%s + %i months = %s', (start, months, expected) => {
    expect(addMonths(start, months, ZONE)).toBe(expected);
  });

  it('rejects fractional months', () => {
    expect(() => addMonths('2026-01-01T00:00:00+01:00', 1.5, ZONE)).toThrow(DomainError);
  });

  it('property: clamps to the month end, never overflows into the next month, keeps the wall-clock time', () => {
    fc.assert(
      fc.property(calendarDayArb, wallClockArb, fc.integer({ min: -36, max: 48 }), (d, t, months) => {
        const result = DateTime.fromISO(addMonths(localInstant(d, t), months, ZONE), { setZone: true }).setZone(ZONE);
        const expected = oracleAddMonths(d.year, d.month, d.day, months);
        expect({ year: result.year, month: result.month, day: result.day }).toEqual(expected);
        expect(result.day).toBeLessThanOrEqual(d.day);
        expect({ hour: result.hour, minute: result.minute }).toEqual(t);
      }),
    );
  });

  it('property: from winter into summer time the elapsed time is one hour short of the calendar days (wall clock kept)', () => {
    const winter = calendarDayArb.filter(({ month, day }) => month === 1 && day <= 28);
    fc.assert(
      fc.property(winter, wallClockArb, (d, t) => {
        const start = localInstant(d, t);
        const july = addMonths(start, 6, ZONE);
        const calendarDays = (Date.UTC(d.year, 6, d.day) - Date.UTC(d.year, 0, d.day)) / 86_400_000;
        expect(elapsedHours(start, july)).toBe(calendarDays * 24 - 1);
      }),
    );
  });

  it('property: without clamping, adding and subtracting the same months returns the same instant', () => {
    const noClampDay = calendarDayArb.filter(({ day }) => day <= 28);
    fc.assert(
      fc.property(noClampDay, wallClockArb, fc.integer({ min: 1, max: 24 }), (d, t, months) => {
        const start = localInstant(d, t);
        const there = addMonths(start, months, ZONE);
        expect(parseInstant(addMonths(there, -months, ZONE), ZONE).toMillis()).toBe(parseInstant(start, ZONE).toMillis());
      }),
    );
  });
});

describe('weeks, days and elapsed hours', () => {
  it('adds calendar weeks keeping the wall clock across the spring change', () => {
    expect(addWeeks('2026-03-20T10:00:00+01:00', 4, ZONE)).toBe('2026-04-17T10:00:00+02:00');
  });

  it('adds calendar days keeping the wall clock across the autumn change', () => {
    expect(addCalendarDays('2026-10-20T09:00:00+02:00', 14, ZONE)).toBe('2026-11-03T09:00:00+01:00');
  });

  it('a 24-hour ban from 15:00 the day before the clocks go forward ends at 16:00 local time', () => {
    expect(addElapsedHours('2026-03-28T15:00:00+01:00', 24, ZONE)).toBe('2026-03-29T16:00:00+02:00');
    expect(addIsoDuration('2026-03-28T15:00:00+01:00', 'PT24H', ZONE)).toBe('2026-03-29T16:00:00+02:00');
  });

  it('a 24-hour ban from 15:00 the day before the clocks go back ends at 14:00 local time', () => {
    expect(addElapsedHours('2026-10-24T15:00:00+02:00', 24, ZONE)).toBe('2026-10-25T14:00:00+01:00');
  });

  it('P1D is a calendar day, unlike PT24H', () => {
    expect(addIsoDuration('2026-03-28T15:00:00+01:00', 'P1D', ZONE)).toBe('2026-03-29T15:00:00+02:00');
  });

  it('counts elapsed hours across the spring change (23 hours from midnight to midnight)', () => {
    expect(elapsedHours('2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(23);
  });
});

describe('isWithinMonths: end <= start + N months, exact boundary', () => {
  it.each([
    ['3 months exactly', '2026-03-02T00:00:00+01:00', '2026-06-02T00:00:00+02:00', true],
    ['3 months and 1 minute', '2026-03-02T00:00:00+01:00', '2026-06-02T00:01:00+02:00', false],
    ['3 months less 1 minute', '2026-03-02T00:00:00+01:00', '2026-06-01T23:59:00+02:00', true],
    ['30 Nov + 3 months = 28 Feb', '2025-11-30T12:00:00+01:00', '2026-02-28T12:00:00+01:00', true],
    ['30 Nov to 1 Mar', '2025-11-30T12:00:00+01:00', '2026-03-01T12:00:00+01:00', false],
    ['same instant in another offset', '2026-03-02T00:00:00+01:00', '2026-06-01T22:00:00Z', true],
  ])('%s', (_label, start, end, expected) => {
    expect(isWithinMonths(start, end, 3, ZONE)).toBe(expected);
  });

  it('property: the limit passes and one minute later fails', () => {
    fc.assert(
      fc.property(calendarDayArb, wallClockArb, fc.integer({ min: 1, max: 24 }), (d, t, months) => {
        const start = localInstant(d, t);
        const limit = addMonths(start, months, ZONE);
        const after = parseInstant(limit, ZONE).plus({ minutes: 1 }).toISO() as string;
        expect(isWithinMonths(start, limit, months, ZONE)).toBe(true);
        expect(isWithinMonths(start, after, months, ZONE)).toBe(false);
      }),
    );
  });
});

describe('ISO 8601 durations of the APV ladder', () => {
  it.each([
    ['PT24H', { hours: 24 }],
    ['P4W', { weeks: 4 }],
    ['P3M', { months: 3 }],
    ['P1DT12H', { days: 1, hours: 12 }],
  ])('parses %s', (text, expected) => {
    expect(parseIsoDuration(text).toObject()).toEqual(expected);
  });

  it.each(['P', '24H', 'P-3M', 'PT0S', 'P3X', ''])('rejects %p', (text) => {
    expect(() => parseIsoDuration(text)).toThrow(DomainError);
  });

  it('compares a period to a duration with an exact boundary', () => {
    expect(isWithinIsoDuration('2026-03-01T15:00:00+01:00', '2026-03-29T15:00:00+02:00', 'P4W', ZONE)).toBe(true);
    expect(isWithinIsoDuration('2026-03-01T15:00:00+01:00', '2026-03-29T15:01:00+02:00', 'P4W', ZONE)).toBe(false);
  });
});

describe('instants and days', () => {
  it.each(['2026-03-01T10:00:00', '2026-03-01', 'yesterday', '2026-13-01T10:00:00Z'])('parseInstant rejects %p', (value) => {
    expect(() => parseInstant(value, ZONE)).toThrow(DomainError);
  });

  it('parseInstant accepts Z and expresses the instant in the zone', () => {
    expect(parseInstant('2026-07-01T10:00:00Z', ZONE).hour).toBe(12);
  });

  it('rejects an unknown time zone', () => {
    expect(() => parseInstant('2026-07-01T10:00:00Z', 'Europe/Atlantis')).toThrow(DomainError);
  });

  it('a calendar day means its start or the start of the next day', () => {
    expect(parseInstantOrDay('2026-03-29', ZONE, 'startOfDay').toISO()).toBe('2026-03-29T00:00:00.000+01:00');
    expect(parseInstantOrDay('2026-03-29', ZONE, 'endOfDay').toISO()).toBe('2026-03-30T00:00:00.000+02:00');
  });
});

describe('distinct calendar days in the zone', () => {
  it('counts a day once however often it occurs, and takes instants as their local day', () => {
    const values = ['2026-03-01', '2026-03-01', '2026-03-02', '2026-03-01T23:30:00Z', '2026-03-01T22:30:00Z'];
    expect(distinctCalendarDays(values, ZONE)).toEqual(['2026-03-01', '2026-03-02']);
    expect(countDistinctCalendarDays(values, ZONE)).toBe(2);
  });

  it('rejects an impossible day', () => {
    expect(() => distinctCalendarDays(['2026-02-30'], ZONE)).toThrow(DomainError);
  });

  it('property: the count equals the number of different local dates', () => {
    fc.assert(
      fc.property(fc.array(calendarDayArb, { maxLength: 40 }), (days) => {
        const values = days.map((d) => `${d.year}-${pad(d.month)}-${pad(d.day)}`);
        expect(countDistinctCalendarDays(values, ZONE)).toBe(new Set(values).size);
      }),
    );
  });
});

describe('the 24-month window of separate days', () => {
  it.each([
    ['2026-01-01', '2027-12-31', true],
    ['2026-01-01', '2028-01-01', false],
    ['2026-01-31', '2028-01-30', true],
    ['2026-01-31', '2028-01-31', false],
    ['2024-02-29', '2026-02-27', true],
    ['2024-02-29', '2026-02-28', false],
  ])('first %s, last %s → %p', (first, last, expected) => {
    expect(isWithinMonthWindow([first, '2026-06-01', last].filter((d) => d >= first && d <= last), 24)).toBe(expected);
  });

  it('the window end is the first day + 24 months, clamped', () => {
    expect(monthWindowEnd('2024-02-29', 24)).toBe('2026-02-28');
    expect(addMonthsToDay('2025-11-30', 3)).toBe('2026-02-28');
    expect(addDaysToDay('2026-02-28', 1)).toBe('2026-03-01');
  });

  it('an empty list is within any window', () => {
    expect(isWithinMonthWindow([], 24)).toBe(true);
  });

  it('property: within exactly when the last day is before first + 24 months (plain-arithmetic oracle)', () => {
    fc.assert(
      fc.property(calendarDayArb, fc.integer({ min: 0, max: 800 }), fc.integer({ min: 1, max: 36 }), (d, offset, months) => {
        const first = `${d.year}-${pad(d.month)}-${pad(d.day)}`;
        const last = addDaysToDay(first, offset);
        const end = oracleAddMonths(d.year, d.month, d.day, months);
        const oracleEnd = `${end.year}-${pad(end.month)}-${pad(end.day)}`;
        expect(isWithinMonthWindow([last, first], months)).toBe(last < oracleEnd);
      }),
    );
  });
});
