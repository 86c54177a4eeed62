import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { ScheduleWindow, WEEKDAYS, Weekday } from '../order/order';
import {
  dayInterval,
  inHalfOpen,
  localAndUtc,
  localDay,
  matchSchedule,
  matchSeparateDay,
  offsetAt,
  parseClockTime,
  parseInstant,
  wallToInstant,
} from './windows';

const AMS = 'Europe/Amsterdam';
const at = (iso: string) => parseInstant(iso);
const win = (days: Weekday[], from: string, to: string): ScheduleWindow => ({ days, from, to });

describe('parseInstant', () => {
  it.each([
    ['2026-03-29T01:30:00+01:00', Date.UTC(2026, 2, 29, 0, 30)],
    ['2026-03-29T00:30:00Z', Date.UTC(2026, 2, 29, 0, 30)],
    ['2026-03-29t00:30:00.250z', Date.UTC(2026, 2, 29, 0, 30, 0, 250)],
    ['2026-03-29T02:30-05:00', Date.UTC(2026, 2, 29, 7, 30)],
  ])('parses %s', (iso, expected) => expect(parseInstant(iso)).toBe(expected));

  it.each(['2026-03-29T01:30:00', '2026-02-30T00:00:00Z', '2026-03-29T24:00:00Z', '2026-03-29', 'yesterday'])(
    'rejects %s',
    (iso) => expect(() => parseInstant(iso)).toThrow(/RFC 3339/),
  );
});

describe('parseClockTime', () => {
  it('reads HH:mm as minutes after midnight', () => expect(parseClockTime('20:15')).toBe(20 * 60 + 15));
  it.each(['24:00', '7:00', '12:60', '1200'])('rejects %s', (t) => expect(() => parseClockTime(t)).toThrow());
});

describe('matchSchedule on an ordinary day', () => {
  const saturdays = [win(['SAT'], '10:00', '18:00')];

  it('matches inside the window, start inclusive, and returns the window in local time and UTC', () => {
    const m = matchSchedule(saturdays, '2026-06-06T10:00:00+02:00', AMS);
    expect(m).toEqual({
      window: saturdays[0],
      windowIndex: 0,
      day: '2026-06-06',
      from: { local: '2026-06-06T10:00:00+02:00', utc: '2026-06-06T08:00:00Z' },
      to: { local: '2026-06-06T18:00:00+02:00', utc: '2026-06-06T16:00:00Z' },
    });
  });

  it.each([
    ['the end is exclusive', '2026-06-06T18:00:00+02:00'],
    ['before the start', '2026-06-06T09:59:59+02:00'],
    ['another weekday', '2026-06-05T12:00:00+02:00'],
  ])('does not match: %s', (_why, iso) => expect(matchSchedule(saturdays, iso, AMS)).toBeNull());

  it('reads the instant in the zone, not in UTC (Saturday 00:30 local is Friday in UTC)', () => {
    const nights = [win(['SAT'], '00:00', '01:00')];
    expect(matchSchedule(nights, '2026-06-05T22:30:00Z', AMS)?.day).toBe('2026-06-06');
  });

  it('reports the index of the window that matched', () => {
    const two = [win(['MON'], '08:00', '09:00'), win(['SAT'], '10:00', '18:00')];
    expect(matchSchedule(two, '2026-06-06T12:00:00+02:00', AMS)?.windowIndex).toBe(1);
  });
});

describe('matchSchedule across midnight', () => {
  const fridayNight = [win(['FRI'], '20:00', '06:00')];

  it('a window belongs to the day it starts on: Saturday 05:59 is in Friday night', () => {
    const m = matchSchedule(fridayNight, '2026-06-06T05:59:00+02:00', AMS);
    expect(m?.day).toBe('2026-06-05');
    expect(m?.to.local).toBe('2026-06-06T06:00:00+02:00');
  });

  it.each([
    ['Saturday 06:00 (end exclusive)', '2026-06-06T06:00:00+02:00'],
    ['Friday 19:59', '2026-06-05T19:59:00+02:00'],
    ['Friday 05:00 (Thursday night is not in the order)', '2026-06-05T05:00:00+02:00'],
    ['Saturday 23:00', '2026-06-06T23:00:00+02:00'],
  ])('does not match %s', (_why, iso) => expect(matchSchedule(fridayNight, iso, AMS)).toBeNull());

  it('from == to is a full 24-hour window starting at that time', () => {
    const day = [win(['MON'], '10:00', '10:00')];
    expect(matchSchedule(day, '2026-06-09T09:59:00+02:00', AMS)?.day).toBe('2026-06-08');
    expect(matchSchedule(day, '2026-06-09T10:00:00+02:00', AMS)).toBeNull();
  });
});

