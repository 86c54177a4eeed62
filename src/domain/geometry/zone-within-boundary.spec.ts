import { booleanPointInPolygon, centroid } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { squareAround } from '../geofence/synthetic-zones';
import sample from './fixtures/gemeenten-2025-sample.json';
import { metresPerDegreeLat, metresPerDegreeLon } from './local-metric';
import { zoneWithinBoundary } from './zone-within-boundary';

type Municipalities = FeatureCollection<Polygon | MultiPolygon, { statcode: string }>;
const boundaryOf = (code: string) =>
  (sample.wgs84 as Municipalities).features.find((f) => f.properties.statcode === code)!.geometry as Polygon;
const cranendonck = boundaryOf('GM1706');
const weert = boundaryOf('GM0988');

/** The midpoint of Cranendonck's longest boundary edge and the unit normal pointing into the municipality (metres). */
function borderSite(): { mid: Position; inward: [number, number] } {
  const ring = cranendonck.coordinates[0];
  let best = 0;
  let site = { mid: ring[0], inward: [0, 0] as [number, number] };
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i];
    const [bx, by] = ring[i + 1];
    const mx = metresPerDegreeLon(ay);
    const my = metresPerDegreeLat(ay);
    const len = Math.hypot((bx - ax) * mx, (by - ay) * my);
    if (len <= best) continue;
    best = len;
    const normal: [number, number] = [(-(by - ay) * my) / len, ((bx - ax) * mx) / len];
    const mid = [(ax + bx) / 2, (ay + by) / 2];
    const inside = booleanPointInPolygon(offset(mid, normal, 50), cranendonck);
    site = { mid, inward: inside ? normal : [-normal[0], -normal[1]] };
  }
  return site;
}

function offset(p: Position, dir: [number, number], metres: number): Position {
  return [p[0] + (dir[0] * metres) / metresPerDegreeLon(p[1]), p[1] + (dir[1] * metres) / metresPerDegreeLat(p[1])];
}

const { mid, inward } = borderSite();
const zoneAt = (metresInward: number, halfM: number) => {
  const [lon, lat] = offset(mid, inward, metresInward);
  return squareAround(lon, lat, halfM);
};

describe('zoneWithinBoundary (GW172A-ZONE-IN-MUNICIPALITY)', () => {
  it('does not fire for a zone inside the municipality', () => {
    const [lon, lat] = centroid(cranendonck).geometry.coordinates;
    expect(zoneWithinBoundary(squareAround(lon, lat, 400), cranendonck)).toBeNull();
    expect(zoneWithinBoundary(zoneAt(300, 150), cranendonck)).toBeNull(); // 150 m from the line, all inside
  });

  it('does not fire for the boundary itself (no slivers from floating point)', () => {
    expect(zoneWithinBoundary(cranendonck, cranendonck)).toBeNull();
  });

  it('warns when the overlap stays within 150 m of the simplified line', () => {
    const finding = zoneWithinBoundary(zoneAt(100, 150), cranendonck, { municipalityCode: 'GM1706', path: 'measures[0].zoneIds[0]' });
    expect(finding).toMatchObject({
      ruleId: 'GW172A-ZONE-IN-MUNICIPALITY',
      severity: 'warning',
      citation: 'art. 172a lid 1 Gemeentewet',
      path: 'measures[0].zoneIds[0]',
    });
    expect(finding?.message).toMatch(/m beyond the boundary, lies outside the municipality GM1706/);
    // The square is not aligned with the edge, so a corner reaches a little past the 50 m of its centre line.
    const reach = Number(/reaching (\d+) m/.exec(finding?.message ?? '')?.[1]);
    expect(reach).toBeGreaterThanOrEqual(50);
    expect(reach).toBeLessThanOrEqual(150);
  });

  it('warns when the overlap is under 2% of the zone, even if it reaches further', () => {
    const big = zoneAt(700, 600);
    expect(zoneWithinBoundary(big, cranendonck)).toBeNull(); // precondition: the large part lies inside
    const spike = zoneAt(-400, 60);
    const zone: MultiPolygon = { type: 'MultiPolygon', coordinates: [big.coordinates, spike.coordinates] };
    const finding = zoneWithinBoundary(zone, cranendonck);
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toMatch(/^1\.\d% of the zone/);
  });

  it('is an error when a large part lies well outside', () => {
    const finding = zoneWithinBoundary(zoneAt(-400, 500), cranendonck, { municipalityCode: 'GM1706' });
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toMatch(/a zone must lie within the municipality GM1706/);
  });

  it('measures the reach over the interior too: a zone around an enclave-like hole of the boundary', () => {
    const [lon, lat] = centroid(cranendonck).geometry.coordinates;
    const holed: Polygon = { type: 'Polygon', coordinates: [cranendonck.coordinates[0], [...squareAround(lon, lat, 800).coordinates[0]].reverse()] };
    const finding = zoneWithinBoundary(squareAround(lon, lat, 1000), holed, { warnAreaFraction: 0 });
    // The hole's edge is on the boundary, but its middle lies 800 m beyond it.
    expect(finding?.severity).toBe('error');
  });

  describe('on behalf of another mayor (lid 3)', () => {
    const [lon, lat] = centroid(weert).geometry.coordinates;
    const zoneInWeert = squareAround(lon, lat, 300);

    it("checks the zone against the other municipality's boundary", () => {
      expect(zoneWithinBoundary(zoneInWeert, weert, { onBehalfOf: 'GM0988' })).toBeNull();
    });

    it("is an error when the zone lies outside the other municipality, citing lid 3", () => {
      const finding = zoneWithinBoundary(zoneInWeert, cranendonck, { onBehalfOf: 'GM1706' });
      expect(finding).toMatchObject({ severity: 'error', citation: 'art. 172a lid 3 Gemeentewet' });
      expect(finding?.message).toMatch(/^100\.0% of the zone .* GM1706 on whose behalf/);
    });
  });
});
