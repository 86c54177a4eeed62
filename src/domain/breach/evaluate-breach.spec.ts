import fc from 'fast-check';
import { GeofenceIndex } from '../geofence/geofence-index';
import { squareAround } from '../geofence/synthetic-zones';
import { metresPerDegreeLon } from '../geometry/local-metric';
import { CENTRE, testOrder } from './breach-test-orders';
import type { BreachInput } from './breach-types';
import { VERDICT_SEVERITY } from './breach-types';
import { activeAt, evaluateBreach } from './evaluate-breach';

const AMS = 'Europe/Amsterdam';
const APRIL = '2026-04-15T12:00:00+02:00';
const mx = metresPerDegreeLon(CENTRE.lat);
/** A position `east` metres east of the zone centre (the zone's east edge is 300 m east). */
const east = (metres: number, accuracyM?: number) => ({ lon: CENTRE.lon + metres / mx, lat: CENTRE.lat, accuracyM });

const check = (orders: BreachInput['orders'], overrides: Partial<BreachInput> = {}) =>
  evaluateBreach({ orders, position: east(0), at: APRIL, timeZone: AMS, ...overrides });

describe('evaluateBreach: area ban', () => {
  it('is a BREACH inside the zone of an order in force, with the evidence a police officer needs', () => {
    const result = check([testOrder()], { position: east(200) });
    expect(result.verdict).toBe('BREACH');
    expect(result.evidence).toEqual([
      {
        orderId: 'order-1',
        orderVersion: 3,
        basis: 'GEMW_172A',
        measureType: 'AREA_BAN',
        measureIndex: 0,
        zoneId: 'centre',
        zoneVersionId: 'centre-v2',
        verdict: 'BREACH',
        inside: true,
        signedDistanceM: expect.closeTo(100, 0),
        validity: { mode: 'CONTINUOUS', start: '2026-03-01T00:00:00+01:00', end: '2026-06-01T00:00:00+02:00' },
        window: null,
        exemption: null,
        ruleIds: ['BREACH-IN-FORCE', 'BREACH-BOUNDARY'],
        reason: 'in the zone while the ban applies',
      },
    ]);
  });

  it('is NO_BREACH outside the zone, with no evidence', () => {
    expect(check([testOrder()], { position: east(400) })).toEqual({ verdict: 'NO_BREACH', evidence: [] });
  });

  it('is NO_BREACH inside the zone of an order not in force (a draft), with no evidence', () => {
    expect(check([testOrder({ status: 'DRAFT' })])).toEqual({ verdict: 'NO_BREACH', evidence: [] });
  });

  it.each([
    ['on the boundary, exact fix', east(300), 'BREACH'],
    ['on the boundary, 10 m accuracy', east(300, 10), 'UNCERTAIN'],
    ['100 m inside, 50 m accuracy', east(200, 50), 'BREACH'],
    ['100 m inside, 150 m accuracy', east(200, 150), 'UNCERTAIN'],
    ['30 m outside, 50 m accuracy', east(330, 50), 'UNCERTAIN'],
    ['30 m outside, 20 m accuracy', east(330, 20), 'NO_BREACH'],
  ])('BREACH-BOUNDARY: %s -> %s', (_what, position, verdict) => {
    expect(check([testOrder()], { position }).verdict).toBe(verdict);
  });

  it('ignores a hit for another version of the zone than the order holds', () => {
    const order = testOrder({ zones: [{ ...testOrder().zones![0], zoneVersionId: 'centre-v1' }] });
    expect(check([order]).verdict).toBe('NO_BREACH');
  });

  it('does not evaluate reporting duties', () => {
    const order = testOrder({
      measures: [{ type: 'REPORTING_DUTY', zoneIds: ['centre'], slots: [{ days: ['MON'], at: '10:00', windowMinutes: 30 }] }],
    });
    expect(check([order])).toEqual({ verdict: 'NO_BREACH', evidence: [] });
  });
});

