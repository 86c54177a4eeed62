import { existsSync, readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import sample from './fixtures/gemeenten-2025-sample.json';
import { crs84ToRdNew, rdNewToCrs84 } from './rd-new';
import { polygonsOf } from './zone-geometry';
import { validateZoneGeometry } from './zone-validation';

type Municipalities = FeatureCollection<Polygon | MultiPolygon, { statcode: string }>;
const rd = sample.rd as Municipalities;
const wgs84 = sample.wgs84 as Municipalities;

const byCode = (fc: Municipalities, code: string) =>
  fc.features.find((f) => f.properties.statcode === code) as Feature<Polygon | MultiPolygon, { statcode: string }>;
const positions = (g: Polygon | MultiPolygon): Position[] => polygonsOf(g).flat(2);

/** Largest coordinate difference in degrees between two geometries of the same structure. */
function maxDifference(a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): number {
  const pa = positions(a);
  const pb = positions(b);
  expect(pa.length).toBe(pb.length);
  return Math.max(...pa.map((p, i) => Math.max(Math.abs(p[0] - pb[i][0]), Math.abs(p[1] - pb[i][1]))));
}

describe('rdNewToCrs84 (EPSG:28992 -> CRS84)', () => {
  it('puts the RD origin (155000, 463000) at Amersfoort, 52.1552 N 5.3872 E', () => {
    const point = rdNewToCrs84({ type: 'Point', coordinates: [155000, 463000] });
    expect(point.coordinates[0]).toBeCloseTo(5.38720, 4);
    expect(point.coordinates[1]).toBeCloseTo(52.15517, 4);
  });

  // The WGS84 file has 3 decimals (rounding error up to 0.0005 degree), the RD file whole metres.
  it.each(['GM1706', 'GM1950', 'GM0243'])('converts %s to the published WGS84 shape within 0.001 degree', (code) => {
    const converted = rdNewToCrs84(byCode(rd, code).geometry);
    expect(maxDifference(converted, byCode(wgs84, code).geometry)).toBeLessThan(0.001);
    expect(validateZoneGeometry(converted).problems).toEqual([]);
  });

  it('fails the comparison when the datum shift is left out (the test can tell)', () => {
    const withoutShift = byCode(rd, 'GM1706').geometry;
    const shifted = { ...withoutShift, coordinates: JSON.parse(JSON.stringify(withoutShift.coordinates)) };
    // 100 m east in RD is about 0.0015 degree of longitude: must be caught.
    for (const p of positions(shifted)) p[0] += 100;
    expect(maxDifference(rdNewToCrs84(shifted), byCode(wgs84, 'GM1706').geometry)).toBeGreaterThan(0.001);
  });

  it('converts a Feature, drops a bbox in metres, and passes non-numbers through for validation to report', () => {
    const feature = { type: 'Feature', bbox: [1, 2, 3, 4], properties: { a: 1 }, geometry: { type: 'Polygon', bbox: [1, 2, 3, 4], coordinates: [[[155000, 463000], ['x', 463000]]] } };
    const out = rdNewToCrs84(feature);
    expect(out.properties).toEqual({ a: 1 });
    expect(out.geometry).not.toHaveProperty('bbox');
    expect(out.geometry.coordinates[0][1]).toEqual(['x', 463000]);
  });

  it('round-trips through crs84ToRdNew within a centimetre', () => {
    const original = byCode(rd, 'GM0243').geometry;
    const back = crs84ToRdNew(rdNewToCrs84(original));
    const a = positions(original);
    positions(back).forEach((p, i) => {
      expect(Math.abs(p[0] - a[i][0])).toBeLessThan(0.01);
      expect(Math.abs(p[1] - a[i][1])).toBeLessThan(0.01);
    });
  });
});

const SHARED = '/work/shared/data';
const haveShared = existsSync(`${SHARED}/gemeente_2025_rd.geojson`);

(haveShared ? describe : describe.skip)('rdNewToCrs84 over the full 2025 municipal files (when shared/data is present)', () => {
  it('matches the WGS84 file within 0.001 degree for at least 95% of municipalities of the same structure', () => {
    const rdAll = JSON.parse(readFileSync(`${SHARED}/gemeente_2025_rd.geojson`, 'utf8')) as Municipalities;
    const wgsAll = JSON.parse(readFileSync(`${SHARED}/gemeente_2025_wgs84.geojson`, 'utf8')) as Municipalities;
    let same = 0;
    let within = 0;
    for (const f of rdAll.features) {
      const target = byCode(wgsAll, f.properties.statcode);
      if (positions(f.geometry).length !== positions(target.geometry).length) continue; // simplified differently
      same++;
      const converted = positions(rdNewToCrs84(f.geometry));
      const published = positions(target.geometry);
      const worst = Math.max(...converted.map((p, i) => Math.max(Math.abs(p[0] - published[i][0]), Math.abs(p[1] - published[i][1]))));
      if (worst < 0.001) within++;
    }
    expect(same).toBeGreaterThan(300);
    expect(within / same).toBeGreaterThanOrEqual(0.95);
  });
});
