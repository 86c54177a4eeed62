import type { Measure } from '../order/order';
import { parseInstant } from '../time/windows';
import { testOrder } from './breach-test-orders';
import {
  effectiveEnd,
  exemptionFor,
  groupBanCanApply,
  orderInForce,
  scheduleApplies,
  spatialStatus,
} from './breach-rules';

const AMS = 'Europe/Amsterdam';
const t = (iso: string) => parseInstant(iso);
const APRIL = t('2026-04-15T12:00:00+02:00');

describe('orderInForce (BREACH-IN-FORCE)', () => {
  it.each(['ISSUED', 'EXTENDED', 'AMENDED'] as const)('fires for a notified %s order inside its validity', (status) => {
    expect(orderInForce(testOrder({ status }), APRIL, AMS)).toEqual({
      inForce: true,
      validity: { mode: 'CONTINUOUS', start: '2026-03-01T00:00:00+01:00', end: '2026-06-01T00:00:00+02:00' },
    });
  });

  it.each([
    ['a draft', { status: 'DRAFT' as const }, 'NOT_ISSUED'],
    ['an order whose intent notice was sent', { status: 'INTENT_SENT' as const }, 'NOT_ISSUED'],
    ['an order never notified', { procedure: { signatory: { role: 'MAYOR' as const, name: 'M' } } }, 'NOT_NOTIFIED'],
    [
      'an order notified after the instant',
      { procedure: { signatory: { role: 'MAYOR' as const, name: 'M' }, notifiedAt: '2026-04-15T12:00:01+02:00' } },
      'NOT_NOTIFIED',
    ],
    ['a withdrawn order', { status: 'WITHDRAWN' as const, withdrawnAt: '2026-04-15T12:00:00+02:00' }, 'WITHDRAWN'],
    ['a WITHDRAWN order without its date', { status: 'WITHDRAWN' as const }, 'WITHDRAWN'],
    ['a revoked order (objection upheld)', { status: 'REVOKED' as const, revokedAt: '2026-04-01T09:00:00+02:00' }, 'REVOKED'],
    ['an order suspended by the court', { suspensions: [{ from: '2026-04-10T10:00:00+02:00' }] }, 'SUSPENDED'],
    ['a SUSPENDED order without its dates', { status: 'SUSPENDED' as const }, 'SUSPENDED'],
    ['an order not yet started', { validity: { mode: 'CONTINUOUS' as const, start: '2026-05-01T00:00:00+02:00', end: '2026-06-01T00:00:00+02:00' } }, 'NOT_STARTED'], // prettier-ignore
    ['an order that ended (end exclusive)', { validity: { mode: 'CONTINUOUS' as const, start: '2026-03-01T00:00:00+01:00', end: '2026-04-15T12:00:00+02:00' } }, 'ENDED'], // prettier-ignore
    ['an order on separate days, not today', { validity: { mode: 'SEPARATE_DAYS' as const, days: ['2026-04-14', '2026-04-16'] } }, 'NOT_AN_ORDER_DAY'], // prettier-ignore
  ])('does not fire for %s', (_what, overrides, reason) => {
    expect(orderInForce(testOrder(overrides), APRIL, AMS)).toEqual({ inForce: false, reason });
  });

  it('is in force at the notification instant, and at the start instant (both inclusive)', () => {
    const order = testOrder({
      procedure: { signatory: { role: 'MAYOR', name: 'M' }, notifiedAt: '2026-03-01T00:00:00+01:00' },
    });
    expect(orderInForce(order, t('2026-03-01T00:00:00+01:00'), AMS).inForce).toBe(true);
    expect(orderInForce(order, t('2026-02-28T23:59:59+01:00'), AMS).inForce).toBe(false);
  });

  it('was in force before a later withdrawal or revocation (a check about a past instant)', () => {
    expect(orderInForce(testOrder({ status: 'WITHDRAWN', withdrawnAt: '2026-05-01T00:00:00+02:00' }), APRIL, AMS).inForce).toBe(true); // prettier-ignore
    expect(orderInForce(testOrder({ status: 'REVOKED', revokedAt: '2026-05-01T00:00:00+02:00' }), APRIL, AMS).inForce).toBe(true); // prettier-ignore
  });

  it('is in force again after a suspension ends (until exclusive)', () => {
    const order = testOrder({ suspensions: [{ from: '2026-04-10T10:00:00+02:00', until: '2026-04-15T12:00:00+02:00' }] });
    expect(orderInForce(order, APRIL, AMS).inForce).toBe(true);
    expect(orderInForce(order, APRIL - 1, AMS)).toEqual({ inForce: false, reason: 'SUSPENDED' });
  });

  it('runs to the end of the most recently decided extension, whatever the order of the list', () => {
    const ext = (decidedAt: string, previousEnd: string, newEnd: string) => ({ decidedAt, previousEnd, newEnd });
    const order = testOrder({
      status: 'EXTENDED',
      validity: { mode: 'CONTINUOUS', start: '2026-01-01T00:00:00+01:00', end: '2026-04-01T00:00:00+02:00' },
      extensions: [
        ext('2026-03-20T10:00:00+01:00', '2026-04-01T00:00:00+02:00', '2026-07-01T00:00:00+02:00'),
        ext('2026-09-20T10:00:00+02:00', '2026-10-01T00:00:00+02:00', '2026-12-01T00:00:00+01:00'),
        ext('2026-06-20T10:00:00+02:00', '2026-07-01T00:00:00+02:00', '2026-10-01T00:00:00+02:00'),
      ],
    });
    expect(effectiveEnd(order)).toBe('2026-12-01T00:00:00+01:00');
    expect(orderInForce(order, t('2026-11-30T23:00:00+01:00'), AMS).inForce).toBe(true);
    expect(orderInForce(order, t('2026-12-01T00:00:00+01:00'), AMS)).toEqual({ inForce: false, reason: 'ENDED' });
    expect(orderInForce(testOrder({ validity: order.validity }), APRIL, AMS).inForce).toBe(false);
  });

  it('on separate days: the whole local day, whatever the UTC date', () => {
    const order = testOrder({ validity: { mode: 'SEPARATE_DAYS', days: ['2026-03-29'] } });
    expect(orderInForce(order, t('2026-03-28T23:30:00Z'), AMS)).toEqual({
      inForce: true,
      validity: { mode: 'SEPARATE_DAYS', day: '2026-03-29', start: '2026-03-29T00:00:00+01:00', end: '2026-03-30T00:00:00+02:00' }, // prettier-ignore
    });
    expect(orderInForce(order, t('2026-03-28T22:59:59Z'), AMS).inForce).toBe(false);
    expect(orderInForce(order, t('2026-03-29T22:00:00Z'), AMS).inForce).toBe(false);
  });
});

