import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { withMemoisedZoneOffsets } from './zone-offset-memo';

describe('withMemoisedZoneOffsets', () => {
  const ZONE = 'Europe/Amsterdam';

  it('gives the same local times as luxon without the memo, across daylight-saving changes', () => {
    const instants = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2060, 0, 1) });
    fc.assert(
      fc.property(fc.array(instants, { minLength: 1, maxLength: 50 }), (ts) => {
        const plain = ts.map((t) => DateTime.fromMillis(t, { zone: ZONE }).plus({ months: 3 }).toISO());
        const memoised = withMemoisedZoneOffsets([ZONE], () => [...ts, ...ts].map((t) => DateTime.fromMillis(t, { zone: ZONE }).plus({ months: 3 }).toISO()));
        expect(memoised).toEqual([...plain, ...plain]);
      }),
    );
  });

  it('is installed only while the function runs, and removed when it throws', () => {
    const zone = IANAZone.create(ZONE);
    const own = () => Object.prototype.hasOwnProperty.call(zone, 'offset');
    expect(withMemoisedZoneOffsets([ZONE, 'Not/AZone'], () => own())).toBe(true);
    expect(own()).toBe(false);
    expect(() => withMemoisedZoneOffsets([ZONE], () => { throw new Error('boom'); })).toThrow('boom');
    expect(own()).toBe(false);
  });

  it('does not stack when nested', () => {
    const zone = IANAZone.create(ZONE);
    withMemoisedZoneOffsets([ZONE], () => {
      const outer = (zone as unknown as { offset: unknown }).offset;
      withMemoisedZoneOffsets([ZONE], () => expect((zone as unknown as { offset: unknown }).offset).toBe(outer));
      expect(Object.prototype.hasOwnProperty.call(zone, 'offset')).toBe(true);
    });
    expect(Object.prototype.hasOwnProperty.call(zone, 'offset')).toBe(false);
  });
});
