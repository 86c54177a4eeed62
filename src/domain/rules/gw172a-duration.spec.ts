import type { Extension, Motivation } from '../order/order';
import { addDaysToDay } from '../time/durations';
import { checkGw172aContinuous, checkGw172aExtensions, checkGw172aSeparateDays } from './gw172a-duration';
import { apvOrder, ctxFor, ids, issued172a, municipality, order172a } from './testing/fixtures';

const START = '2026-03-02T00:00:00+01:00';
const fear: Motivation = { fear: 'The group still meets in the centre every weekend.' };

function continuous(end: string) {
  return order172a({ validity: { mode: 'CONTINUOUS', start: START, end } });
}

function extension(decidedAt: string, previousEnd: string, newEnd: string, motivation: Motivation | undefined = fear): Extension {
  return { decidedAt, previousEnd, newEnd, motivation };
}

/** Three lawful extensions of 3 months each: 2 Jun → 2 Sep → 2 Dec 2026 → 2 Mar 2027. */
const threeExtensions: Extension[] = [
  extension('2026-05-20T10:00:00+02:00', '2026-06-02T00:00:00+02:00', '2026-09-02T00:00:00+02:00'),
  extension('2026-08-20T10:00:00+02:00', '2026-09-02T00:00:00+02:00', '2026-12-02T00:00:00+01:00'),
  extension('2026-11-20T10:00:00+01:00', '2026-12-02T00:00:00+01:00', '2027-03-02T00:00:00+01:00'),
];

describe('GW172A-CONTINUOUS (art. 172a lid 6 sub a)', () => {
  it.each([
    ['3 months exactly', '2026-06-02T00:00:00+02:00', false],
    ['3 months and 1 minute', '2026-06-02T00:01:00+02:00', true],
    ['2 months', '2026-05-02T00:00:00+02:00', false],
    ['4 months', '2026-07-02T00:00:00+02:00', true],
    ['ending before it starts', '2026-03-01T00:00:00+01:00', true],
    ['ending when it starts', START, true],
  ])('%s → fires: %p', (_label, end, fires) => {
    expect(ids(checkGw172aContinuous(ctxFor(continuous(end))))).toEqual(fires ? ['GW172A-CONTINUOUS'] : []);
  });

  it('30 November + 3 months is 28 February: 28 Feb passes, 1 March fails', () => {
    const order = (end: string) => order172a({ validity: { mode: 'CONTINUOUS', start: '2025-11-30T12:00:00+01:00', end } });
    expect(checkGw172aContinuous(ctxFor(order('2026-02-28T12:00:00+01:00')))).toEqual([]);
    expect(checkGw172aContinuous(ctxFor(order('2026-03-01T12:00:00+01:00')))).toHaveLength(1);
  });

  it('takes the maximum from the municipality configuration', () => {
    const ctx = ctxFor(continuous('2026-06-02T00:00:00+02:00'), { municipality: municipality({ numbers: { 'gw172a.initialMaxMonths': 2 } }) });
    expect(checkGw172aContinuous(ctx)).toEqual([expect.objectContaining({ ruleId: 'GW172A-CONTINUOUS', severity: 'error', path: 'validity.end' })]);
  });

  it('judges the initial period of an extended order, whichever end the register keeps in validity.end', () => {
    const kept = issued172a({ extensions: threeExtensions });
    const moved = issued172a({ validity: { mode: 'CONTINUOUS', start: START, end: '2027-03-02T00:00:00+01:00' }, extensions: threeExtensions });
    expect(checkGw172aContinuous(ctxFor(kept))).toEqual([]);
    expect(checkGw172aContinuous(ctxFor(moved))).toEqual([]);
  });

  it('does not apply to separate-days or APV orders', () => {
    expect(checkGw172aContinuous(ctxFor(order172a({ validity: { mode: 'SEPARATE_DAYS', days: ['2026-04-01'] } })))).toEqual([]);
    expect(checkGw172aContinuous(ctxFor(apvOrder({ validity: { mode: 'CONTINUOUS', start: START, end: '2027-01-01T00:00:00+01:00' } })))).toEqual([]);
  });
});