describe('scheduleApplies (BREACH-SCHEDULE)', () => {
  const area: Measure = { type: 'AREA_BAN', zoneIds: ['centre'] };
  const saturdays: Measure = { ...area, schedule: [{ days: ['SAT'], from: '10:00', to: '18:00' }] };

  it('applies all day without a schedule', () => {
    expect(scheduleApplies(area, t('2026-04-15T03:00:00+02:00'), AMS)).toEqual({ applies: true, window: null });
  });

  it('applies inside a window and reports it', () => {
    const result = scheduleApplies(saturdays, t('2026-04-18T17:59:00+02:00'), AMS);
    expect(result.applies).toBe(true);
    expect(result.window?.from).toEqual({ local: '2026-04-18T10:00:00+02:00', utc: '2026-04-18T08:00:00Z' });
  });

  it('does not apply outside the windows', () => {
    expect(scheduleApplies(saturdays, t('2026-04-18T18:00:00+02:00'), AMS)).toEqual({ applies: false, window: null });
  });
});

describe('spatialStatus (BREACH-BOUNDARY)', () => {
  it.each([
    [true, 0, 0, 'INSIDE', 'on the boundary counts as inside'],
    [true, 100, 0, 'INSIDE', 'inside, exact fix'],
    [true, 100, 100, 'INSIDE', 'accuracy circle touching the edge from inside'],
    [true, 100, 100.5, 'UNCERTAIN', 'accuracy circle crossing the edge from inside'],
    [true, 0, 5, 'UNCERTAIN', 'on the boundary with an inexact fix'],
    [false, -30, 0, 'OUTSIDE', 'outside, exact fix'],
    [false, -30, 29.9, 'OUTSIDE', 'accuracy circle short of the edge'],
    [false, -30, 30, 'UNCERTAIN', 'accuracy circle reaching the edge from outside'],
  ] as const)('inside=%s d=%s acc=%s -> %s (%s)', (inside, d, acc, expected, _why) => {
    expect(spatialStatus(inside, d, acc)).toBe(expected);
  });
});

describe('groupBanCanApply (BREACH-GROUP)', () => {
  it.each([
    [undefined, false],
    [1, false],
    [4, false],
    [5, true],
    [12, true],
  ])('group of %s -> %s', (size, expected) => expect(groupBanCanApply(size)).toBe(expected));
});

describe('exemptionFor (GW172A-EXEMPTION)', () => {
  const order = testOrder({
    exemptions: [
      { id: 'court', from: '2026-04-15T09:00:00+02:00', until: '2026-04-15T13:00:00+02:00', zoneIds: ['centre'] },
      { id: 'everywhere', from: '2026-04-20T09:00:00+02:00', until: '2026-04-20T10:00:00+02:00' },
    ],
  });

  it('fires inside its window for its zone', () => expect(exemptionFor(order, 'centre', APRIL)?.id).toBe('court'));
  it('fires for any zone when it names none', () => {
    expect(exemptionFor(order, 'station', t('2026-04-20T09:30:00+02:00'))?.id).toBe('everywhere');
  });
  it('does not fire for another zone', () => expect(exemptionFor(order, 'station', APRIL)).toBeNull());
  it('does not fire at its end (until exclusive)', () => {
    expect(exemptionFor(order, 'centre', t('2026-04-15T13:00:00+02:00'))).toBeNull();
  });
});
