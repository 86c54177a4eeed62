import fc from 'fast-check';
import { DomainError } from '../shared/domain-error';
import { addDaysToDay } from './durations';
import {
  easterSunday,
  generallyRecognisedHolidays,
  isAtwNonWorkingDay,
  kingsDay,
  nextAtwWorkingDay,
  objectionDeadline,
} from './holidays';

const ZONE = 'Europe/Amsterdam';

describe('Easter and the holidays of the Algemene termijnenwet', () => {
  it.each([
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2025, '2025-04-20'],
  ])('Easter Sunday %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('lists the 2026 holidays derived from Easter 5 April', () => {
    expect(generallyRecognisedHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-03', // Good Friday
      '2026-04-06', // Easter Monday
      '2026-04-27', // King's Day
      '2026-05-05',
      '2026-05-14', // Ascension Day
      '2026-05-25', // Whit Monday
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('lists the 2027 holidays derived from Easter 28 March', () => {
    expect(generallyRecognisedHolidays(2027)).toEqual([
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-04-27',
      '2027-05-05',
      '2027-05-06',
      '2027-05-17',
      '2027-12-25',
      '2027-12-26',
    ]);
  });

  it.each([
    [2025, '2025-04-26'], // the 27th is a Sunday
    [2031, '2031-04-26'],
    [2026, '2026-04-27'],
    [2030, '2030-04-27'], // the 27th is a Saturday: it stays
  ])("King's Day %i is %s", (year, expected) => {
    expect(kingsDay(year)).toBe(expected);
  });

  it('adds configured extra days of their year only', () => {
    const list = generallyRecognisedHolidays(2026, ['2026-10-13', '2027-01-04']);
    expect(list).toContain('2026-10-13');
    expect(list).not.toContain('2027-01-04');
  });

  it.each([
    ['2026-10-17', true], // Saturday
    ['2026-10-18', true], // Sunday
    ['2026-04-06', true], // Easter Monday
    ['2026-10-13', false], // Tuesday
    ['2026-04-05', true], // Easter Sunday is a Sunday
  ])('%s is a non-working day for the Atw: %p', (day, expected) => {
    expect(isAtwNonWorkingDay(day)).toBe(expected);
  });

  it('moves past a run of closed days to the next working day', () => {
    expect(nextAtwWorkingDay('2026-04-03')).toBe('2026-04-07');
    expect(nextAtwWorkingDay('2026-04-08')).toBe('2026-04-08');
  });

  it('rejects an impossible day', () => {
    expect(() => isAtwNonWorkingDay('2026-02-30')).toThrow(DomainError);
  });
});

describe('objectionDeadline (AWB-6-7-OBJECTION-TERM: Awb 6:7, 6:8 and the Atw)', () => {
  it.each([
    ['notified Tue 1 Sep: last day Tue 13 Oct', '2026-09-01T10:00:00+02:00', [], '2026-10-13'],
    ["ending on King's Day Mon 27 Apr 2026 runs to Tue 28 Apr", '2026-03-16T10:00:00+01:00', [], '2026-04-28'],
    ["ending on King's Day Tue 27 Apr 2027 runs to Wed 28 Apr", '2027-03-16T10:00:00+01:00', [], '2027-04-28'],
    ['ending on Easter Monday 6 Apr 2026 runs to Tue 7 Apr', '2026-02-23T10:00:00+01:00', [], '2026-04-07'],
    ['ending on Good Friday runs past Easter to Tue 7 Apr', '2026-02-20T10:00:00+01:00', [], '2026-04-07'],
    ['ending on Saturday 17 Oct runs to Monday 19 Oct', '2026-09-05T10:00:00+02:00', [], '2026-10-19'],
    ['ending on 5 May 2027 runs past Ascension to Fri 7 May', '2027-03-24T10:00:00+01:00', [], '2027-05-07'],
    ['ending on Whit Monday 25 May 2026 runs to Tue 26 May', '2026-04-13T10:00:00+02:00', [], '2026-05-26'],
    ['ending on Christmas Day (Fri) runs to Mon 28 Dec', '2026-11-13T10:00:00+01:00', [], '2026-12-28'],
    ['ending on a configured extra holiday runs on a day', '2026-09-01T10:00:00+02:00', ['2026-10-13'], '2026-10-14'],
    ['notified 23:30 UTC = 1 Sep 01:30 local counts from 1 Sep', '2026-08-31T23:30:00Z', [], '2026-10-13'],
    ['notified 21:30 UTC = 31 Aug 23:30 local counts from 31 Aug', '2026-08-31T21:30:00Z', [], '2026-10-12'],
    ['a calendar-day notification', '2026-09-01', [], '2026-10-13'],
  ])('%s', (_label, notifiedAt, extra, expected) => {
    expect(objectionDeadline(notifiedAt, ZONE, extra)).toBe(expected);
  });

  it('property: never before 6 weeks, never on a closed day, and every day skipped was closed', () => {
    const dayArb = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDaysToDay('2020-01-01', n));
    fc.assert(
      fc.property(dayArb, (notified) => {
        const deadline = objectionDeadline(notified, ZONE, []);
        const sixWeeks = addDaysToDay(notified, 42);
        expect(deadline >= sixWeeks).toBe(true);
        expect(isAtwNonWorkingDay(deadline)).toBe(false);
        for (let d = sixWeeks; d < deadline; d = addDaysToDay(d, 1)) expect(isAtwNonWorkingDay(d)).toBe(true);
      }),
    );
  });
});