describe('matchSchedule on the spring-forward day (2026-03-29, 02:00 CET -> 03:00 CEST)', () => {
  it('a start time inside the gap (02:30) starts when the clock jumps, 03:00 CEST', () => {
    const w = [win(['SUN'], '02:30', '04:00')];
    expect(matchSchedule(w, '2026-03-29T00:59:59Z', AMS)).toBeNull();
    const m = matchSchedule(w, '2026-03-29T01:00:00Z', AMS);
    expect(m?.from).toEqual({ local: '2026-03-29T03:00:00+02:00', utc: '2026-03-29T01:00:00Z' });
    expect(m?.to).toEqual({ local: '2026-03-29T04:00:00+02:00', utc: '2026-03-29T02:00:00Z' });
  });

  it('a night window over the change lasts 7 real hours (22:00 CET to 06:00 CEST)', () => {
    const w = [win(['SAT'], '22:00', '06:00')];
    const m = matchSchedule(w, '2026-03-29T03:59:00Z', AMS);
    expect(m?.from.utc).toBe('2026-03-28T21:00:00Z');
    expect(m?.to.utc).toBe('2026-03-29T04:00:00Z');
    expect(matchSchedule(w, '2026-03-29T04:00:00Z', AMS)).toBeNull();
  });

  it('an end time inside the gap (02:30) ends when the clock jumps', () => {
    const w = [win(['SAT'], '20:00', '02:30')];
    expect(matchSchedule(w, '2026-03-29T00:59:00Z', AMS)?.to.local).toBe('2026-03-29T03:00:00+02:00');
    expect(matchSchedule(w, '2026-03-29T01:00:00Z', AMS)).toBeNull();
  });
});

describe('matchSchedule on the fall-back day (2026-10-25, 03:00 CEST -> 02:00 CET)', () => {
  it('a night window over the change lasts 9 real hours (22:00 CEST to 06:00 CET)', () => {
    const w = [win(['SAT'], '22:00', '06:00')];
    const m = matchSchedule(w, '2026-10-25T04:59:00Z', AMS);
    expect(m?.from).toEqual({ local: '2026-10-24T22:00:00+02:00', utc: '2026-10-24T20:00:00Z' });
    expect(m?.to).toEqual({ local: '2026-10-25T06:00:00+01:00', utc: '2026-10-25T05:00:00Z' });
    expect(matchSchedule(w, '2026-10-25T05:00:00Z', AMS)).toBeNull();
  });

  it('a repeated time (02:30) means its first occurrence, 02:30 CEST', () => {
    const w = [win(['SUN'], '02:30', '05:00')];
    expect(matchSchedule(w, '2026-10-25T00:29:59Z', AMS)).toBeNull();
    expect(matchSchedule(w, '2026-10-25T00:30:00Z', AMS)?.from.local).toBe('2026-10-25T02:30:00+02:00');
  });

  it('a window ending at 02:30 ends at the first 02:30: the repeated 02:15 CET is outside it', () => {
    const w = [win(['SUN'], '01:00', '02:30')];
    expect(matchSchedule(w, '2026-10-25T00:15:00Z', AMS)?.to.utc).toBe('2026-10-25T00:30:00Z'); // 02:15 CEST
    expect(matchSchedule(w, '2026-10-25T01:15:00Z', AMS)).toBeNull(); // 02:15 CET
  });

  it('a window is contiguous: 02:30-03:00 covers the whole repeated hour', () => {
    const w = [win(['SUN'], '02:30', '03:00')];
    const m = matchSchedule(w, '2026-10-25T01:15:00Z', AMS); // 02:15 CET, after the first 02:30
    expect(m?.to).toEqual({ local: '2026-10-25T03:00:00+01:00', utc: '2026-10-25T02:00:00Z' });
  });
});

/** Reference: the wall-clock reading of the rule, valid when no window edge lies in the 02:00-03:00 change hour. */
function wallClockReference(schedule: ScheduleWindow[], instant: number): boolean {
  const local = DateTime.fromMillis(instant, { zone: AMS });
  const minutes = local.hour * 60 + local.minute;
  const today = WEEKDAYS[local.weekday - 1];
  const yesterday = WEEKDAYS[(local.weekday + 5) % 7];
  return schedule.some((w) => {
    const from = parseClockTime(w.from);
    const to = parseClockTime(w.to);
    if (from < to) return w.days.includes(today) && minutes >= from && minutes < to;
    return (w.days.includes(today) && minutes >= from) || (w.days.includes(yesterday) && minutes < to);
  });
}

