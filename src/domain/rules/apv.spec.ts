import type { PersonHistory } from '../order/order';
import { checkApvAreaBanOnly, checkApvEscalationStep, checkApvMaxDuration, checkApvWithin172aCap } from './apv';
import { allowedStep, qualifyingPriors } from './apv-ladder';
import { apvOrder, ctxFor, ids, municipality, municipalityWithoutApv, order172a } from './testing/fixtures';

const START = '2026-03-01T15:00:00+01:00';

function lasting(end: string, apvStep?: number, start = START) {
  return apvOrder({ basis: { kind: 'APV', apvArticle: '2:78', apvStep }, validity: { mode: 'CONTINUOUS', start, end } });
}

function history(earlier: Partial<PersonHistory['earlierOrders'][number]>[] = [], violations: PersonHistory['violations'] = []): PersonHistory {
  return {
    earlierOrders: earlier.map((o, i) => ({
      id: `earlier-${i}`,
      basisKind: 'APV',
      apvArticle: '2:78',
      start: '2025-12-01T15:00:00+01:00',
      end: '2025-12-02T15:00:00+01:00',
      status: 'EXPIRED',
      apvStep: 1,
      ...o,
    })),
    violations,
  };
}

/** The older model ladder: 24/48 hours; then 48 hours to 4 weeks; then 4 weeks to 3 months. */
const olderModel = municipality({
  apv: {
    article: '2:76a',
    ladder: [
      { step: 1, maxDuration: 'PT48H' },
      { step: 2, minDuration: 'PT48H', maxDuration: 'P4W' },
      { step: 3, minDuration: 'P4W', maxDuration: 'P3M' },
    ],
    lookBackMonths: 6,
  },
});

describe('APV-AREA-BAN-ONLY', () => {
  it('fires for every measure of an APV order that is no area ban', () => {
    const order = apvOrder({
      measures: [
        { type: 'AREA_BAN', zoneIds: ['winkelgebied'] },
        { type: 'GROUP_BAN', zoneIds: ['winkelgebied'] },
        { type: 'REPORTING_DUTY', place: { name: 'Bureau', municipalityCode: 'GM1991' } },
      ],
    });
    expect(checkApvAreaBanOnly(ctxFor(order)).map((f) => [f.ruleId, f.path])).toEqual([
      ['APV-AREA-BAN-ONLY', 'measures[1].type'],
      ['APV-AREA-BAN-ONLY', 'measures[2].type'],
    ]);
  });

  it('does not fire for an area ban, nor for a 172a reporting duty', () => {
    expect(checkApvAreaBanOnly(ctxFor(apvOrder()))).toEqual([]);
    expect(checkApvAreaBanOnly(ctxFor(order172a()))).toEqual([]);
  });
});

describe('APV-MAX-DURATION (the APV ladder)', () => {
  it.each([
    ['24 hours, step 1 claimed', '2026-03-02T15:00:00+01:00', 1, false],
    ['24 hours and 1 minute, step 1 claimed', '2026-03-02T15:01:00+01:00', 1, true],
    ['4 weeks, step 2 claimed', '2026-03-29T15:00:00+02:00', 2, false],
    ['4 weeks and 1 minute, step 2 claimed', '2026-03-29T15:01:00+02:00', 2, true],
    ['4 weeks, no step claimed (fits step 2)', '2026-03-29T15:00:00+02:00', undefined, false],
    ['4 weeks and 1 minute, no step claimed (beyond the top)', '2026-03-29T15:01:00+02:00', undefined, true],
    ['a claimed step the ladder does not have', '2026-03-02T15:00:00+01:00', 3, true],
    ['ending before it starts', '2026-03-01T14:00:00+01:00', undefined, true],
  ])('%s → fires: %p', (_label, end, step, fires) => {
    expect(ids(checkApvMaxDuration(ctxFor(lasting(end, step))))).toEqual(fires ? ['APV-MAX-DURATION'] : []);
  });

  it('counts 24 hours as elapsed time across the spring change (15:00 → 16:00 next day)', () => {
    const from = '2026-03-28T15:00:00+01:00';
    expect(checkApvMaxDuration(ctxFor(lasting('2026-03-29T16:00:00+02:00', 1, from)))).toEqual([]);
    expect(checkApvMaxDuration(ctxFor(lasting('2026-03-29T16:01:00+02:00', 1, from)))).toHaveLength(1);
  });

  it('respects a minimum of the step (older model: step 2 is 48 hours to 4 weeks)', () => {
    const order = (end: string) =>
      apvOrder({ basis: { kind: 'APV', apvArticle: '2:76a', apvStep: 2 }, validity: { mode: 'CONTINUOUS', start: START, end } });
    expect(checkApvMaxDuration(ctxFor(order('2026-03-02T21:00:00+01:00'), { municipality: olderModel }))).toHaveLength(1);
    expect(checkApvMaxDuration(ctxFor(order('2026-03-03T15:00:00+01:00'), { municipality: olderModel }))).toEqual([]);
  });

  it('needs an APV provision, on the article the order names, for one continuous period', () => {
    expect(checkApvMaxDuration(ctxFor(apvOrder(), { municipality: municipalityWithoutApv() }))[0].path).toBe('basis.apvArticle');
    expect(checkApvMaxDuration(ctxFor(apvOrder({ basis: { kind: 'APV', apvArticle: '2:79' } })))[0].message).toContain('2:79');
    expect(checkApvMaxDuration(ctxFor(apvOrder({ validity: { mode: 'SEPARATE_DAYS', days: ['2026-03-07'] } })))[0].path).toBe('validity');
  });

  it('does not apply to a 172a order', () => {
    expect(checkApvMaxDuration(ctxFor(order172a()))).toEqual([]);
  });
});

