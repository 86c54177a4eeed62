import fc from 'fast-check';
import { DateTime } from 'luxon';
import { order172a, ctxFor } from '../rules/testing/fixtures';
import { addMonths } from '../time/durations';
import { hearingRecord, motivationCompleteness, orderDurations, periodLength, separateDaysSummary } from './order-audit';

const ZONE = 'Europe/Amsterdam';

describe('periodLength (calendar days and months in the zone, elapsed hours)', () => {
  it.each([
    ['3 months over the spring change', '2026-01-05T00:00:00+01:00', '2026-04-05T00:00:00+02:00', { days: 90, months: 3, hours: 2159 }],
    ['12 months from 5 December', '2026-12-05T00:00:00+01:00', '2027-12-05T00:00:00+01:00', { days: 365, months: 12, hours: 8760 }],
    ['30 November + 3 months = 28 February', '2025-11-30T10:00:00+01:00', '2026-02-28T10:00:00+01:00', { days: 90, months: 3, hours: 2160 }],
    ['24 elapsed hours across the spring change', '2026-03-28T15:00:00+01:00', '2026-03-29T16:00:00+02:00', { days: 1.04, months: 0.03, hours: 24 }],
    ['the day the clocks go back is one day', '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', { days: 1, months: 0.03, hours: 25 }],
  ])('%s', (_, start, end, expected) => {
    expect(periodLength(start, end, ZONE)).toEqual(expected);
  });

  it('counts n calendar months from any start as exactly n months (month ends clamp)', () => {
    const arb = fc.record({
      day: fc.integer({ min: 1, max: 28 }).chain((d) => fc.constant(d)),
      month: fc.integer({ min: 1, max: 12 }),
      year: fc.integer({ min: 2000, max: 2060 }),
      hour: fc.integer({ min: 3, max: 23 }),
      months: fc.integer({ min: 1, max: 24 }),
    });
    fc.assert(
      fc.property(arb, ({ day, month, year, hour, months }) => {
        const start = DateTime.fromObject({ year, month, day, hour }, { zone: ZONE }).toISO() as string;
        expect(periodLength(start, addMonths(start, months, ZONE), ZONE).months).toBe(months);
      }),
    );
  });
});

describe('orderDurations', () => {
  it('gives a continuous order without extensions its initial period as total', () => {
    const d = orderDurations(order172a(), ZONE);
    expect(d).toMatchObject({ mode: 'CONTINUOUS', start: '2026-03-02T00:00:00+01:00', end: '2026-06-02T00:00:00+02:00', totalDays: 92 });
    expect(d.total).toEqual(d.initial);
    expect(d.total?.months).toBe(3);
    expect(d.extensions).toEqual({ count: 0, lengths: [] });
    expect(d.separateDays).toBeNull();
  });

  it('includes three extensions of 3 months in the total: 12 months, each extension 3 months', () => {
    const ends = ['2026-09-02T00:00:00+02:00', '2026-12-02T00:00:00+01:00', '2027-03-02T00:00:00+01:00'];
    const starts = ['2026-06-02T00:00:00+02:00', ...ends.slice(0, 2)];
    const extensions = ends.map((newEnd, i) => ({ decidedAt: '2026-05-20T10:00:00+02:00', previousEnd: starts[i], newEnd }));
    const d = orderDurations(order172a({ extensions, status: 'EXTENDED' }), ZONE);
    expect(d.total).toMatchObject({ months: 12, days: 365 });
    expect(d.initial?.months).toBe(3);
    expect(d.initialEnd).toBe('2026-06-02T00:00:00+02:00');
    expect(d.end).toBe('2027-03-02T00:00:00+01:00');
    expect(d.extensions.count).toBe(3);
    expect(d.extensions.lengths.map((l) => l.months)).toEqual([3, 3, 3]);
    // invariant: the initial period and the extensions add up to the total
    const days = (d.initial?.days ?? 0) + d.extensions.lengths.reduce((a, l) => a + l.days, 0);
    expect(days).toBeCloseTo(d.totalDays, 5);
  });

  it('counts separate days once each, with their window', () => {
    const d = orderDurations(order172a({ validity: { mode: 'SEPARATE_DAYS', days: ['2026-05-02', '2026-03-07', '2026-05-02', '2027-03-06'] } }), ZONE);
    expect(d).toMatchObject({ mode: 'SEPARATE_DAYS', totalDays: 3, start: '2026-03-07T00:00:00+01:00', end: '2027-03-07T00:00:00+01:00', total: null });
    expect(d.separateDays).toEqual({ count: 3, firstDay: '2026-03-07', lastDay: '2027-03-06', window: { days: 365, months: 12, hours: 8760 } });
  });

  it('has no separate-days summary without days', () => {
    expect(separateDaysSummary([], ZONE)).toBeNull();
  });
});

describe('hearingRecord', () => {
  const signatory = { role: 'MAYOR' as const, name: 'B' };
  it.each([
    [{ signatory, hearingSkippedGround: 'URGENCY' as const, intentSentAt: '2026-01-01T10:00:00+01:00' }, 'SKIPPED'],
    [{ signatory, intentSentAt: '2026-01-01T10:00:00+01:00', viewReceivedAt: '2026-01-05T10:00:00+01:00' }, 'VIEW_RECEIVED'],
    [{ signatory, intentSentAt: '2026-01-01T10:00:00+01:00', noViewReceived: true }, 'NO_VIEW_RECEIVED'],
    [{ signatory, intentSentAt: '2026-01-01T10:00:00+01:00' }, 'AWAITING_VIEW'],
    [{ signatory }, 'NOT_HEARD'],
  ])('%j is %s', (procedure, status) => {
    expect(hearingRecord(procedure).status).toBe(status);
  });
});

describe('motivationCompleteness', () => {
  it('is complete for a fully motivated 172a order', () => {
    expect(motivationCompleteness(ctxFor(order172a()))).toEqual({
      complete: true,
      present: ['fear', 'suitability', 'necessity', 'balance'],
      missing: [],
      deferredUntil: null,
    });
  });

  it('names the fear and the proportionality parts a 172a order lacks', () => {
    const ctx = ctxFor(order172a({}, { motivation: { suitability: 'Past.', balance: '   ' } }));
    expect(motivationCompleteness(ctx)).toMatchObject({ complete: false, present: ['suitability'], missing: ['fear', 'necessity', 'balance'] });
  });
});
