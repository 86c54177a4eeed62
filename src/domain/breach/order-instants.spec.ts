import { CENTRE, testOrder } from './breach-test-orders';
import type { BreachOrder } from './breach-types';
import { activeAt, evaluateBreach } from './evaluate-breach';
import { orderInstants, prepareBreachOrder } from './order-instants';

const AMS = 'Europe/Amsterdam';

/** Orders that exercise every date the rules read: extensions, suspensions, withdrawal, exemptions, schedules. */
const orders: BreachOrder[] = [
  testOrder(),
  testOrder({ id: 'extended', status: 'EXTENDED', extensions: [
    { decidedAt: '2026-05-20T10:00:00+02:00', previousEnd: '2026-06-01T00:00:00+02:00', newEnd: '2026-09-01T00:00:00+02:00' },
    { decidedAt: '2026-05-10T10:00:00+02:00', previousEnd: '2026-06-01T00:00:00+02:00', newEnd: '2026-07-01T00:00:00+02:00' },
  ] }), // prettier-ignore
  testOrder({ id: 'suspended', suspensions: [{ from: '2026-04-10T10:00:00+02:00', until: '2026-04-20T00:00:00+02:00' }, { from: '2026-05-10T00:00:00+02:00' }] }),
  testOrder({ id: 'withdrawn', status: 'WITHDRAWN', withdrawnAt: '2026-04-25T09:00:00+02:00' }),
  testOrder({ id: 'revoked', status: 'REVOKED' }),
  testOrder({ id: 'exempt', exemptions: [{ id: 'ex', from: '2026-04-15T10:00:00+02:00', until: '2026-04-15T14:00:00+02:00', zoneIds: ['centre'] }] }),
  testOrder({ id: 'nights', measures: [{ type: 'AREA_BAN', zoneIds: ['centre'], zoneVersionIds: ['centre-v2'], schedule: [{ days: ['FRI', 'SAT'], from: '22:00', to: '04:00' }] }, { type: 'REPORTING_DUTY' }] }),
  testOrder({ id: 'days', validity: { mode: 'SEPARATE_DAYS', days: ['2026-04-15', '2026-04-18'] } }),
  testOrder({ id: 'unnotified', procedure: { signatory: { role: 'MAYOR', name: 'M' } } }),
];

describe('prepareBreachOrder (dates parsed once)', () => {
  it('keeps the rules answers unchanged: prepared and unprepared orders give the same results hour by hour', () => {
    const prepared = orders.map((o) => prepareBreachOrder({ ...o }));
    const start = Date.parse('2026-02-25T00:00:00Z');
    let breaches = 0;
    for (let hour = 0; hour < 24 * 220; hour += 7) {
      const at = new Date(start + hour * 3_600_000).toISOString();
      const position = { lon: CENTRE.lon, lat: CENTRE.lat, accuracyM: 5 };
      const plain = evaluateBreach({ orders, position, at, timeZone: AMS });
      expect(evaluateBreach({ orders: prepared, position, at, timeZone: AMS })).toEqual(plain);
      expect(activeAt({ orders: prepared, timeZone: AMS }, CENTRE, at)).toEqual(activeAt({ orders, timeZone: AMS }, CENTRE, at));
      breaches += plain.evidence.filter((e) => e.verdict === 'BREACH').length;
    }
    expect(breaches).toBeGreaterThan(100);
  });

  it('reads the latest decided extension, open-ended suspensions and missing dates', () => {
    const t = orderInstants(orders[1]);
    expect(t.endText).toBe('2026-09-01T00:00:00+02:00');
    expect(t.end).toBe(Date.parse('2026-09-01T00:00:00+02:00'));
    expect(orderInstants(orders[2]).suspensions).toEqual([Date.parse('2026-04-10T08:00:00Z'), Date.parse('2026-04-19T22:00:00Z'), Date.parse('2026-05-09T22:00:00Z'), Infinity]);
    expect(orderInstants(orders[8]).notifiedAt).toBeNaN();
    expect(orderInstants(orders[7]).start).toBeNaN();
    expect(orderInstants(orders[6]).schedules).toEqual([[{ days: 0b0110000, from: 22 * 60, to: 4 * 60 }], null]);
  });

  it('refuses a malformed date when the order is loaded, as the check would', () => {
    expect(() => orderInstants(testOrder({ withdrawnAt: '2026-13-01T00:00:00Z' }))).toThrow(/RFC 3339/);
  });
});
