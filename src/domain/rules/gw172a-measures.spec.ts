import type { MultiPolygon, Polygon } from 'geojson';
import type { ProsecutorOrder } from '../municipality/municipality-config';
import type { Measure, ReportingPlace } from '../order/order';
import { areasOverlap, checkGw172aOvjConflict, checkGw172aReportElsewhere } from './gw172a-measures';
import { apvOrder, ctxFor, ids, issued172a, municipality, order172a, square } from './testing/fixtures';

function reportingAt(place: ReportingPlace): Measure[] {
  return [{ type: 'REPORTING_DUTY', place, slots: [{ days: ['SAT'], at: '14:00', windowMinutes: 30 }] }];
}

const elsewhere: ReportingPlace = { name: 'Politiebureau Oss', municipalityCode: 'GM1842' };

describe('GW172A-REPORT-ELSEWHERE (art. 172a lid 4)', () => {
  // The baseline order starts 2 March 2026 00:00; now is 1 March 2026 12:00.
  it.each([
    ['in the own municipality', { ...elsewhere, municipalityCode: 'GM1991' }, false],
    ['elsewhere without a notice', elsewhere, true],
    ['elsewhere, notice before the start', { ...elsewhere, noticeToMayorAt: '2026-02-27T09:00:00+01:00' }, false],
    ['elsewhere, notice dated on the day of the start', { ...elsewhere, noticeToMayorAt: '2026-03-02' }, false],
    ['elsewhere, notice one minute after the start', { ...elsewhere, noticeToMayorAt: '2026-03-02T00:01:00+01:00' }, true],
  ])('a reporting place %s → fires: %p', (_label, place, fires) => {
    const ctx = ctxFor(order172a({ measures: reportingAt(place) }), { now: '2026-03-03T12:00:00+01:00' });
    expect(ids(checkGw172aReportElsewhere(ctx))).toEqual(fires ? ['GW172A-REPORT-ELSEWHERE'] : []);
  });

  it('a notice dated after now has not been given yet', () => {
    const order = order172a({ measures: reportingAt({ ...elsewhere, noticeToMayorAt: '2026-03-01T18:00:00+01:00' }) });
    expect(checkGw172aReportElsewhere(ctxFor(order))).toEqual([
      expect.objectContaining({ severity: 'error', path: 'measures[0].place.noticeToMayorAt', message: expect.stringContaining('not yet') }),
    ]);
  });

  it('needs no notice for the municipality on whose behalf the order is given, once its request is recorded', () => {
    const basis = { kind: 'GEMW_172A' as const, ground: 'REPEATED' as const, onBehalfOf: 'GM1842' };
    const measures = reportingAt(elsewhere);
    expect(checkGw172aReportElsewhere(ctxFor(order172a({ basis: { ...basis, onBehalfOfRequestAt: '2026-02-01' }, measures })))).toEqual([]);
    expect(checkGw172aReportElsewhere(ctxFor(order172a({ basis, measures })))).toHaveLength(1);
  });
});

const centrum = square(5.6, 51.65, 0.01);
const touching = square(5.62, 51.65, 0.01); // shares the eastern edge of `centrum`
const overlapping = square(5.605, 51.65, 0.01);
const faraway = square(6.0, 52.0, 0.01);

function prosecutorOrder(geometry: Polygon | MultiPolygon, overrides: Partial<ProsecutorOrder> = {}): ProsecutorOrder {
  return { personId: 'person-1', geometry, from: '2026-01-15', reference: 'OM-2026-77', ...overrides };
}

function ovjCtx(prosecutorOrders: ProsecutorOrder[], geometries = new Map([['centrum', centrum as Polygon | MultiPolygon]])) {
  return ctxFor(order172a(), { municipality: municipality({ prosecutorOrders }), zoneGeometries: geometries });
}

describe('GW172A-OVJ-CONFLICT (art. 172a lid 5, art. 509hh Sv)', () => {
  it.each([
    ['overlapping area', prosecutorOrder(overlapping), true],
    ['the same area', prosecutorOrder(centrum), true],
    ['an area that only touches the zone', prosecutorOrder(touching), false],
    ['a distant area', prosecutorOrder(faraway), false],
    ['an overlapping area for another person', prosecutorOrder(overlapping, { personId: 'person-2' }), false],
    ['an overlapping area whose order ended the day before the start', prosecutorOrder(overlapping, { until: '2026-03-01' }), false],
    ['an overlapping area whose order runs through the first day', prosecutorOrder(overlapping, { until: '2026-03-02' }), true],
    ['an overlapping area whose order starts after the end', prosecutorOrder(overlapping, { from: '2026-06-02T00:00:00+02:00' }), false],
  ])('%s → fires: %p', (_label, prosecutor, fires) => {
    const findings = checkGw172aOvjConflict(ovjCtx([prosecutor]));
    expect(findings).toEqual(fires ? [expect.objectContaining({ ruleId: 'GW172A-OVJ-CONFLICT', severity: 'error', path: 'measures[0].zoneIds[0]' })] : []);
  });

  it('cannot rule out an overlap when the zone geometry is missing', () => {
    expect(checkGw172aOvjConflict(ovjCtx([prosecutorOrder(faraway)], new Map()))).toEqual([
      expect.objectContaining({ message: expect.stringContaining('cannot be ruled out') }),
    ]);
  });

  it('needs no geometry when there is no prosecutor order', () => {
    expect(checkGw172aOvjConflict(ovjCtx([], new Map()))).toEqual([]);
  });

  it('checks group bans and ignores the reporting place', () => {
    const order = order172a({ measures: [...order172a().measures, { type: 'GROUP_BAN', zoneIds: ['centrum'] }] });
    const ctx = ctxFor(order, {
      municipality: municipality({ prosecutorOrders: [prosecutorOrder(overlapping)] }),
      zoneGeometries: new Map([['centrum', centrum]]),
    });
    expect(checkGw172aOvjConflict(ctx).map((f) => f.path)).toEqual(['measures[0].zoneIds[0]', 'measures[2].zoneIds[0]']);
  });

  it('sees a proposed extension that reaches into a later prosecutor order', () => {
    const later = prosecutorOrder(overlapping, { from: '2026-07-01' });
    const proposal = { decidedAt: '2026-05-20T10:00:00+02:00', previousEnd: '2026-06-02T00:00:00+02:00', newEnd: '2026-09-02T00:00:00+02:00', motivation: { fear: 'still' } };
    const base = { municipality: municipality({ prosecutorOrders: [later] }), zoneGeometries: new Map([['centrum', centrum]]) };
    expect(checkGw172aOvjConflict(ctxFor(issued172a(), base))).toEqual([]);
    expect(checkGw172aOvjConflict(ctxFor(issued172a(), { ...base, action: { kind: 'EXTEND', extension: proposal } }))).toHaveLength(1);
  });

  it('does not apply to APV orders', () => {
    const ctx = ctxFor(apvOrder({ measures: [{ type: 'AREA_BAN', zoneIds: ['centrum'] }] }), {
      municipality: municipality({ prosecutorOrders: [prosecutorOrder(centrum)] }),
      zoneGeometries: new Map([['centrum', centrum]]),
    });
    expect(checkGw172aOvjConflict(ctx)).toEqual([]);
  });

  it('areasOverlap handles multipolygons', () => {
    const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [faraway.coordinates, overlapping.coordinates] };
    expect(areasOverlap(centrum, multi)).toBe(true);
    expect(areasOverlap(centrum, { type: 'MultiPolygon', coordinates: [faraway.coordinates] })).toBe(false);
  });
});