describe('matchSchedule properties', () => {
  const clock = fc
    .integer({ min: 0, max: 24 * 60 - 1 })
    .filter((m) => m < 120 || m >= 180)
    .map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  const windowArb = fc.record({
    days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
    from: clock,
    to: clock,
  });
  // 2026 with both changes, weighted towards the change weekends.
  const instant = fc.oneof(
    fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
    fc.integer({ min: Date.UTC(2026, 2, 27), max: Date.UTC(2026, 2, 31) }),
    fc.integer({ min: Date.UTC(2026, 9, 23), max: Date.UTC(2026, 9, 27) }),
  );

  it('agrees with the wall-clock reading, and a match contains the instant', () => {
    fc.assert(
      fc.property(fc.array(windowArb, { minLength: 1, maxLength: 3 }), instant, (schedule, t) => {
        const m = matchSchedule(schedule, t, AMS);
        expect(m !== null).toBe(wallClockReference(schedule, t));
        if (m) {
          expect(parseInstant(m.from.utc) <= t && t < parseInstant(m.to.utc)).toBe(true);
          expect(parseInstant(m.from.local)).toBe(parseInstant(m.from.utc));
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('offsetAt (cached offsets)', () => {
  it.each([AMS, 'Asia/Tokyo', 'America/Santiago', 'Australia/Lord_Howe'])('agrees with luxon in %s', (name) => {
    const zone = IANAZone.create(name);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2031, 0, 1) }), (t) => {
        expect(offsetAt(zone, t)).toBe(zone.offset(t));
      }),
      { numRuns: 500 },
    );
  });

  it('is exact at the transition millisecond', () => {
    const zone = IANAZone.create(AMS);
    const change = Date.UTC(2026, 2, 29, 1);
    expect([offsetAt(zone, change - 1), offsetAt(zone, change)]).toEqual([60, 120]);
  });
});

describe('separate days', () => {
  it.each([
    ['2026-03-29', 23],
    ['2026-10-25', 25],
    ['2026-06-01', 24],
  ])('%s in Amsterdam lasts %i hours', (day, hours) => {
    const { start, end } = dayInterval(day, AMS);
    expect((end - start) / 3_600_000).toBe(hours);
  });

  it('the day of an instant is the local calendar day', () => {
    expect(localDay(at('2026-03-28T23:30:00Z'), AMS)).toBe('2026-03-29');
    expect(matchSeparateDay(['2026-03-29'], at('2026-03-28T23:30:00Z'), AMS)).toBe('2026-03-29');
    expect(matchSeparateDay(['2026-03-29'], at('2026-03-28T22:59:59Z'), AMS)).toBeNull();
  });

  it('where midnight does not exist (Santiago, 2026-09-06) the day starts at 01:00 and lasts 23 hours', () => {
    const { start, end } = dayInterval('2026-09-06', 'America/Santiago');
    expect(localAndUtc(start, 'America/Santiago').local).toBe('2026-09-06T01:00:00-03:00');
    expect((end - start) / 3_600_000).toBe(23);
  });

  it('a day is [00:00, next 00:00) local, in every zone', () => {
    const zones = [AMS, 'America/Santiago', 'Asia/Tokyo'];
    const dayArb = fc.integer({ min: 20_000, max: 22_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(dayArb, fc.constantFrom(...zones), (day, zone) => {
        const { start, end } = dayInterval(day, zone);
        expect(localDay(start, zone)).toBe(day);
        expect(localDay(end - 1, zone)).toBe(day);
        expect(localDay(start - 1, zone)).not.toBe(day);
        expect(localDay(end, zone)).not.toBe(day);
      }),
      { numRuns: 400 },
    );
  });
});

describe('wallToInstant', () => {
  it('maps a time in a gap to the moment the clock jumps, and a repeated time to its first occurrence', () => {
    const zone = IANAZone.create(AMS);
    expect(wallToInstant(Date.UTC(2026, 2, 29, 2, 30), zone)).toBe(Date.UTC(2026, 2, 29, 1, 0));
    expect(wallToInstant(Date.UTC(2026, 9, 25, 2, 30), zone)).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(wallToInstant(Date.UTC(2026, 5, 1, 12, 0), zone)).toBe(Date.UTC(2026, 5, 1, 10, 0));
  });

  it('gives the same instants when asked again, also after its cache has been emptied by thousands of other times', () => {
    const zone = IANAZone.create(AMS);
    const gap = Date.UTC(2026, 2, 29, 2, 30);
    const first = wallToInstant(gap, zone);
    for (let minute = 0; minute < 10_000; minute++) wallToInstant(Date.UTC(2027, 0, 1) + minute * 60_000, zone);
    expect(wallToInstant(gap, zone)).toBe(first);
    expect(wallToInstant(Date.UTC(2027, 0, 1, 12, 0), zone)).toBe(Date.UTC(2027, 0, 1, 11, 0));
  });
});

describe('inHalfOpen (exemption and suspension intervals)', () => {
  const from = '2026-06-01T10:00:00+02:00';
  const until = '2026-06-01T12:00:00+02:00';
  it.each([
    ['the start is inside', '2026-06-01T10:00:00+02:00', true],
    ['the end is outside', '2026-06-01T12:00:00+02:00', false],
    ['before is outside', '2026-06-01T09:59:59+02:00', false],
  ])('%s', (_why, iso, expected) => expect(inHalfOpen(at(iso), from, until)).toBe(expected));
  it('no end means open-ended', () => expect(inHalfOpen(at('2030-01-01T00:00:00Z'), from)).toBe(true));
});

describe('localAndUtc', () => {
  it('formats both forms to the second', () => {
    expect(localAndUtc(Date.UTC(2026, 0, 15, 23, 5, 9), AMS)).toEqual({
      local: '2026-01-16T00:05:09+01:00',
      utc: '2026-01-15T23:05:09Z',
    });
  });

  it('gives equal answers when asked again, in another zone, and after its cache has been emptied', () => {
    const t = Date.UTC(2026, 6, 1, 20, 0);
    expect(localAndUtc(t, AMS)).toEqual({ local: '2026-07-01T22:00:00+02:00', utc: '2026-07-01T20:00:00Z' });
    expect(localAndUtc(t, 'America/Santiago').local).toBe('2026-07-01T16:00:00-04:00');
    for (let s = 0; s < 10_000; s++) localAndUtc(t + s * 1000, AMS);
    expect(localAndUtc(t, AMS)).toEqual({ local: '2026-07-01T22:00:00+02:00', utc: '2026-07-01T20:00:00Z' });
    expect(Object.isFrozen(localAndUtc(t, AMS))).toBe(true);
  });
});

describe('parseInstant (hand-written RFC 3339 reader)', () => {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  /** What the reader must agree with: a strict pattern, the fields checked, then Date.parse. */
  const reference = (value: string): number => {
    const s = value.trim().replace(' ', 'T').toUpperCase();
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(s);
    if (!m) return NaN;
    const [year, month, day, hour, minute, second, oh, om] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    const ok = month >= 1 && month <= 12 && day >= 1 && day <= days && hour <= 23 && minute <= 59 && second <= 59 && oh <= 23 && om <= 59;
    return ok ? Date.parse(s) : NaN;
  };
  const parsed = (value: string) => {
    try {
      return parseInstant(value);
    } catch {
      return NaN;
    }
  };
  const instantText = fc
    .record({
      year: fc.integer({ min: 1000, max: 9999 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 25 }),
      minute: fc.integer({ min: 0, max: 61 }),
      second: fc.option(fc.integer({ min: 0, max: 61 })),
      // Up to 9 digits: beyond that, Date.parse itself is erratic (".0001000000" gives 1 ms).
      fraction: fc.option(fc.stringMatching(/^[0-9]{0,9}$/)),
      sep: fc.constantFrom('T', 't', ' ', 'x'),
      offset: fc.oneof(fc.constantFrom('Z', 'z', '', '+01', 'Zz'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(([s, h, m]) => `${s}${pad(h)}:${pad(m)}`)),
    })
    .map(({ year, month, day, hour, minute, second, fraction, sep, offset }) => {
      const seconds = second === null ? '' : `:${pad(second)}${fraction === null ? '' : `.${fraction}`}`;
      return `${pad(year, 4)}-${pad(month)}-${pad(day)}${sep}${pad(hour)}:${pad(minute)}${seconds}${offset}`;
    });

  it('agrees with a strict pattern + Date.parse on valid and invalid text (fast-check)', () => {
    fc.assert(fc.property(instantText, (text) => expect(parsed(text)).toEqual(reference(text))), { numRuns: 5000, seed: 3 });
  });

  it('refuses what is not an instant with an offset, naming it', () => {
    for (const bad of ['', '2026-06-01', '2026-06-01T10:00', '2026-06-01T10:00:00.Z', '2026-06-01T10:00Z ', 'Z']) {
      if (bad.trim() === bad) expect(() => parseInstant(bad)).toThrow(/not an RFC 3339 instant/);
    }
    expect(() => parseInstant(42 as unknown as string)).toThrow(/not an RFC 3339 instant/);
  });
});
