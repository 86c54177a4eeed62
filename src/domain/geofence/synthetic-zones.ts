import type { Polygon, Position } from 'geojson';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local-metric';
import { ZoneGeometry } from '../geometry/zone-geometry';
import type { GeofenceEntry } from './geofence-index';

/**
 * Seeded, realistic-looking zones for the parity tests and the benchmarks: star-shaped city-centre and
 * neighbourhood polygons (simple, valid), some with a hole, some MultiPolygons of two parts, spread over the
 * Netherlands. Deterministic for a seed, so a failing case can be replayed.
 */

/** A small, fast, seeded PRNG (mulberry32) returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A closed star-shaped ring around (lon, lat): radius varying in [0.6, 1] × radiusM, counter-clockwise by default. */
export function starRing(
  rand: () => number,
  lon: number,
  lat: number,
  radiusM: number,
  vertices: number,
  clockwise = false,
): Position[] {
  const mx = metresPerDegreeLon(lat);
  const my = metresPerDegreeLat(lat);
  const ring: Position[] = [];
  for (let i = 0; i < vertices; i++) {
    const angle = ((clockwise ? -1 : 1) * 2 * Math.PI * i) / vertices;
    const r = radiusM * (0.6 + 0.4 * rand());
    ring.push([lon + (r * Math.cos(angle)) / mx, lat + (r * Math.sin(angle)) / my]);
  }
  ring.push(ring[0]);
  return ring;
}

/** An axis-aligned square of half-width `halfM` metres around (lon, lat). */
export function squareAround(lon: number, lat: number, halfM: number): Polygon {
  const dx = halfM / metresPerDegreeLon(lat);
  const dy = halfM / metresPerDegreeLat(lat);
  const ring = [
    [lon - dx, lat - dy],
    [lon + dx, lat - dy],
    [lon + dx, lat + dy],
    [lon - dx, lat + dy],
    [lon - dx, lat - dy],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

export interface SyntheticZoneOptions {
  seed?: number;
  /** Vertices of a zone's outer ring (default 200). */
  vertices?: number;
  /** [minLon, minLat, maxLon, maxLat] the zone centres are drawn from (default: the Dutch mainland). */
  extent?: [number, number, number, number];
  /** Radius range of a zone in metres (default 150–1500 m). */
  radiusM?: [number, number];
}

/**
 * `count` zones as index entries (keys `z0`, `z1`, ...; zone versions `zv-<seed>-<i>`, unique per seed; every 10th
 * with a hole, every 7th a two-part MultiPolygon).
 */
export function syntheticZones(count: number, options: SyntheticZoneOptions = {}): GeofenceEntry[] {
  const seed = options.seed ?? 1;
  const rand = seededRandom(seed);
  const [minLon, minLat, maxLon, maxLat] = options.extent ?? [3.6, 51.0, 7.0, 53.4];
  const [minR, maxR] = options.radiusM ?? [150, 1500];
  const vertices = options.vertices ?? 200;
  const entries: GeofenceEntry[] = [];
  for (let i = 0; i < count; i++) {
    const lon = minLon + rand() * (maxLon - minLon);
    const lat = minLat + rand() * (maxLat - minLat);
    const radius = minR + rand() * (maxR - minR);
    const geometry = zoneShape(rand, i, lon, lat, radius, vertices);
    // Two zones per order on average, as orders often ban a centre and a station area.
    const orderId = `order-${i % Math.max(1, Math.floor(count / 2))}`;
    entries.push({ key: `z${i}`, orderId, zoneId: `zone-${i}`, zoneVersionId: `zv-${seed}-${i}`, geometry });
  }
  return entries;
}

function zoneShape(rand: () => number, i: number, lon: number, lat: number, r: number, n: number): ZoneGeometry {
  const shell = starRing(rand, lon, lat, r, n);
  if (i % 7 === 3) {
    const other = starRing(rand, lon + (3 * r) / metresPerDegreeLon(lat), lat, r / 2, Math.max(4, n >> 2));
    return { type: 'MultiPolygon', coordinates: [[shell], [other]] };
  }
  if (i % 10 === 5) return { type: 'Polygon', coordinates: [shell, starRing(rand, lon, lat, r / 4, 16, true)] };
  return { type: 'Polygon', coordinates: [shell] };
}