describe('evaluateBreach: schedule (BREACH-SCHEDULE)', () => {
  const nightly = testOrder({
    measures: [{ type: 'AREA_BAN', zoneIds: ['centre'], zoneVersionIds: ['centre-v2'], schedule: [{ days: ['SAT'], from: '22:00', to: '06:00' }] }], // prettier-ignore
  });

  it('is a BREACH inside the window, across the spring-forward night, and reports the window', () => {
    const result = check([nightly], { at: '2026-03-29T03:30:00Z' }); // 05:30 CEST, Sunday
    expect(result.verdict).toBe('BREACH');
    expect(result.evidence[0].window).toMatchObject({
      day: '2026-03-28',
      from: { local: '2026-03-28T22:00:00+01:00', utc: '2026-03-28T21:00:00Z' },
      to: { local: '2026-03-29T06:00:00+02:00', utc: '2026-03-29T04:00:00Z' },
    });
    expect(result.evidence[0].ruleIds).toEqual(['BREACH-IN-FORCE', 'BREACH-SCHEDULE', 'BREACH-BOUNDARY']);
  });

  it('is NO_BREACH outside the window, and says the schedule decided', () => {
    const result = check([nightly], { at: '2026-03-29T04:00:00Z' }); // 06:00 CEST
    expect(result.verdict).toBe('NO_BREACH');
    expect(result.evidence[0]).toMatchObject({ verdict: 'NO_BREACH', window: null, ruleIds: ['BREACH-IN-FORCE', 'BREACH-SCHEDULE'] });
  });
});

describe('evaluateBreach: exemption (GW172A-EXEMPTION)', () => {
  const exemption = { id: 'ex-1', from: '2026-04-15T09:00:00+02:00', until: '2026-04-15T13:00:00+02:00', zoneIds: ['centre'] };

  it('is NO_BREACH inside the exemption window and zone, reporting the exemption', () => {
    const result = check([testOrder({ exemptions: [exemption] })]);
    expect(result.verdict).toBe('NO_BREACH');
    expect(result.evidence[0]).toMatchObject({
      verdict: 'NO_BREACH',
      exemption: { id: 'ex-1', from: exemption.from, until: exemption.until, zoneIds: ['centre'] },
      ruleIds: ['BREACH-IN-FORCE', 'GW172A-EXEMPTION'],
    });
  });

  it('is a BREACH when the exemption is for another zone or has ended', () => {
    expect(check([testOrder({ exemptions: [{ ...exemption, zoneIds: ['station'] }] })]).verdict).toBe('BREACH');
    expect(check([testOrder({ exemptions: [exemption] })], { at: exemption.until }).verdict).toBe('BREACH');
  });
});

describe('evaluateBreach: group ban (BREACH-GROUP)', () => {
  const groupBan = testOrder({ measures: [{ type: 'GROUP_BAN', zoneIds: ['centre'] }] });

  it.each([
    [5, 'POTENTIAL_BREACH'],
    [4, 'NO_BREACH'],
    [undefined, 'NO_BREACH'],
  ])('group of %s -> %s', (groupSize, verdict) => {
    const result = check([groupBan], { groupSize });
    expect(result.verdict).toBe(verdict);
    expect(result.evidence[0].ruleIds).toContain('BREACH-GROUP');
  });

  it('a large group at an uncertain position is UNCERTAIN', () => {
    expect(check([groupBan], { groupSize: 6, position: east(295, 10) }).verdict).toBe('UNCERTAIN');
  });
});

