import fc from 'fast-check';
import type { Finding } from '../shared/finding';
import { durationStats, percentile, ruleCounts, summariseAudit, type SummaryInput } from './audit-summary';

function f(ruleId: string, severity: Finding['severity'] = 'error'): Finding {
  return { ruleId, severity, message: 'm', citation: 'c' };
}

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 50, null],
    [[7], 50, 7],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4, 5], 50, 3],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 100, 10],
  ])('%j p%d = %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe('durationStats', () => {
  it('puts each duration in the first bucket whose bound it does not exceed', () => {
    const stats = durationStats([1, 1.04, 3, 14, 15, 92, 365, 366, 400]);
    expect(stats.buckets).toEqual([
      { upToDays: 1, count: 1 },
      { upToDays: 7, count: 2 },
      { upToDays: 14, count: 1 },
      { upToDays: 31, count: 1 },
      { upToDays: 92, count: 1 },
      { upToDays: 183, count: 0 },
      { upToDays: 366, count: 2 },
      { upToDays: null, count: 1 },
    ]);
    expect(stats).toMatchObject({ count: 9, minDays: 1, maxDays: 400, medianDays: 15, p90Days: 400 });
  });

  it('is empty without orders', () => {
    expect(durationStats([])).toMatchObject({ count: 0, minDays: null, medianDays: null, meanDays: null });
  });

  it('keeps every duration in exactly one bucket, between min and max (invariant)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 2000, noNaN: true }), { maxLength: 60 }), (days) => {
        const stats = durationStats(days);
        expect(stats.buckets.reduce((a, b) => a + b.count, 0)).toBe(days.length);
        if (days.length) {
          expect(stats.minDays!).toBeLessThanOrEqual(stats.medianDays!);
          expect(stats.medianDays!).toBeLessThanOrEqual(stats.p90Days!);
          expect(stats.p90Days!).toBeLessThanOrEqual(stats.maxDays!);
        }
      }),
    );
  });
});

describe('ruleCounts and summariseAudit', () => {
  const rows: SummaryInput[] = [
    { basis: 'GEMW_172A', totalDays: 365, findings: [f('GW172A-EXTENSIONS'), f('GW172A-EXTENSIONS'), f('GW172A-REVIEW', 'warning')] },
    { basis: 'GEMW_172A', totalDays: 92, findings: [f('GW172A-REVIEW', 'warning')] },
    { basis: 'APV', totalDays: 1, findings: [f('X-UNLISTED')] },
    { basis: 'GEMW_172_3', totalDays: 3, findings: [] },
  ];

  it('counts orders and findings per rule id, every listed id first, unknown ids after', () => {
    expect(ruleCounts(rows, ['GW172A-EXTENSIONS', 'GW172A-REVIEW', 'GW172A-FEAR'])).toEqual([
      { ruleId: 'GW172A-EXTENSIONS', orders: 1, findings: 2, errors: 2, warnings: 0 },
      { ruleId: 'GW172A-REVIEW', orders: 2, findings: 2, errors: 0, warnings: 2 },
      { ruleId: 'GW172A-FEAR', orders: 0, findings: 0, errors: 0, warnings: 0 },
      { ruleId: 'X-UNLISTED', orders: 1, findings: 1, errors: 1, warnings: 0 },
    ]);
  });

  it('counts orders per basis, summing to the number of orders', () => {
    const summary = summariseAudit(rows, []);
    expect(summary.perBasis).toEqual({ GEMW_172_3: 1, GEMW_172A: 2, APV: 1 });
    expect(Object.values(summary.perBasis).reduce((a, b) => a + b, 0)).toBe(summary.orders);
    expect(summary.durations.count).toBe(4);
  });
});