describe('GW172A-EXTENSIONS (art. 172a lid 6 sub a)', () => {
  it('accepts three extensions of 3 months, each decided while the order runs', () => {
    expect(checkGw172aExtensions(ctxFor(issued172a({ status: 'EXTENDED', extensions: threeExtensions })))).toEqual([]);
  });

  it('rejects a fourth extension (4 vs 3)', () => {
    const fourth = extension('2027-02-20T10:00:00+01:00', '2027-03-02T00:00:00+01:00', '2027-06-02T00:00:00+02:00');
    const findings = checkGw172aExtensions(ctxFor(issued172a({ extensions: [...threeExtensions, fourth] })));
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'GW172A-EXTENSIONS', path: 'extensions[3]', message: expect.stringContaining('At most 3') }));
    expect(findings).toContainEqual(expect.objectContaining({ path: 'extensions', message: expect.stringContaining('12 months') }));
  });

  it('rejects a proposed fourth extension at action EXTEND', () => {
    const fourth = extension('2027-02-20T10:00:00+01:00', '2027-03-02T00:00:00+01:00', '2027-04-02T00:00:00+02:00');
    const ctx = ctxFor(issued172a({ extensions: threeExtensions }), { now: '2027-02-20T10:00:00+01:00', action: { kind: 'EXTEND', extension: fourth } });
    expect(checkGw172aExtensions(ctx).map((f) => f.path)).toContain('action.extension');
  });

  it.each([
    ['decided one minute before the end', '2026-06-01T23:59:00+02:00', false],
    ['decided at the end (the order has expired)', '2026-06-02T00:00:00+02:00', true],
    ['decided the day after the end', '2026-06-03T10:00:00+02:00', true],
  ])('a proposed extension %s → fires: %p', (_label, decidedAt, fires) => {
    const proposed = extension(decidedAt, '2026-06-02T00:00:00+02:00', '2026-09-02T00:00:00+02:00');
    const ctx = ctxFor(issued172a(), { now: decidedAt, action: { kind: 'EXTEND', extension: proposed } });
    const expected = fires ? [expect.objectContaining({ ruleId: 'GW172A-EXTENSIONS', path: 'action.extension.decidedAt' })] : [];
    expect(checkGw172aExtensions(ctx)).toEqual(expected);
  });

  it.each([
    ['3 months exactly', '2026-09-02T00:00:00+02:00', false],
    ['3 months and 1 minute', '2026-09-02T00:01:00+02:00', true],
    ['a new end before the previous end', '2026-05-30T00:00:00+02:00', true],
  ])('an extension lasting %s → fires: %p', (_label, newEnd, fires) => {
    const ext = extension('2026-05-20T10:00:00+02:00', '2026-06-02T00:00:00+02:00', newEnd);
    expect(ids(checkGw172aExtensions(ctxFor(issued172a({ extensions: [ext] }))))).toEqual(fires ? ['GW172A-EXTENSIONS'] : []);
  });

  it('needs its own motivation showing the fear still exists', () => {
    const ext = extension('2026-05-20T10:00:00+02:00', '2026-06-02T00:00:00+02:00', '2026-09-02T00:00:00+02:00', { necessity: 'still needed' });
    expect(checkGw172aExtensions(ctxFor(issued172a({ extensions: [ext] })))).toEqual([
      expect.objectContaining({ path: 'extensions[0].motivation.fear' }),
    ]);
  });

  it('must follow on the previous end', () => {
    const gap = [threeExtensions[0], { ...threeExtensions[1], previousEnd: '2026-09-10T00:00:00+02:00', newEnd: '2026-12-10T00:00:00+01:00' }];
    expect(checkGw172aExtensions(ctxFor(issued172a({ extensions: gap })))).toContainEqual(
      expect.objectContaining({ path: 'extensions[1].previousEnd' }),
    );
  });

  it('cannot extend a withdrawn order', () => {
    const proposed = extension('2026-05-20T10:00:00+02:00', '2026-06-02T00:00:00+02:00', '2026-09-02T00:00:00+02:00');
    const order = issued172a({ status: 'WITHDRAWN', withdrawnAt: '2026-05-01T10:00:00+02:00' });
    const ctx = ctxFor(order, { now: '2026-05-20T10:00:00+02:00', action: { kind: 'EXTEND', extension: proposed } });
    expect(checkGw172aExtensions(ctx)).toEqual([expect.objectContaining({ path: 'action.extension.decidedAt' })]);
  });

  it('only a continuous 172a order can be extended', () => {
    const ext = extension('2026-03-01T16:00:00+01:00', '2026-03-02T15:00:00+01:00', '2026-03-03T15:00:00+01:00');
    expect(checkGw172aExtensions(ctxFor(apvOrder({ extensions: [ext] })))).toEqual([expect.objectContaining({ path: 'extensions' })]);
    const days = order172a({ validity: { mode: 'SEPARATE_DAYS', days: ['2026-04-01'] }, extensions: [ext] });
    expect(ids(checkGw172aExtensions(ctxFor(days)))).toEqual(['GW172A-EXTENSIONS']);
  });

  it('says nothing about an order without extensions', () => {
    expect(checkGw172aExtensions(ctxFor(issued172a()))).toEqual([]);
  });
});

function consecutiveDays(first: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDaysToDay(first, i));
}

describe('GW172A-SEPARATE-DAYS (art. 172a lid 6 sub b)', () => {
  const separate = (days: string[]) => order172a({ validity: { mode: 'SEPARATE_DAYS', days } });

  it.each([
    ['the 90th day', consecutiveDays('2026-04-01', 90), false],
    ['the 91st day', consecutiveDays('2026-04-01', 91), true],
    ['90 days with one listed twice', [...consecutiveDays('2026-04-01', 90), '2026-04-01'], false],
    ['24 months exactly (1 Mar 2026 to 29 Feb 2028)', ['2026-03-01', '2027-01-01', '2028-02-29'], false],
    ['24 months and 1 day (1 Mar 2026 to 1 Mar 2028)', ['2026-03-01', '2027-01-01', '2028-03-01'], true],
    ['no days at all', [], true],
  ])('%s → fires: %p', (_label, days, fires) => {
    expect(ids(checkGw172aSeparateDays(ctxFor(separate(days))))).toEqual(fires ? ['GW172A-SEPARATE-DAYS'] : []);
  });

  it('reports both the count and the window when both are exceeded', () => {
    const days = [...consecutiveDays('2026-04-01', 91), '2028-06-01'];
    expect(checkGw172aSeparateDays(ctxFor(separate(days)))).toHaveLength(2);
  });

  it('takes the numbers from the municipality configuration', () => {
    const ctx = ctxFor(separate(consecutiveDays('2026-04-01', 11)), { municipality: municipality({ numbers: { 'gw172a.separateDaysMax': 10 } }) });
    expect(checkGw172aSeparateDays(ctx)).toEqual([expect.objectContaining({ severity: 'error', path: 'validity.days' })]);
  });

  it('does not apply to continuous orders', () => {
    expect(checkGw172aSeparateDays(ctxFor(order172a()))).toEqual([]);
  });
});
