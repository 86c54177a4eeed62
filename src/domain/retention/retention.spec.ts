import fc from 'fast-check';
import type { OrderStatus } from '../order/order';
import { orderEndedAt, planPurge, retentionExpiresAt, type RetainedOrder, type RetainedPerson } from './retention';

const order = (over: Partial<RetainedOrder>): RetainedOrder => ({
  orderId: 'o1',
  personId: 'p1',
  municipalityCode: 'GM1706',
  status: 'ISSUED',
  validUntil: '2020-03-01T00:00:00.000Z',
  lastChangedAt: '2019-12-01T10:00:00.000Z',
  ...over,
});
const FIVE = () => 5;

describe('orderEndedAt', () => {
  it.each<[string, Partial<RetainedOrder>, string | null]>([
    ['an issued order at its validity end', {}, '2020-03-01T00:00:00.000Z'],
    ['an expired extended order at its (extended) end', { status: 'EXTENDED', validUntil: '2020-06-01T00:00:00.000Z' }, '2020-06-01T00:00:00.000Z'],
    ['a suspended order at its validity end', { status: 'SUSPENDED' }, '2020-03-01T00:00:00.000Z'],
    ['a withdrawn order at the withdrawal', { status: 'WITHDRAWN', withdrawnAt: '2020-01-10T12:00:00+01:00' }, '2020-01-10T12:00:00+01:00'],
    ['a withdrawn order without a recorded instant at its last change', { status: 'WITHDRAWN' }, '2019-12-01T10:00:00.000Z'],
    ['a revoked order at the revocation', { status: 'REVOKED', revokedAt: '2020-02-02T00:00:00Z' }, '2020-02-02T00:00:00Z'],
    ['a draft at its validity end when that is later than its last change', { status: 'DRAFT' }, '2020-03-01T00:00:00.000Z'],
    ['a draft at its last change when that is later', { status: 'INTENT_SENT', lastChangedAt: '2021-01-01T00:00:00.000Z' }, '2021-01-01T00:00:00.000Z'],
    ['a draft without validity at its last change', { status: 'DRAFT', validUntil: null }, '2019-12-01T10:00:00.000Z'],
    ['an issued order without an end: never', { validUntil: null }, null],
  ])('%s', (_, over, expected) => {
    expect(orderEndedAt(order(over))).toBe(expected);
  });
});

describe('retentionExpiresAt', () => {
  it('adds calendar years (and fractions as whole months), clamping at month ends', () => {
    expect(retentionExpiresAt('2020-03-01T00:00:00.000Z', 5)).toBe('2025-03-01T00:00:00.000Z');
    expect(retentionExpiresAt('2020-02-29T12:00:00.000Z', 1)).toBe('2021-02-28T12:00:00.000Z');
    expect(retentionExpiresAt('2020-01-01T00:00:00.000Z', 0.5)).toBe('2020-07-01T00:00:00.000Z');
    expect(retentionExpiresAt('2020-01-01T00:00:00.000Z', 0)).toBe('2020-01-01T00:00:00.000Z');
  });
});

describe('planPurge', () => {
  const person = (personId: string, createdAt = '2010-01-01T00:00:00Z', municipalityCode = 'GM1706'): RetainedPerson => ({ personId, createdAt, municipalityCode });

  it('purges an order exactly when its retention period has passed, not a millisecond before', () => {
    const o = order({});
    expect(planPurge([o], [person('p1')], FIVE, '2025-02-28T23:59:59.999Z')).toEqual({ orderIds: [], personIds: [] });
    expect(planPurge([o], [person('p1')], FIVE, '2025-03-01T00:00:00.000Z')).toEqual({ orderIds: ['o1'], personIds: ['p1'] });
  });

  it('keeps a person (but not their old order) while another of their orders is within retention', () => {
    const old = order({ orderId: 'old' });
    const recent = order({ orderId: 'recent', validUntil: '2024-01-01T00:00:00Z' });
    const other = order({ orderId: 'other', personId: 'p2' });
    const plan = planPurge([old, recent, other], [person('p1'), person('p2')], FIVE, '2026-01-01T00:00:00Z');
    expect(plan).toEqual({ orderIds: ['old', 'other'], personIds: ['p2'] });
  });

  it("uses each order's own municipality's retention period", () => {
    const here = order({ orderId: 'here' });
    const there = order({ orderId: 'there', municipalityCode: 'GM0363' });
    const years = (code: string) => (code === 'GM0363' ? 10 : 5);
    expect(planPurge([here, there], [person('p1')], years, '2026-01-01T00:00:00Z')).toEqual({ orderIds: ['here'], personIds: [] });
  });

  it('in a scoped run, keeps orders of other municipalities and the persons who have one', () => {
    const here = order({ orderId: 'here' });
    const there = order({ orderId: 'there', municipalityCode: 'GM0363' });
    const elsewhere = order({ orderId: 'elsewhere', personId: 'p2', municipalityCode: 'GM0363' });
    const persons = [person('p1'), person('p2', undefined, 'GM0363')];
    const scoped = planPurge([here, there, elsewhere], persons, FIVE, '2026-01-01T00:00:00Z', (code) => code === 'GM1706');
    expect(scoped).toEqual({ orderIds: ['here'], personIds: [] });
  });

  it('purges a person who never had an order once their registration is past retention', () => {
    const persons = [person('idle', '2019-01-01T00:00:00Z'), person('new', '2025-06-01T00:00:00Z')];
    expect(planPurge([], persons, FIVE, '2026-01-01T00:00:00Z')).toEqual({ orderIds: [], personIds: ['idle'] });
  });

  it('never purges a person with an order it keeps, nor an order before its retention ends (property)', () => {
    const statuses: OrderStatus[] = ['DRAFT', 'INTENT_SENT', 'ISSUED', 'EXTENDED', 'AMENDED', 'SUSPENDED', 'WITHDRAWN', 'REVOKED'];
    const instant = fc.integer({ min: Date.UTC(2010, 0, 1), max: Date.UTC(2030, 0, 1) }).map((t) => new Date(t).toISOString());
    const arbOrder = fc.record({
      orderId: fc.uuid(),
      personId: fc.constantFrom('p1', 'p2', 'p3'),
      municipalityCode: fc.constantFrom('GM1706', 'GM0363'),
      status: fc.constantFrom(...statuses),
      validUntil: fc.option(instant, { nil: null }),
      withdrawnAt: fc.option(instant, { nil: undefined }),
      lastChangedAt: instant,
    });
    fc.assert(
      fc.property(fc.array(arbOrder, { maxLength: 12 }), instant, fc.integer({ min: 0, max: 10 }), (orders, now, years) => {
        const persons = ['p1', 'p2', 'p3', 'p4'].map((p) => person(p));
        const plan = planPurge(orders, persons, () => years, now);
        const purged = new Set(plan.orderIds);
        for (const o of orders) {
          const ended = orderEndedAt(o);
          const due = ended !== null && Date.parse(retentionExpiresAt(ended, years)) <= Date.parse(now);
          expect(purged.has(o.orderId)).toBe(due);
          if (plan.personIds.includes(o.personId)) expect(purged.has(o.orderId)).toBe(true);
        }
      }),
    );
  });
});