describe('evaluateBreach: several orders and measures', () => {
  const station = squareAround(CENTRE.lon + 250 / mx, CENTRE.lat, 100); // overlaps the centre zone's east part
  const two = testOrder({
    id: 'order-2',
    version: 1,
    measures: [
      { type: 'REPORTING_DUTY', slots: [] },
      { type: 'GROUP_BAN', zoneIds: ['station'] },
    ],
    zones: [{ zoneId: 'station', zoneVersionId: 'station-v1', geometry: station }],
  });

  it('lists every hit and takes the most severe verdict', () => {
    const result = check([two, testOrder()], { position: east(250), groupSize: 7 });
    expect(result.verdict).toBe('BREACH');
    expect(result.evidence.map((e) => [e.orderId, e.measureType, e.measureIndex, e.verdict])).toEqual([
      ['order-1', 'AREA_BAN', 0, 'BREACH'],
      ['order-2', 'GROUP_BAN', 1, 'POTENTIAL_BREACH'],
    ]);
  });

  it('POTENTIAL_BREACH beats UNCERTAIN', () => {
    const result = check([two, testOrder()], { position: east(250, 60), groupSize: 7 });
    expect(result.evidence.map((e) => e.verdict)).toEqual(['UNCERTAIN', 'POTENTIAL_BREACH']);
    expect(result.verdict).toBe('POTENTIAL_BREACH');
  });

  it('the verdict is always the most severe of the evidence (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 450 }),
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 1, max: 8 }),
        (metres, accuracyM, groupSize) => {
          const result = check([two, testOrder()], { position: east(metres, accuracyM), groupSize });
          const worst = Math.max(0, ...result.evidence.map((e) => VERDICT_SEVERITY[e.verdict]));
          expect(VERDICT_SEVERITY[result.verdict]).toBe(worst);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same answer from the geofence index, from zone hits, and from the orders own geometries', () => {
    const orders = [two, testOrder()];
    const index = GeofenceIndex.build(
      orders.flatMap((o) => o.zones!.map((z) => ({ key: `${o.id}:${z.zoneVersionId}`, orderId: o.id, ...z }))),
    );
    for (const metres of [-10, 100, 240, 299, 300, 310, 360]) {
      const position = east(metres, 15);
      const direct = check(orders, { position, groupSize: 5 });
      expect(check(orders, { position, groupSize: 5, index })).toEqual(direct);
      const zoneHits = index.query(position.lon, position.lat, 15);
      expect(check(orders, { position, groupSize: 5, zoneHits })).toEqual(direct);
    }
  });

  it('accepts the orders as a map by id', () => {
    expect(check(new Map([['order-1', testOrder()]])).verdict).toBe('BREACH');
  });
});

describe('evaluateBreach: input checks', () => {
  it.each([
    ['an instant without offset', { at: '2026-04-15T12:00:00' }],
    ['a negative accuracy', { position: east(0, -1) }],
    ['a group of 0', { groupSize: 0 }],
    ['a latitude out of range', { position: { lon: 5, lat: 95 } }],
  ])('rejects %s', (_what, overrides) => {
    expect(() => check([testOrder()], overrides)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('activeAt', () => {
  const nightly = testOrder({
    id: 'order-night',
    measures: [{ type: 'AREA_BAN', zoneIds: ['centre'], zoneVersionIds: ['centre-v2'], schedule: [{ days: ['WED'], from: '20:00', to: '06:00' }] }], // prettier-ignore
  });
  const group = testOrder({ id: 'order-group', measures: [{ type: 'GROUP_BAN', zoneIds: ['centre'] }] });
  const draft = testOrder({ id: 'order-draft', status: 'DRAFT' });
  const exempted = testOrder({
    id: 'order-exempt',
    exemptions: [{ id: 'ex-9', from: '2026-04-15T00:00:00+02:00', until: '2026-04-16T00:00:00+02:00' }],
  });
  const source = { orders: [nightly, group, draft, exempted], timeZone: AMS };

  it('lists the orders in force whose zone and schedule cover the point now', () => {
    const active = activeAt(source, east(0), APRIL);
    expect(active.map((a) => [a.orderId, a.measureType, a.exemptionId])).toEqual([
      ['order-group', 'GROUP_BAN', null],
      ['order-exempt', 'AREA_BAN', 'ex-9'],
    ]);
  });

  it('includes a scheduled order inside its window, with the window', () => {
    const active = activeAt(source, east(0), '2026-04-15T23:00:00+02:00');
    expect(active.find((a) => a.orderId === 'order-night')?.window?.to.local).toBe('2026-04-16T06:00:00+02:00');
  });

  it('lists nothing outside the zones', () => {
    expect(activeAt(source, east(301), APRIL)).toEqual([]);
  });
});