describe('APV-ESCALATION-STEP (look-back of the APV)', () => {
  const fourWeeks = lasting('2026-03-29T15:00:00+02:00');

  it.each([
    ['no earlier ban', history(), true],
    ['an earlier ban 3 months before', history([{}]), false],
    ['an earlier ban exactly 6 months before', history([{ start: '2025-09-01T15:00:00+02:00' }]), false],
    ['an earlier ban 6 months and 1 day before', history([{ start: '2025-08-31T15:00:00+02:00' }]), true],
    ['an earlier ban that was revoked', history([{ status: 'REVOKED' }]), true],
    ['an earlier ban that never was issued', history([{ status: 'DRAFT' }]), true],
    ['an earlier ban on another APV article', history([{ apvArticle: '2:1' }]), true],
    ['an earlier 172a order', history([{ basisKind: 'GEMW_172A', apvStep: undefined }]), true],
    [
      'a violation within the look-back of an older ban',
      history([{ id: 'old', start: '2025-06-01T15:00:00+02:00' }], [{ id: 'v1', at: '2026-01-10T12:00:00+01:00', orderId: 'old', kind: 'AREA_BAN' }]),
      false,
    ],
  ])('a 4-week ban with %s → fires: %p', (_label, record, fires) => {
    expect(ids(checkApvEscalationStep(ctxFor(fourWeeks, { history: record })))).toEqual(fires ? ['APV-ESCALATION-STEP'] : []);
  });

  it('a claimed step 2 needs priors even for a short ban', () => {
    expect(checkApvEscalationStep(ctxFor(lasting('2026-03-02T15:00:00+01:00', 2)))).toEqual([
      expect.objectContaining({ severity: 'error', path: 'basis.apvStep' }),
    ]);
  });

  it('step 1 needs no priors', () => {
    expect(checkApvEscalationStep(ctxFor(apvOrder()))).toEqual([]);
  });

  it('climbs one step at a time (older model: step 3 needs a step-2 prior)', () => {
    const threeMonths = apvOrder({
      basis: { kind: 'APV', apvArticle: '2:76a' },
      validity: { mode: 'CONTINUOUS', start: START, end: '2026-06-01T15:00:00+02:00' },
    });
    const withStep = (apvStep: number) => history([{ apvArticle: '2:76a', apvStep }]);
    expect(ids(checkApvEscalationStep(ctxFor(threeMonths, { municipality: olderModel, history: withStep(1) })))).toEqual(['APV-ESCALATION-STEP']);
    expect(checkApvEscalationStep(ctxFor(threeMonths, { municipality: olderModel, history: withStep(2) }))).toEqual([]);
    expect(allowedStep(ctxFor(threeMonths, { municipality: olderModel, history: withStep(3) }), olderModel.apv!, START)).toBe(3);
  });

  it('lists the priors it found', () => {
    const ctx = ctxFor(fourWeeks, { history: history([{}]) });
    expect(qualifyingPriors(ctx, municipality().apv!, START)).toEqual([
      { orderId: 'earlier-0', step: 1, via: 'ORDER', at: '2025-12-01T15:00:00+01:00' },
    ]);
  });
});

describe('APV-WITHIN-172A-CAP (ECLI:NL:RVS:2025:772)', () => {
  it.each([
    ['12 months exactly', '2027-03-01T15:00:00+01:00', false],
    ['12 months and 1 minute', '2027-03-01T15:01:00+01:00', true],
    ['6 years (Heerenveen)', '2032-03-01T15:00:00+01:00', true],
    ['24 hours', '2026-03-02T15:00:00+01:00', false],
  ])('%s → fires: %p', (_label, end, fires) => {
    expect(ids(checkApvWithin172aCap(ctxFor(lasting(end))))).toEqual(fires ? ['APV-WITHIN-172A-CAP'] : []);
  });

  it('does not apply to a 172a order', () => {
    expect(checkApvWithin172aCap(ctxFor(order172a({ validity: { mode: 'CONTINUOUS', start: START, end: '2028-01-01T00:00:00+01:00' } })))).toEqual([]);
  });
});
