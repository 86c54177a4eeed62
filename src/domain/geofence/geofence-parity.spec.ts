import fc from 'fast-check';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import sample from '../geometry/fixtures/gemeenten-2025-sample.json';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local-metric';
import { polygonsOf } from '../geometry/zone-geometry';
import { GeofenceEntry, GeofenceIndex } from './geofence-index';
import { NaiveGeofence } from './naive-geofence';
import { seededRandom, syntheticZones } from './synthetic-zones';

/**
 * The index against the turf linear scan. Containment must agree exactly (also for points on and next to edges).
 * Distances agree within 0.5 % + 5 cm: turf measures on a sphere, the index on the WGS84 ellipsoid (up to ~0.35 %
 * apart east-west here). For the municipal boundaries, whose simplified edges run up to 10 km, add 3 m: turf
 * measures to the great-circle arc between two vertices, while a GeoJSON edge is straight in longitude/latitude
 * (RFC 7946 3.1.1; also what turf's own point-in-polygon and PostGIS geometry use), and over 10 km the two lines
 * lie up to ~2.6 m apart.
 */
const municipalities = (sample.wgs84 as FeatureCollection<Polygon | MultiPolygon>).features.map(
  (f: Feature<Polygon | MultiPolygon>, i): GeofenceEntry => ({
    key: `gm${i}`,
    orderId: `o-gm${i}`,
    zoneId: String(f.properties?.statcode),
    zoneVersionId: `zv-gm${i}`,
    geometry: f.geometry,
  }),
);
// Small street-level zones around the sample municipalities (Harderwijk, Cranendonck, Weert, Amsterdam) and
// larger ones over the whole country.
const local = syntheticZones(300, { seed: 11, vertices: 60, extent: [5.55, 51.2, 5.9, 52.4], radiusM: [80, 900] });
const national = syntheticZones(300, { seed: 12, vertices: 200 }).map((e) => ({ ...e, key: `n-${e.key}` }));
const zones = [...municipalities, ...local, ...national];
const index = GeofenceIndex.build(zones);
const naive = new NaiveGeofence(zones);

function compare(lon: number, lat: number, radiusM: number, reference: NaiveGeofence = naive): void {
  const mine = new Map(index.query(lon, lat, radiusM).map((h) => [h.key, h]));
  const theirs = new Map(reference.query(lon, lat, radiusM).map((h) => [h.key, h]));
  for (const [key, ref] of theirs) {
    const hit = mine.get(key);
    if (!hit) {
      // Only a zone whose distance sits on the radius may differ between the two metrics.
      expect(ref.inside).toBe(false);
      expect(Math.abs(Math.abs(ref.distanceM) - radiusM)).toBeLessThanOrEqual(tolerance(key, radiusM));
      continue;
    }
    expect({ key, inside: hit.inside }).toEqual({ key, inside: ref.inside });
    expect(Math.abs(hit.distanceM - ref.distanceM)).toBeLessThanOrEqual(tolerance(key, ref.distanceM));
  }
  for (const [key, hit] of mine) {
    if (theirs.has(key)) continue;
    expect(hit.inside).toBe(false);
    expect(Math.abs(Math.abs(hit.distanceM) - radiusM)).toBeLessThanOrEqual(tolerance(key, radiusM));
  }
}

const tolerance = (key: string, d: number) => 0.005 * Math.abs(d) + (key.startsWith('gm') ? 3 : 0.05);

describe('GeofenceIndex agrees with the turf linear scan', () => {
  it('on 4,000 seeded random points over the zones (radius 0 and 50 m)', () => {
    const rand = seededRandom(2026);
    for (let i = 0; i < 4000; i++) {
      const [lon, lat] = i % 2 === 0 ? [5.55 + rand() * 0.35, 51.2 + rand() * 1.2] : [3.6 + rand() * 3.4, 51 + rand() * 2.4];
      compare(lon, lat, i % 3 === 0 ? 50 : 0);
    }
  });

  it('on every municipal vertex, 1 in 120 synthetic vertices, and 600 points just beside edges (fast-check)', () => {
    const vertices = (z: GeofenceEntry): Position[] => polygonsOf(z.geometry).flat(2);
    for (const v of municipalities.flatMap(vertices)) compare(v[0], v[1], 0);
    for (const v of [...local, ...national].flatMap(vertices).filter((_, i) => i % 120 === 0)) compare(v[0], v[1], 0);
    const edgePoint = fc
      .record({ zone: fc.nat(zones.length - 1), edge: fc.nat(), t: fc.double({ min: 0, max: 1, noNaN: true }), offsetM: fc.double({ min: -3, max: 3, noNaN: true }) })
      .map(({ zone, edge, t, offsetM }) => pointBeside(zones[zone], edge, t, offsetM));
    fc.assert(
      fc.property(edgePoint, ([lon, lat]) => compare(lon, lat, 5)),
      { numRuns: 600, seed: 42 },
    );
  });

  it('the comparison can fail: against a reference with one zone moved 50 m it reports a difference', () => {
    const moved = new NaiveGeofence(zones.map((z) => (z.key === 'gm0' ? { ...z, geometry: shift(z.geometry) } : z)));
    const [lon, lat] = polygonsOf(zones[0].geometry)[0][0][0];
    expect(() => compare(lon, lat, 0, moved)).toThrow();
  });
});

/** A point on edge `edge` (mod ring size) of the zone's first ring at parameter t, moved offsetM metres sideways. */
function pointBeside(zone: GeofenceEntry, edge: number, t: number, offsetM: number): [number, number] {
  const ring = polygonsOf(zone.geometry)[0][0];
  const i = edge % (ring.length - 1);
  const [ax, ay] = ring[i];
  const [bx, by] = ring[i + 1];
  const lat = ay + t * (by - ay);
  const mx = metresPerDegreeLon(lat);
  const my = metresPerDegreeLat(lat);
  const ex = (bx - ax) * mx;
  const ey = (by - ay) * my;
  const len = Math.hypot(ex, ey) || 1;
  return [ax + t * (bx - ax) + ((-ey / len) * offsetM) / mx, lat + ((ex / len) * offsetM) / my];
}

function shift(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const move = (p: Position) => [p[0] + 50 / metresPerDegreeLon(p[1]), p[1]];
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map((r) => r.map(move)) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map((r) => r.map(move))) };
}
